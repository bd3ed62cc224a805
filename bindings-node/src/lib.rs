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
type Document = Either<Buffer, Text>;

fn input(doc: &Document) -> Input<'_> {
    match doc {
        Either::A(bytes) => Input::Bytes(bytes),
        Either::B(text) => Input::Str(&text.0),
    }
}

/// A JavaScript string as UTF-8, read in one pass where it can be: napi's own conversion
/// asks V8 for the UTF-8 length (a walk over the whole string) and then converts (a second
/// walk). A string of `n` UTF-16 units (its length, known without a walk) has at most `3n`
/// bytes of UTF-8, so a buffer of that size takes it in one conversion. Above
/// [`ONE_PASS_UNITS`] the buffer would be wastefully large and the two walks are kept.
/// Lone surrogates become U+FFFD either way (V8's conversion).
pub struct Text(String);

/// Longest string (in UTF-16 units) converted in one pass: 1 Mi units, a 3 MiB buffer.
const ONE_PASS_UNITS: usize = 1 << 20;

impl napi::bindgen_prelude::TypeName for Text {
    fn type_name() -> &'static str {
        "String"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::String
    }
}

impl napi::bindgen_prelude::ValidateNapiValue for Text {}

impl napi::bindgen_prelude::FromNapiValue for Text {
    unsafe fn from_napi_value(env: napi::sys::napi_env, value: napi::sys::napi_value) -> Result<Self> {
        let mut units = 0usize;
        // SAFETY: `env` and `value` come from napi for this call; a NULL buffer asks only
        // for the length in UTF-16 units, which V8 knows without reading the string.
        let status = unsafe { napi::sys::napi_get_value_string_utf16(env, value, std::ptr::null_mut(), 0, &mut units) };
        if status != napi::sys::Status::napi_ok || units > ONE_PASS_UNITS {
            // SAFETY: as above; napi-rs's own two-pass conversion (and its error for a
            // value that is not a string).
            return unsafe { String::from_napi_value(env, value) }.map(Text);
        }
        let capacity = units * 3 + 1;
        let mut buffer: Vec<u8> = Vec::with_capacity(capacity);
        let mut written = 0usize;
        // SAFETY: `buffer` has `capacity` writable bytes; napi writes at most `capacity - 1`
        // bytes of UTF-8 and a NUL, and reports how many bytes of UTF-8 it wrote.
        let status = unsafe {
            napi::sys::napi_get_value_string_utf8(env, value, buffer.as_mut_ptr().cast(), capacity, &mut written)
        };
        if status != napi::sys::Status::napi_ok || written >= capacity {
            // SAFETY: as above.
            return unsafe { String::from_napi_value(env, value) }.map(Text);
        }
        // SAFETY: napi initialised `written` bytes (< capacity).
        unsafe { buffer.set_len(written) };
        // V8 writes valid UTF-8 (lone surrogates replaced); checked anyway, it costs little
        // beside the conversion, and a wrong assumption here would be undefined behaviour.
        match String::from_utf8(buffer) {
            Ok(text) => Ok(Text(text)),
            Err(e) => Ok(Text(String::from_utf8_lossy(e.as_bytes()).into_owned())),
        }
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
#[napi(
    catch_unwind,
    ts_args_type = "report: Buffer | string, previous?: Buffer | string | undefined | null, maxDiagnostics?: number | undefined | null, maxInputBytes?: number | undefined | null"
)]
pub fn validate_json(
    report: Document,
    previous: Option<Document>,
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
            Either::B(text) => Owned::Text(text.0.clone()),
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
#[napi(
    catch_unwind,
    ts_args_type = "report: Buffer | string, previous?: Buffer | string | undefined | null, maxDiagnostics?: number | undefined | null, maxInputBytes?: number | undefined | null",
    ts_return_type = "Promise<string>"
)]
pub fn validate_json_async(
    report: Document,
    previous: Option<Document>,
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
#[napi(catch_unwind, ts_args_type = "report: Buffer | string")]
pub fn fill_totals_json(report: Document) -> String {
    match zfxxgk::fill_totals_text(input(&report)) {
        Ok(filled) => format!("{{\"report\":{filled}}}"),
        Err(v) => refused_json(&v),
    }
}

/// `{"totals": [[pointer, "digits"], …]}`: the totals `fillTotals` writes into its copy of a
/// JavaScript object, or `{"diagnostics": […]}`.
#[napi(catch_unwind, ts_args_type = "report: Buffer | string")]
pub fn totals_to_fill_json(report: Document) -> String {
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
