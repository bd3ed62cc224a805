//! A panel written out whole, as it is checked: the JSON document (`--output json`) and
//! the tidy CSV table. The command line and every binding write through these, so that
//! each language gives the same document.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::{Entry, Kind, Options, Panel, Step, Totals};

impl Panel {
    /// Checks the panel and writes the tidy table as CSV (the header, then every report's
    /// rows as it is checked: memory stays flat). `each` sees every entry after its rows
    /// are written.
    pub fn write_csv(
        &self,
        w: &mut impl Write,
        progress: &(dyn Fn(Step) + Sync),
        mut each: impl FnMut(&Entry),
    ) -> io::Result<Totals> {
        super::write_csv_header(w)?;
        self.check(progress, |e| {
            e.write_csv(w)?;
            each(&e);
            Ok(())
        })
    }

    /// Checks the panel and writes it as one JSON document, streamed report by report:
    /// `{"organs": [{name, key, years, files}], "duplicates": [{organ, year, files,
    /// figures_agree}], "similar_names": [[name, name]], "reports": [{file, organ,
    /// panel_organ, year, format, role, previous, diagnostics, notes}], "totals": {…}}`.
    /// With `rows`, every report also carries `rows`: its rows of the tidy table, each an
    /// array in [`super::COLUMNS`] order (an integer beyond ±(2^53 − 1) as its digits, so
    /// that readers with 64-bit floats do not round it).
    pub fn write_json(
        &self,
        w: &mut impl Write,
        progress: &(dyn Fn(Step) + Sync),
        rows: bool,
        mut each: impl FnMut(&Entry),
    ) -> io::Result<Totals> {
        let organs: Vec<_> = self
            .organs()
            .iter()
            .map(|o| serde_json::json!({ "name": o.name, "key": o.key, "years": o.years, "files": o.files }))
            .collect();
        let duplicates: Vec<_> = self
            .duplicates()
            .map(|(o, year, files, conflict)| {
                serde_json::json!({
                    "organ": o.name,
                    "year": year,
                    "files": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                    "figures_agree": !conflict,
                })
            })
            .collect();
        write!(w, "{{\n\"organs\": {},\n", serde_json::to_string(&organs)?)?;
        writeln!(w, "\"duplicates\": {},", serde_json::to_string(&duplicates)?)?;
        writeln!(
            w,
            "\"similar_names\": {},",
            serde_json::to_string(&self.similar_names())?
        )?;
        write!(w, "\"reports\": [")?;
        let mut first = true;
        let totals = self.check(progress, |e| -> io::Result<()> {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            serde_json::to_writer(&mut *w, &e.to_json(rows))?;
            each(&e);
            Ok(())
        })?;
        write!(w, "\n],\n\"totals\": {}\n}}\n", serde_json::to_string(&totals)?)?;
        Ok(totals)
    }
}

impl Entry {
    /// This report's object of the JSON document of [`Panel::write_json`].
    pub fn to_json(&self, rows: bool) -> serde_json::Value {
        let mut out = serde_json::json!({
            "file": self.file.display().to_string(),
            "organ": self.organ,
            "panel_organ": self.panel_organ,
            "year": self.year,
            "format": self.format.map(crate::Format::as_str),
            "role": self.role.as_str(),
            "previous": self.previous.as_ref().map(|p| p.display().to_string()),
            "diagnostics": self.diagnostics,
            "notes": self.notes,
        });
        if rows {
            const SAFE: i128 = (1 << 53) - 1;
            let rows: Vec<serde_json::Value> = self
                .rows()
                .into_iter()
                .map(|r| {
                    r.0.into_iter()
                        .map(|f| match f {
                            super::Field::Null => serde_json::Value::Null,
                            super::Field::Int(v) if (-SAFE..=SAFE).contains(&v) => {
                                serde_json::Value::from(i64::try_from(v).unwrap_or_default())
                            }
                            super::Field::Int(v) => serde_json::Value::String(v.to_string()),
                            super::Field::Text(t) | super::Field::Decimal(t) => serde_json::Value::String(t),
                        })
                        .collect()
                })
                .collect();
            out["rows"] = serde_json::Value::Array(rows);
        }
        out
    }
}

impl Serialize for Totals {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut t = s.serialize_struct("Totals", 7)?;
        t.serialize_field("files", &self.files)?;
        t.serialize_field("with_errors", &self.with_errors)?;
        t.serialize_field("unreadable", &self.unreadable)?;
        t.serialize_field("cross_year", &self.cross_year)?;
        t.serialize_field("errors", &self.errors)?;
        t.serialize_field("warnings", &self.warnings)?;
        t.serialize_field("infos", &self.infos)?;
        t.end()
    }
}

/// A whole panel request as a binding receives it: what to read and how.
#[derive(Debug, Clone)]
pub struct Request {
    /// Files and directories.
    pub paths: Vec<PathBuf>,
    /// The extensions searched for in directories.
    pub extensions: Vec<String>,
    /// How the panel is built.
    pub options: Options,
}

/// The extensions of published reports, searched for in directories by default.
pub const PUBLISHED_EXTENSIONS: [&str; 5] = ["html", "htm", "txt", "pdf", "docx"];

impl Request {
    /// The request of `paths` with options given as a JSON object (for callers without
    /// typed arguments, the C API): `{"extensions": ["json"], "aliases": {"name":
    /// "canonical name"} (or [[name, canonical], …]), "kind": "auto", "max_diagnostics":
    /// 100}`, every key optional (empty input: all defaults). An unknown key, a wrong type
    /// or an unknown kind is refused with a message in English.
    pub fn from_json(paths: Vec<PathBuf>, options: &[u8]) -> Result<Request, String> {
        let mut request = Request {
            paths,
            extensions: PUBLISHED_EXTENSIONS.map(String::from).to_vec(),
            options: Options::default(),
        };
        if options.iter().all(u8::is_ascii_whitespace) {
            return Ok(request);
        }
        let value: serde_json::Value =
            serde_json::from_slice(options).map_err(|e| format!("the panel options are not JSON: {e}"))?;
        let serde_json::Value::Object(map) = value else {
            return Err("the panel options must be a JSON object".to_owned());
        };
        let strings = |v: &serde_json::Value, what: &str| -> Result<Vec<String>, String> {
            v.as_array()
                .and_then(|a| {
                    a.iter()
                        .map(|s| s.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| format!("{what} must be an array of strings"))
        };
        for (key, v) in &map {
            match key.as_str() {
                "extensions" => request.extensions = strings(v, "extensions")?,
                "aliases" => {
                    request.options.aliases = match v {
                        serde_json::Value::Object(m) => m
                            .iter()
                            .map(|(k, c)| {
                                c.as_str()
                                    .map(|c| (k.clone(), c.to_owned()))
                                    .ok_or_else(|| format!("the canonical name of alias {k:?} must be a string"))
                            })
                            .collect::<Result<_, _>>()?,
                        serde_json::Value::Array(pairs) => pairs
                            .iter()
                            .map(|p| match strings(p, "an alias")?.as_slice() {
                                [a, b] => Ok((a.clone(), b.clone())),
                                _ => Err("an alias must be a pair [name, canonical name]".to_owned()),
                            })
                            .collect::<Result<_, _>>()?,
                        _ => {
                            return Err(
                                "aliases must be an object {name: canonical name} or an array of pairs".to_owned()
                            );
                        }
                    }
                }
                "kind" => {
                    let kind = v.as_str().ok_or("kind must be a string")?;
                    request.options.kind = kind.parse::<Kind>().map_err(|e| e.to_string())?;
                }
                "max_diagnostics" => {
                    request.options.max_diagnostics = match v {
                        serde_json::Value::Null => None,
                        _ => Some(
                            v.as_u64()
                                .filter(|&n| n >= 1)
                                .and_then(|n| usize::try_from(n).ok())
                                .ok_or("max_diagnostics must be a positive integer")?,
                        ),
                    }
                }
                other => {
                    return Err(format!(
                        "unknown panel option {other:?} (known: extensions, aliases, kind, max_diagnostics)"
                    ));
                }
            }
        }
        Ok(request)
    }

    /// The files to read: `paths` with directories expanded. The first directory that
    /// cannot be listed is an error (a binding's caller asked for exactly these paths).
    pub fn files(&self) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
        let extensions: Vec<&str> = self.extensions.iter().map(String::as_str).collect();
        let found = crate::files::find(&self.paths, &extensions);
        match found.problems.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(found.files),
        }
    }
}
