//! The native half of the Node package. It only converts: JSON text or bytes in,
//! diagnostics out as JSON text (which `JSON.parse` turns into objects faster than
//! building them through N-API one property at a time). The public surface, argument
//! checks and errors with `code`s are in `index.js`.
//!
//! Every export is `catch_unwind`: a panic (a bug) becomes a JS exception, never a crash.

use napi::bindgen_prelude::{AsyncTask, Buffer, Either};
use napi::{Env, Error, Result, Status, Task};
use napi_derive::napi;
use zfxxgk::{Format, Input, Options, Validation};

/// A report as the JS layer passes it: bytes (a Buffer) or JSON text.
type Document = Either<Buffer, String>;

fn input(doc: &Document) -> Input<'_> {
    match doc {
        Either::A(bytes) => Input::Bytes(bytes),
        Either::B(text) => Input::Str(text),
    }
}

fn diagnostics_json(v: &Validation) -> String {
    serde_json::to_string(&v.diagnostics).unwrap_or_else(|_| "[]".to_owned())
}

/// `maxInputBytes` from JS (a positive safe integer, checked in index.js); absent = the default.
fn input_limit(max_input_bytes: Option<f64>) -> usize {
    match max_input_bytes {
        Some(n) if n >= 1.0 && n.is_finite() => {
            // A safe integer (≤ 2^53) fits usize on 64-bit targets; beyond, no input is larger.
            if n >= usize::MAX as f64 { usize::MAX } else { n as usize }
        }
        _ => zfxxgk::MAX_INPUT_BYTES,
    }
}

fn run(report: Input<'_>, previous: Option<Input<'_>>, max_diagnostics: Option<u32>, limit: usize) -> String {
    let options = Options {
        previous,
        max_diagnostics: max_diagnostics.map(|m| m as usize),
        max_input_bytes: limit,
    };
    diagnostics_json(&zfxxgk::validate_with(report, &options))
}

/// Every diagnostic of a report, as JSON text.
#[napi(catch_unwind)]
pub fn validate_json(
    report: Either<Buffer, String>,
    previous: Option<Either<Buffer, String>>,
    max_diagnostics: Option<u32>,
    max_input_bytes: Option<f64>,
) -> String {
    run(
        input(&report),
        previous.as_ref().map(input),
        max_diagnostics,
        input_limit(max_input_bytes),
    )
}

/// A report copied for a worker thread: the caller's Buffer may be written by JavaScript
/// while the worker reads, so the worker reads its own bytes.
enum Owned {
    Bytes(Vec<u8>),
    Text(String),
}

impl Owned {
    fn of(doc: &Document) -> Owned {
        match doc {
            Either::A(bytes) => Owned::Bytes(bytes.to_vec()),
            Either::B(text) => Owned::Text(text.clone()),
        }
    }
    fn input(&self) -> Input<'_> {
        match self {
            Owned::Bytes(b) => Input::Bytes(b),
            Owned::Text(t) => Input::Str(t),
        }
    }
}

/// Validation off the main thread (libuv's pool).
pub struct ValidateTask {
    /// The report's copy, or only its size when it is above the limit (not copied: the
    /// size is all the answer needs).
    report: std::result::Result<Owned, usize>,
    previous: Option<Owned>,
    max_diagnostics: Option<u32>,
    limit: usize,
}

impl Task for ValidateTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &self.report {
            Ok(report) => run(
                report.input(),
                self.previous.as_ref().map(Owned::input),
                self.max_diagnostics,
                self.limit,
            ),
            Err(size) => diagnostics_json(&Validation::too_large(*size, self.limit)),
        }))
        .map_err(|_| {
            Error::new(
                Status::GenericFailure,
                "internal error in zfxxgk (a bug; please report it)",
            )
        })
    }

    fn resolve(&mut self, _env: Env, output: String) -> Result<String> {
        Ok(output)
    }
}

/// [`validate_json`] on a worker thread; resolves to the diagnostics as JSON text. The
/// bytes are copied first (on the calling thread), so that the caller may reuse its Buffer
/// at once.
#[napi(catch_unwind, ts_return_type = "Promise<string>")]
pub fn validate_json_async(
    report: Either<Buffer, String>,
    previous: Option<Either<Buffer, String>>,
    max_diagnostics: Option<u32>,
    max_input_bytes: Option<f64>,
) -> AsyncTask<ValidateTask> {
    let limit = input_limit(max_input_bytes);
    let size = input(&report).text_len();
    AsyncTask::new(ValidateTask {
        report: if size > limit {
            Err(size)
        } else {
            Ok(Owned::of(&report))
        },
        // Last year's report is copied whole: the core checks its size.
        previous: previous.as_ref().map(Owned::of),
        max_diagnostics,
        limit,
    })
}

/// The diagnostics of a document nested deeper than readers allow (or containing itself).
#[napi(catch_unwind)]
pub fn too_deep_json() -> String {
    diagnostics_json(&Validation::too_deep())
}

fn format_arg(format: &str) -> Result<Format> {
    format
        .parse()
        .map_err(|e: zfxxgk::UnknownName| Error::new(Status::InvalidArg, e.to_string()))
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::new(Status::GenericFailure, e.to_string()))
}

/// A published JSON Schema as JSON text: `"2019"`, `"2021"`, `"diagnostic"`, or either
/// template version when `format` is absent.
#[napi(catch_unwind)]
pub fn schema_json(format: Option<String>) -> Result<String> {
    let schema = zfxxgk::schema::named(format.as_deref())
        .map_err(|e: zfxxgk::UnknownName| Error::new(Status::InvalidArg, e.to_string()))?;
    to_json(&schema)
}

/// A blank (zero-filled) report as JSON text.
#[napi(catch_unwind)]
pub fn template_json(format: String, year: i64) -> Result<String> {
    let report = zfxxgk::checked_template(format_arg(&format)?, year)
        .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?;
    to_json(&report)
}

/// Deepest nesting of a document the readers take.
#[napi]
pub fn max_depth() -> u32 {
    u32::try_from(zfxxgk::limits::MAX_DEPTH).unwrap_or(u32::MAX)
}

/// Most values a JavaScript object may stand for (shared sub-objects counted each time).
#[napi]
pub fn max_input_values() -> u32 {
    u32::try_from(zfxxgk::MAX_INPUT_VALUES).unwrap_or(u32::MAX)
}

/// The diagnostics of a native object standing for more values than readers take.
#[napi(catch_unwind)]
pub fn too_many_values_json() -> String {
    diagnostics_json(&Validation::too_many_values(zfxxgk::MAX_INPUT_VALUES))
}

fn refused_json(v: &Validation) -> String {
    format!(
        "{{\"diagnostics\":{}}}",
        serde_json::to_string(&v.diagnostics).unwrap_or_else(|_| "[]".to_owned())
    )
}

/// `{"report": …}` with every total computed (the input's text with only its totals
/// changed), or `{"diagnostics": […]}` saying why the input is not a report.
#[napi(catch_unwind)]
pub fn fill_totals_json(report: Either<Buffer, String>) -> String {
    match zfxxgk::fill_totals_text(input(&report)) {
        Ok(filled) => format!("{{\"report\":{filled}}}"),
        Err(v) => refused_json(&v),
    }
}

/// `{"totals": [[pointer, "digits"], …]}`: the totals `fillTotals` writes into its copy of a
/// JavaScript object, or `{"diagnostics": […]}`.
#[napi(catch_unwind)]
pub fn totals_to_fill_json(report: Either<Buffer, String>) -> String {
    match zfxxgk::totals_to_fill_input(input(&report)) {
        Ok(totals) => {
            // Digits, so that a total beyond 2^53 reaches JavaScript exactly.
            let pairs: Vec<(&str, String)> = totals.iter().map(|t| (t.pointer, t.value.to_string())).collect();
            serde_json::json!({ "totals": pairs }).to_string()
        }
        Err(v) => refused_json(&v),
    }
}

/// A published report parsed: `{"report", "notes", "sources"}` or `{"error": {"code",
/// "message"}}`, as JSON text. `kind`: `"auto"`, `"html"`, `"text"`, `"pdf"` or `"docx"`.
#[napi(catch_unwind)]
pub fn parse_json(input: Either<Buffer, String>, kind: String) -> Result<String> {
    let kind: zfxxgk::parse::Kind = kind
        .parse()
        .map_err(|e: zfxxgk::UnknownName| Error::new(Status::InvalidArg, e.to_string()))?;
    let bytes: &[u8] = match &input {
        Either::A(b) => b,
        Either::B(s) => s.as_bytes(),
    };
    match zfxxgk::parse::parse(bytes, kind) {
        Ok(parsed) => to_json(&parsed),
        Err(e) => to_json(&serde_json::json!({ "error": e })),
    }
}

/// The rule catalog as JSON text.
#[napi(catch_unwind)]
pub fn rules_json() -> Result<String> {
    to_json(&zfxxgk::RULES)
}

/// The library version (the Cargo version).
#[napi(catch_unwind)]
pub fn version() -> String {
    zfxxgk::VERSION.to_owned()
}

/// A panel request from JS (arguments checked in index.js).
pub struct PanelTask {
    request: zfxxgk::panel::Request,
    /// Where the CSV table goes; `None`: the JSON document with rows is the answer.
    csv: Option<std::path::PathBuf>,
}

fn io_error_json(path: &std::path::Path, e: &std::io::Error) -> String {
    serde_json::json!({ "io_error": { "path": path.display().to_string(), "message": zfxxgk::files::io_en(e) } })
        .to_string()
}

impl PanelTask {
    fn run(&self) -> String {
        use std::io::Write;
        let files = match self.request.files() {
            Ok(files) => files,
            Err((path, e)) => return io_error_json(&path, &e),
        };
        let panel = zfxxgk::panel::Panel::scan(files, self.request.options.clone(), &|_| {});
        match &self.csv {
            None => {
                let mut out = Vec::new();
                match panel.write_json(&mut out, &|_| {}, true, |_| {}) {
                    Ok(_) => String::from_utf8(out).unwrap_or_default(),
                    Err(e) => io_error_json(std::path::Path::new(""), &e),
                }
            }
            Some(path) => {
                let written = std::fs::File::create(path).and_then(|f| {
                    let mut w = std::io::BufWriter::new(f);
                    let totals = panel.write_csv(&mut w, &|_| {}, |_| {})?;
                    w.flush()?;
                    Ok(totals)
                });
                match written {
                    Ok(totals) => serde_json::json!({ "totals": totals }).to_string(),
                    Err(e) => io_error_json(path, &e),
                }
            }
        }
    }
}

impl Task for PanelTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run())).map_err(|_| {
            Error::new(
                Status::GenericFailure,
                "internal error in zfxxgk (a bug; please report it)",
            )
        })
    }

    fn resolve(&mut self, _env: Env, output: String) -> Result<String> {
        Ok(output)
    }
}

/// Many reports checked as a panel on a worker thread. Resolves to the panel's JSON
/// document (every report with its rows), or to `{"totals"}` when `csv` names the file the
/// table is written to; `{"io_error": {path, message}}` when a directory or the output
/// cannot be used.
#[napi(catch_unwind, ts_return_type = "Promise<string>")]
pub fn panel_json_async(
    paths: Vec<String>,
    extensions: Vec<String>,
    aliases: Vec<Vec<String>>,
    kind: String,
    max_diagnostics: Option<u32>,
    csv: Option<String>,
) -> Result<AsyncTask<PanelTask>> {
    let kind: zfxxgk::parse::Kind = kind
        .parse()
        .map_err(|e: zfxxgk::UnknownName| Error::new(Status::InvalidArg, e.to_string()))?;
    let aliases = aliases
        .into_iter()
        .map(|pair| match <[String; 2]>::try_from(pair) {
            Ok([name, canonical]) => Ok((name, canonical)),
            Err(_) => Err(Error::new(
                Status::InvalidArg,
                "an alias is a pair [name, canonical name]",
            )),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(AsyncTask::new(PanelTask {
        request: zfxxgk::panel::Request {
            paths: paths.into_iter().map(Into::into).collect(),
            extensions,
            options: zfxxgk::panel::Options {
                aliases,
                max_diagnostics: max_diagnostics.map(|m| m as usize),
                kind,
            },
        },
        csv: csv.map(Into::into),
    }))
}

/// The columns of the panel's tidy table, in order.
#[napi]
pub fn panel_columns() -> Vec<&'static str> {
    zfxxgk::panel::COLUMNS.to_vec()
}

/// The extensions searched for in directories by default (published reports).
#[napi]
pub fn published_extensions() -> Vec<&'static str> {
    zfxxgk::panel::PUBLISHED_EXTENSIONS.to_vec()
}
