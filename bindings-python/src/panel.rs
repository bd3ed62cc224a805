//! `panel(...)` and `panel_csv(...)`: many reports checked together by core's
//! `zfxxgk::panel`; this only converts arguments in and results out.

use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use zfxxgk::panel::{COLUMNS, Entry, Field, Options, Panel, Request};

use crate::convert;

fn options(aliases: Vec<(String, String)>, kind: &str, max_diagnostics: Option<usize>) -> PyResult<Options> {
    Ok(Options {
        aliases,
        max_diagnostics,
        kind: crate::kind_arg(kind)?,
    })
}

fn files(request: &Request) -> PyResult<Vec<PathBuf>> {
    request
        .files()
        .map_err(|(dir, e)| PyOSError::new_err(format!("{}: {}", dir.display(), zfxxgk::files::io_en(&e))))
}

fn request(
    paths: Vec<PathBuf>,
    extensions: Vec<String>,
    aliases: Vec<(String, String)>,
    kind: &str,
    max_diagnostics: Option<usize>,
) -> PyResult<Request> {
    Ok(Request {
        paths,
        extensions,
        options: options(aliases, kind, max_diagnostics)?,
    })
}

/// The checked panel: every report's result, and rows made on demand.
#[pyclass(frozen, module = "zfxxgk._native", name = "PanelResult")]
pub(crate) struct PanelResult {
    organs: Vec<zfxxgk::panel::Organ>,
    duplicates: Vec<(String, u32, Vec<String>, bool)>,
    similar: Vec<(String, String)>,
    entries: Vec<Entry>,
    totals: zfxxgk::panel::Totals,
}

fn field<'py>(py: Python<'py>, f: &Field) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    match f {
        Field::Null => Ok(py.None().into_bound(py)),
        Field::Int(v) => v.into_bound_py_any(py),
        Field::Text(t) | Field::Decimal(t) => Ok(PyString::new(py, t).into_any()),
    }
}

fn totals<'py>(py: Python<'py>, t: &zfxxgk::panel::Totals) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("files", t.files)?;
    d.set_item("with_errors", t.with_errors)?;
    d.set_item("unreadable", t.unreadable)?;
    d.set_item("cross_year", t.cross_year)?;
    d.set_item("errors", t.errors)?;
    d.set_item("warnings", t.warnings)?;
    d.set_item("infos", t.infos)?;
    Ok(d)
}

#[pymethods]
impl PanelResult {
    /// [{name, key, years, files}] in key order.
    #[getter]
    fn organs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for o in &self.organs {
            let d = PyDict::new(py);
            d.set_item("name", &o.name)?;
            d.set_item("key", &o.key)?;
            d.set_item("years", &o.years)?;
            d.set_item("files", o.files)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// [{organ, year, files, figures_agree}] for every organ and year with several files.
    #[getter]
    fn duplicates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for (organ, year, files, conflict) in &self.duplicates {
            let d = PyDict::new(py);
            d.set_item("organ", organ)?;
            d.set_item("year", year)?;
            d.set_item("files", files)?;
            d.set_item("figures_agree", !conflict)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// [(name, name)]: organ names that differ only by a bracketed note (not merged).
    #[getter]
    fn similar_names(&self) -> Vec<(String, String)> {
        self.similar.clone()
    }

    /// {files, with_errors, unreadable, cross_year, errors, warnings, infos}.
    #[getter]
    fn totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        totals(py, &self.totals)
    }

    /// [{file, organ, panel_organ, year, format, role, previous, diagnostics, notes}] in
    /// the panel's order (organ, year, file; then the files not placed).
    fn reports<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for e in &self.entries {
            let d = PyDict::new(py);
            d.set_item("file", e.file.display().to_string())?;
            d.set_item("organ", &e.organ)?;
            d.set_item("panel_organ", &e.panel_organ)?;
            d.set_item("year", e.year)?;
            d.set_item("format", e.format.map(|f| f.as_str()))?;
            d.set_item("role", e.role.as_str())?;
            d.set_item("previous", e.previous.as_ref().map(|p| p.display().to_string()))?;
            let v = zfxxgk::Validation {
                diagnostics: e.diagnostics.clone(),
                truncated: e.truncated.clone(),
            };
            d.set_item("diagnostics", convert::diagnostics(py, &v)?)?;
            let notes = serde_json::to_value(&e.notes).map_err(|e| PyValueError::new_err(e.to_string()))?;
            d.set_item("notes", convert::value_to_py(py, &notes)?)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// Every row of the tidy table (what `zfxxgk check --panel --output csv` writes), as dicts.
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let keys: Vec<Bound<'py, PyString>> = COLUMNS.iter().map(|c| PyString::intern(py, c)).collect();
        let out = PyList::empty(py);
        for e in &self.entries {
            for row in e.rows() {
                let d = PyDict::new(py);
                for (k, f) in keys.iter().zip(row.0.iter()) {
                    d.set_item(k, field(py, f)?)?;
                }
                out.append(d)?;
            }
        }
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.entries.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<zfxxgk panel: {} organs, {} files, {} checked against last year>",
            self.organs.len(),
            self.entries.len(),
            self.totals.cross_year
        )
    }
}

/// panel(paths, extensions, aliases, kind, max_diagnostics) -> PanelResult
#[pyfunction]
#[pyo3(signature = (paths, extensions, aliases, kind = "auto", max_diagnostics = None))]
pub(crate) fn panel(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    extensions: Vec<String>,
    aliases: Vec<(String, String)>,
    kind: &str,
    max_diagnostics: Option<usize>,
) -> PyResult<PanelResult> {
    let request = request(paths, extensions, aliases, kind, max_diagnostics)?;
    let (files, options) = (files(&request)?, request.options);
    Ok(py.detach(|| {
        let p = Panel::scan(files, options, &|_| {});
        let (entries, totals) = p.entries();
        PanelResult {
            organs: p.organs().to_vec(),
            duplicates: p
                .duplicates()
                .map(|(o, y, f, c)| {
                    (
                        o.name.clone(),
                        y,
                        f.iter().map(|p| p.display().to_string()).collect(),
                        c,
                    )
                })
                .collect(),
            similar: p
                .similar_names()
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect(),
            entries,
            totals,
        }
    }))
}

/// panel_csv(paths, out, extensions, aliases, kind, max_diagnostics) -> totals: the tidy
/// table written to `out` as it is checked (memory stays flat however many reports).
#[pyfunction]
#[pyo3(signature = (paths, out, extensions, aliases, kind = "auto", max_diagnostics = None))]
pub(crate) fn panel_csv<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    out: PathBuf,
    extensions: Vec<String>,
    aliases: Vec<(String, String)>,
    kind: &str,
    max_diagnostics: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    use std::io::Write;
    let request = request(paths, extensions, aliases, kind, max_diagnostics)?;
    let (files, options) = (files(&request)?, request.options);
    let result = py.detach(|| -> std::io::Result<zfxxgk::panel::Totals> {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
        let p = Panel::scan(files, options, &|_| {});
        let t = p.write_csv(&mut w, &|_| {}, |_| {})?;
        w.flush()?;
        Ok(t)
    });
    match result {
        Ok(t) => totals(py, &t),
        Err(e) => Err(PyOSError::new_err(format!(
            "{}: {}",
            out.display(),
            zfxxgk::files::io_en(&e)
        ))),
    }
}
