//! `zfxxgk._native`: the compiled half of the Python package. It only converts: Python
//! objects in, core's diagnostics out as plain dicts. The public surface (and
//! `ReportError`) is `python/zfxxgk/__init__.py`.
//!
//! Panics: every entry point returns a `PyResult`; a panic in core (a bug) surfaces as
//! pyo3's `PanicException`, which the Python layer lets through unchanged: it derives
//! from `BaseException` on purpose, so that a bug is not mistaken for a finding.

mod convert;
mod de;
mod panel;
mod walk;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::Value;
use zfxxgk::{Format, Input, Options, ReadReport, Validation};

/// A report made ready for checking with the GIL held; checking needs no GIL.
enum Prepared<'a> {
    /// A well-formed dict, read straight into what the rules check.
    Typed(Box<ReadReport>),
    Value(Value),
    Bytes(&'a [u8]),
    Owned(Vec<u8>),
    Str(&'a str),
    OwnedStr(String),
    /// Not read: the answer is known (nested too deeply, too many values, a file too large).
    Refused(Validation),
}

impl Prepared<'_> {
    fn input(&self) -> Option<Input<'_>> {
        match self {
            Prepared::Value(v) => Some(Input::Value(v)),
            Prepared::Bytes(b) => Some(Input::Bytes(b)),
            Prepared::Owned(b) => Some(Input::Bytes(b)),
            Prepared::Str(s) => Some(Input::Str(s)),
            Prepared::OwnedStr(s) => Some(Input::Str(s)),
            Prepared::Typed(_) | Prepared::Refused(_) => None,
        }
    }

    fn validate(&self, options: &Options<'_>) -> Validation {
        match self {
            Prepared::Typed(report) => zfxxgk::validate_read(report, options),
            Prepared::Refused(v) => v.clone(),
            other => other
                .input()
                .map(|i| zfxxgk::validate_with(i, options))
                .unwrap_or_default(),
        }
    }
}

fn type_error(obj: &Bound<'_, PyAny>) -> PyErr {
    let name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!(
        "a report must be a dict, a JSON str, bytes, bytearray or a path (os.PathLike), not {name}"
    ))
}

/// What the strict reader made of a dict.
enum Typed {
    /// A well-formed report.
    Report(Box<ReadReport>),
    /// More values than a report argument may stand for: the lenient reader would only
    /// count them all again.
    TooManyValues,
    /// Anything else: the lenient reader says what is wrong.
    Refused,
}

/// The typed model straight from a dict, when the dict is a well-formed report.
fn typed(dict: &Bound<'_, PyDict>) -> Typed {
    let format = dict
        .get_item(pyo3::intern!(dict.py(), "format"))
        .ok()
        .flatten()
        .and_then(|f| f.cast::<PyString>().ok().and_then(de::utf8).and_then(Format::from_name));
    let Some(format) = format else {
        return Typed::Refused;
    };
    let any = dict.as_any();
    let budget = convert::Budget::new(any);
    let report = de::without_gc(dict.py(), || walk::read(dict.as_borrowed(), format, &budget).ok());
    match report {
        Some(report) => Typed::Report(Box::new(report)),
        None if budget.exhausted() => Typed::TooManyValues,
        None => Typed::Refused,
    }
}

/// Prepares one report argument. `strict` allows the typed fast path for dicts (a
/// previous report is always read as a value: the cross-year rules take any input).
fn prepare<'a>(obj: &'a Bound<'_, PyAny>, strict: bool) -> PyResult<Prepared<'a>> {
    if let Ok(dict) = obj.cast::<PyDict>() {
        if strict {
            match typed(dict) {
                Typed::Report(report) => return Ok(Prepared::Typed(report)),
                Typed::TooManyValues => {
                    return Ok(Prepared::Refused(Validation::too_many_values(zfxxgk::MAX_INPUT_VALUES)));
                }
                Typed::Refused => {}
            }
        }
        return Ok(match convert::to_value(obj) {
            Ok(value) => Prepared::Value(value),
            Err(refused) => Prepared::Refused(refused.validation()),
        });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // An ASCII str is read in place (its UTF-8 is its own data). Any other is encoded into
        // a buffer of ours, so that no UTF-8 copy is left inside the caller's str.
        let exact = s.is_exact_instance_of::<PyString>();
        let ascii = exact
            && s.call_method0(pyo3::intern!(s.py(), "isascii"))
                .and_then(|r| r.is_truthy())
                .unwrap_or(false);
        if ascii && let Some(text) = de::utf8(s) {
            return Ok(Prepared::Str(text));
        }
        return Ok(de::with_utf8_uncached(s, |text| match text {
            Some(text) => Prepared::OwnedStr(text.to_owned()),
            // Lone surrogates: the text is not Unicode, so certainly not a report.
            None => Prepared::Owned(s.to_string_lossy().into_owned().into_bytes()),
        }));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Prepared::Bytes(b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Prepared::Owned(b.to_vec()));
    }
    let os = obj.py().import("os")?;
    if obj.is_instance(&os.getattr("PathLike")?)? {
        let path: std::path::PathBuf = os.call_method1("fspath", (obj,))?.extract()?;
        return read_path(&path);
    }
    Err(type_error(obj))
}

/// A report file: only a regular file is read (a FIFO or a device could block or never
/// end), and a file above the size limit is answered from its length.
fn read_path(path: &std::path::Path) -> PyResult<Prepared<'static>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(pyo3::exceptions::PyOSError::new_err(format!(
            "{}: not a regular file (a directory, FIFO, device or socket is not read)",
            path.display()
        )));
    }
    let limit = zfxxgk::MAX_INPUT_BYTES;
    let too_large = |size: u64| {
        Prepared::Refused(Validation::too_large(
            usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        ))
    };
    if meta.len() > limit as u64 {
        return Ok(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(too_large(bytes.len() as u64));
    }
    Ok(Prepared::Owned(bytes))
}

fn options<'a>(
    previous: Option<&'a Prepared<'a>>,
    max_diagnostics: Option<usize>,
    max_input_bytes: Option<usize>,
) -> PyResult<Options<'a>> {
    let previous = match previous {
        None => None,
        Some(Prepared::Refused(v)) => {
            let reason = v.diagnostics.first().map_or_else(String::new, |d| d.message_en.clone());
            return Err(PyValueError::new_err(format!(
                "the previous report cannot be read: {reason}"
            )));
        }
        Some(p) => p.input(),
    };
    if max_input_bytes == Some(0) {
        return Err(PyValueError::new_err("max_input_bytes must be at least 1"));
    }
    Ok(Options {
        previous,
        max_diagnostics,
        max_input_bytes: max_input_bytes.unwrap_or(zfxxgk::MAX_INPUT_BYTES),
    })
}

/// Checks a prepared report. JSON input is parsed and checked with the GIL released; a
/// dict already read is checked in about a microsecond and a half, less than releasing
/// and taking back the GIL costs a caller with other threads, so it keeps the GIL (unless
/// a previous report, which is parsed here, comes with it).
fn check(py: Python<'_>, prepared: &Prepared<'_>, options: &Options<'_>) -> Validation {
    if matches!(prepared, Prepared::Typed(_) | Prepared::Refused(_)) && options.previous.is_none() {
        return prepared.validate(options);
    }
    py.detach(|| prepared.validate(options))
}

/// validate(report, previous=None, max_diagnostics=None) -> list[dict]
#[pyfunction]
#[pyo3(signature = (report, previous = None, max_diagnostics = None, max_input_bytes = None))]
fn validate<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    previous: Option<&Bound<'py, PyAny>>,
    max_diagnostics: Option<usize>,
    max_input_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let prepared = prepare(report, true)?;
    let previous = previous.map(|p| prepare(p, false)).transpose()?;
    let options = options(previous.as_ref(), max_diagnostics, max_input_bytes)?;
    let v = check(py, &prepared, &options);
    convert::diagnostics(py, &v)
}

/// is_valid(report, previous=None) -> bool
#[pyfunction]
#[pyo3(signature = (report, previous = None))]
fn is_valid(py: Python<'_>, report: &Bound<'_, PyAny>, previous: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    let prepared = prepare(report, true)?;
    let previous = previous.map(|p| prepare(p, false)).transpose()?;
    let options = options(previous.as_ref(), None, None)?;
    Ok(check(py, &prepared, &options).is_valid())
}

/// Reports converted, checked and answered per chunk: the Python objects are read (GIL
/// held) a chunk at a time, so that the converted reports held at once are a chunk's, not
/// the whole input's (10,000 dicts converted first held ~120 MB).
const MANY_CHUNK: usize = 256;

/// The thread pool of `threads = n`, built once per `n` and kept (at most a few sizes are
/// kept; a call with another size builds its own).
fn pool_of(n: usize) -> PyResult<std::sync::Arc<rayon::ThreadPool>> {
    use std::sync::{Arc, Mutex};
    static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());
    let mut pools = POOLS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, pool)) = pools.iter().find(|(size, _)| *size == n) {
        return Ok(Arc::clone(pool));
    }
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyValueError::new_err(e.to_string()))?,
    );
    if pools.len() < 8 {
        pools.push((n, Arc::clone(&pool)));
    }
    Ok(pool)
}

/// validate_many(reports, threads=None) -> list[list[dict]]
#[pyfunction]
#[pyo3(signature = (reports, threads = None))]
fn validate_many<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let pool = threads.map(pool_of).transpose()?;
    let out = PyList::empty(py);
    let mut items = reports.try_iter()?;
    let mut objects: Vec<Bound<'py, PyAny>> = Vec::with_capacity(MANY_CHUNK);
    loop {
        objects.clear();
        for item in items.by_ref().take(MANY_CHUNK) {
            objects.push(item?);
        }
        if objects.is_empty() {
            return Ok(out);
        }
        let prepared: Vec<Prepared<'_>> = objects.iter().map(|o| prepare(o, true)).collect::<PyResult<_>>()?;
        // JSON text and bytes are parsed in parallel on the pool. Dicts were read with the
        // GIL, most of their cost; checking the reports read takes about a fifth of that and
        // runs on this thread while they are still in its cache (on this project's 2-core
        // machine, a second thread checking them made the whole 15-40% slower).
        let dicts = prepared.iter().all(|p| matches!(p, Prepared::Typed(_)));
        let results: Vec<Validation> = py.detach(|| {
            if dicts {
                return prepared.iter().map(|p| p.validate(&Options::default())).collect();
            }
            let run = || prepared.par_iter().map(|p| p.validate(&Options::default())).collect();
            match &pool {
                None => run(),
                Some(pool) => pool.install(run),
            }
        });
        drop(prepared);
        for v in &results {
            out.append(convert::diagnostics(py, v)?)?;
        }
    }
}

fn format_arg(format: &str) -> PyResult<Format> {
    format
        .parse()
        .map_err(|e: zfxxgk::UnknownName| PyValueError::new_err(e.to_string()))
}

/// schema(format=None) -> dict
#[pyfunction]
#[pyo3(signature = (format = None))]
fn schema<'py>(py: Python<'py>, format: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let schema = zfxxgk::schema::named(format).map_err(|e| PyValueError::new_err(e.to_string()))?;
    convert::value_to_py(py, &schema)
}

/// template(format, year) -> dict
#[pyfunction]
fn template<'py>(py: Python<'py>, format: &str, year: i64) -> PyResult<Bound<'py, PyAny>> {
    let format = format_arg(format)?;
    let report = zfxxgk::checked_template(format, year).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let value = serde_json::to_value(report).map_err(|e| PyValueError::new_err(e.to_string()))?;
    convert::value_to_py(py, &value)
}

/// fill_totals(report) -> (answer | None, list[dict]): for a dict, the totals to write into
/// a copy of it as `[(keys, value), …]` (keys: the cell's path as a tuple of str); for text,
/// bytes or a path, the report's JSON text with only its totals changed. None and the
/// diagnostics that say why when the input is not a report.
#[pyfunction]
fn fill_totals<'py>(py: Python<'py>, report: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyList>)> {
    let prepared = prepare(report, false)?;
    let refused = |v: &Validation| Ok((py.None().into_bound(py), convert::diagnostics(py, v)?));
    let input = match &prepared {
        Prepared::Refused(v) => return refused(v),
        other => match other.input() {
            Some(input) => input,
            None => return refused(&other.validate(&Options::default())),
        },
    };
    if let Input::Value(value) = input {
        return match zfxxgk::totals_to_fill_input(value) {
            Ok(totals) => {
                let pairs = PyList::empty(py);
                for t in totals {
                    let keys: Vec<&str> = t.pointer.split('/').skip(1).collect();
                    pairs.append((PyTuple::new(py, keys)?, t.value))?;
                }
                Ok((pairs.into_any(), PyList::empty(py)))
            }
            Err(v) => refused(&v),
        };
    }
    match zfxxgk::fill_totals_text(input) {
        Ok(text) => Ok((PyString::new(py, &text).into_any(), PyList::empty(py))),
        Err(v) => refused(&v),
    }
}

pub(crate) fn kind_arg(kind: &str) -> PyResult<zfxxgk::parse::Kind> {
    kind.parse()
        .map_err(|e: zfxxgk::UnknownName| PyValueError::new_err(e.to_string()))
}

/// parse(input, kind) -> (dict | None, code | None, message | None)
#[pyfunction]
#[pyo3(signature = (input, kind = "auto"))]
fn parse<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    kind: &str,
) -> PyResult<(Bound<'py, PyAny>, Option<&'static str>, Option<String>)> {
    let kind = kind_arg(kind)?;
    let bytes: Vec<u8> = if let Ok(s) = input.cast::<PyString>() {
        s.to_string_lossy().into_owned().into_bytes()
    } else if let Ok(b) = input.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = input.cast::<PyByteArray>() {
        b.to_vec()
    } else {
        let name = input
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        return Err(PyTypeError::new_err(format!(
            "a published report must be a str or bytes, not {name}"
        )));
    };
    match py.detach(|| zfxxgk::parse::parse(&bytes, kind)) {
        Ok(parsed) => {
            let value = serde_json::to_value(&parsed).map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok((convert::value_to_py(py, &value)?, None, None))
        }
        Err(e) => Ok((py.None().into_bound(py), Some(e.code.as_str()), Some(e.message))),
    }
}

/// rules() -> list[dict]
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let value = serde_json::to_value(zfxxgk::RULES).map_err(|e| PyValueError::new_err(e.to_string()))?;
    convert::value_to_py(py, &value)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", zfxxgk::VERSION)?;
    m.add("MAX_INPUT_BYTES", zfxxgk::MAX_INPUT_BYTES)?;
    m.add("MAX_INPUT_VALUES", zfxxgk::MAX_INPUT_VALUES)?;
    m.add("MAX_DIAGNOSTICS", zfxxgk::limits::MAX_DIAGNOSTICS)?;
    m.add("PANEL_COLUMNS", PyTuple::new(m.py(), zfxxgk::panel::COLUMNS)?)?;
    m.add(
        "PUBLISHED_EXTENSIONS",
        PyTuple::new(m.py(), zfxxgk::panel::PUBLISHED_EXTENSIONS)?,
    )?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(template, m)?)?;
    m.add_function(wrap_pyfunction!(fill_totals, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(panel::panel, m)?)?;
    m.add_function(wrap_pyfunction!(panel::panel_csv, m)?)?;
    m.add_class::<panel::PanelResult>()?;
    Ok(())
}
