//! Validation: bytes, text or a JSON value in, every diagnostic out.
//!
//! A well-formed report takes the fast path: serde reads it straight into the sheet the
//! rules read (`seed.rs`, at least as strict as the schema), and the rules run on it. JSON
//! text that fails that read is walked once more as a light tree (`lenient.rs`), reporting
//! what the published schema reports; what that reader leaves alone, and a [`Value`] that
//! fails the fast read, are checked with the `jsonschema` crate against our own published
//! schema (compiled once), its errors mapped onto our rule ids. The arithmetic rules still
//! run on every well-formed part.

mod lenient;
pub(crate) mod seed;
mod structural;
#[cfg(test)]
mod testing;
mod typed;

use serde_json::Value;

use self::structural::{json_error, slow};
use self::typed::{fast, fast_read, fast_read_owned, seed_text, seed_value};
pub(crate) use self::typed::{typed_text, typed_value};
use crate::diagnostic::Diagnostic;
use crate::json;
use crate::model::Report;
use crate::rules::{Check, Emitter, Finding, RULES, cross_year, structure};
use crate::sheet::Sheet;

/// A document to check: JSON bytes, JSON text or an already parsed value.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// UTF-8 JSON bytes (a leading byte-order mark is ignored).
    Bytes(&'a [u8]),
    /// JSON text.
    Str(&'a str),
    /// A parsed JSON value.
    Value(&'a Value),
}

impl Input<'_> {
    /// The length of JSON input in bytes (0 for a value, which has no text).
    pub fn text_len(&self) -> usize {
        match self {
            Input::Bytes(b) => b.len(),
            Input::Str(s) => s.len(),
            Input::Value(_) => 0,
        }
    }
}

impl<'a> From<&'a [u8]> for Input<'a> {
    fn from(b: &'a [u8]) -> Self {
        Input::Bytes(b)
    }
}
impl<'a> From<&'a Vec<u8>> for Input<'a> {
    fn from(b: &'a Vec<u8>) -> Self {
        Input::Bytes(b)
    }
}
impl<'a> From<&'a str> for Input<'a> {
    fn from(s: &'a str) -> Self {
        Input::Str(s)
    }
}
impl<'a> From<&'a String> for Input<'a> {
    fn from(s: &'a String) -> Self {
        Input::Str(s)
    }
}
impl<'a> From<&'a Value> for Input<'a> {
    fn from(v: &'a Value) -> Self {
        Input::Value(v)
    }
}

/// The largest JSON input (bytes or text) read by default: 64 MiB. A published report is a
/// few tens of kilobytes; the limit keeps a server's memory bounded whatever is uploaded.
/// Larger input gets `DOC-TOO-LARGE` without being read.
pub use crate::limits::MAX_INPUT_BYTES;

/// The most values (numbers, strings, containers, counted with repetition) a binding reads
/// from a native object (a Python dict, a JavaScript object) by default: an object that
/// shares sub-objects can stand for far more than its memory holds.
pub use crate::limits::MAX_INPUT_VALUES;

/// How to validate.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Last year's report of the same organ, for the cross-year rules.
    pub previous: Option<Input<'a>>,
    /// Keep at most this many diagnostics (a hostile document must not make a server
    /// build millions); `None` keeps at most [`crate::limits::MAX_DIAGNOSTICS`]. The rest
    /// are counted per rule in [`Validation::truncated`] and each such rule is named by one
    /// `DOC-TRUNCATED` diagnostic after the ones kept.
    pub max_diagnostics: Option<usize>,
    /// JSON input (this report's or the previous one's) longer than this many bytes is not
    /// read: `DOC-TOO-LARGE`. Default [`MAX_INPUT_BYTES`].
    pub max_input_bytes: usize,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            previous: None,
            max_diagnostics: None,
            max_input_bytes: MAX_INPUT_BYTES,
        }
    }
}

/// The result of validating one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validation {
    /// Every diagnostic kept, in rule order.
    pub diagnostics: Vec<Diagnostic>,
    /// Per rule id, how many findings were cut by `max_diagnostics`.
    pub truncated: Vec<(&'static str, usize)>,
}

impl Validation {
    /// True when there is no error-severity finding (kept or cut).
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
            && !self
                .truncated
                .iter()
                .any(|(id, _)| crate::rules::rule(id).is_some_and(|r| r.severity == crate::Severity::Error))
    }
}

/// Every diagnostic of one report.
pub fn validate<'a>(input: impl Into<Input<'a>>) -> Vec<Diagnostic> {
    validate_with(input, &Options::default()).diagnostics
}

/// True when the report has no error-severity diagnostic.
pub fn is_valid<'a>(input: impl Into<Input<'a>>) -> bool {
    validate_with(input, &Options::default()).is_valid()
}

/// Validates with options (last year's report, a cap on diagnostics).
pub fn validate_with<'a>(input: impl Into<Input<'a>>, options: &Options<'_>) -> Validation {
    let mut em = Emitter::new(Some(options.max_diagnostics.unwrap_or(crate::limits::MAX_DIAGNOSTICS)));
    let sheet = read(input.into(), options.max_input_bytes, &mut em);
    run_rules(sheet.as_ref(), em, options)
}

/// A report read for checking by [`read_for_check`]: the cells and what the rules ask of
/// the text sections, no copy of the document.
#[derive(Debug, Clone)]
pub struct ReadReport(seed::Read);

/// Reads a report with any serde deserializer of a self-describing format (a binding's
/// reader of native objects), the way JSON text of the same document is read; check it
/// with [`validate_read`]. An error when the document is not well-formed (any structural
/// problem, or a `format` other than the one given): then validate it as a JSON [`Input`],
/// whose structural path names every problem.
pub fn read_for_check<'de, D: serde::Deserializer<'de>>(format: crate::Format, d: D) -> Result<ReadReport, D::Error> {
    seed::read(format, d).map(ReadReport)
}

impl seed::Walker {
    /// The report read, once the driver has walked the whole document and found every
    /// object complete; `None` without a `year` (then validate the document as a JSON
    /// [`Input`], whose structural path names the problem).
    pub fn into_report(self) -> Option<ReadReport> {
        self.finish().map(ReadReport)
    }
}

/// Validates a report read by [`read_for_check`] or a [`seed::Walker`]: what [`validate_with`] gives for the same
/// document as JSON.
pub fn validate_read(report: &ReadReport, options: &Options<'_>) -> Validation {
    let mut em = Emitter::new(Some(options.max_diagnostics.unwrap_or(crate::limits::MAX_DIAGNOSTICS)));
    let sheet = fast_read(&report.0, &mut em);
    run_rules(Some(sheet), em, options)
}

/// Validates a report already read into the typed model (bindings that read native
/// objects straight into it use this; it gives what [`validate_with`] gives for the same
/// document as JSON).
pub fn validate_report(report: &Report, options: &Options<'_>) -> Validation {
    let mut em = Emitter::new(Some(options.max_diagnostics.unwrap_or(crate::limits::MAX_DIAGNOSTICS)));
    let sheet = fast(report, &mut em);
    run_rules(Some(&sheet), em, options)
}

impl Validation {
    /// The result for a document nested deeper than readers allow (128 levels), for
    /// bindings that read native objects rather than JSON text.
    pub fn too_deep() -> Validation {
        Validation::single(&structure::TOO_DEEP, || {
            Finding::at("", "整份报告").text("position", "").text("position_en", "")
        })
    }

    /// The result for JSON input of `size` bytes above `limit` (what [`validate_with`] gives
    /// it), for bindings that answer from the length alone without reading the input.
    pub fn too_large(size: usize, limit: usize) -> Validation {
        Validation::single(&structure::TOO_LARGE, || too_many_bytes(size, limit))
    }

    /// The result for a native object that stands for more than `limit` values (see
    /// [`MAX_INPUT_VALUES`]), for bindings that read native objects.
    pub fn too_many_values(limit: usize) -> Validation {
        Validation::single(&structure::TOO_LARGE, || {
            Finding::at("", "整份报告")
                .param("limit", limit)
                .param("unit", "values")
                .text("detail", format!("输入超过 {limit} 个值的上限"))
                .text(
                    "detail_en",
                    format!("the input holds more than the limit of {limit} values"),
                )
        })
    }

    /// The result of one finding: the input could not be read at all.
    fn single(rule: &'static crate::Rule, build: impl FnOnce() -> Finding) -> Validation {
        let mut em = Emitter::new(None);
        em.emit(rule, build);
        Validation {
            diagnostics: em.out,
            truncated: em.cut,
        }
    }
}

fn too_many_bytes(size: usize, limit: usize) -> Finding {
    Finding::at("", "整份报告")
        .param("limit", limit)
        .param("unit", "bytes")
        .param("size", size)
        .text("detail", format!("输入为 {size} 字节，超过上限 {limit} 字节"))
        .text(
            "detail_en",
            format!("the input is {size} bytes, above the limit of {limit}"),
        )
}

fn run_rules(sheet: Option<&Sheet>, em: Emitter, options: &Options<'_>) -> Validation {
    let previous = options.previous.map(Previous::Input);
    check_sheet(sheet, em, previous, options.max_input_bytes, options.max_diagnostics)
}

/// Last year's report for the cross-year rules: as given (read on the side), or already read.
#[derive(Clone, Copy)]
pub(crate) enum Previous<'a> {
    Input(Input<'a>),
    Sheet(&'a Sheet),
}

/// Reads a document into a sheet for [`check_sheet`], its structural findings in the
/// returned emitter (kept up to `max_diagnostics`).
pub(crate) fn read_sheet(input: Input<'_>, max_diagnostics: Option<usize>) -> (Option<Sheet>, Emitter) {
    let mut em = Emitter::new(Some(max_diagnostics.unwrap_or(crate::limits::MAX_DIAGNOSTICS)));
    let sheet = read(input, MAX_INPUT_BYTES, &mut em);
    (sheet, em)
}

/// [`read_sheet`] for a report already in the typed model.
pub(crate) fn report_sheet(report: &Report, max_diagnostics: Option<usize>) -> (Sheet, Emitter) {
    let mut em = Emitter::new(Some(max_diagnostics.unwrap_or(crate::limits::MAX_DIAGNOSTICS)));
    let sheet = fast(report, &mut em);
    (sheet, em)
}

/// Runs every rule on a sheet read with `em`, and the cross-year rules against `previous`.
pub(crate) fn check_sheet(
    sheet: Option<&Sheet>,
    mut em: Emitter,
    previous: Option<Previous<'_>>,
    max_input_bytes: usize,
    max_diagnostics: Option<usize>,
) -> Validation {
    if let Some(sheet) = sheet {
        for rule in RULES.iter().copied().filter(|r| r.applies_to(sheet.layout.format)) {
            if let Check::Single(check) = rule.check {
                check(sheet, &mut em);
            }
        }
        match previous {
            Some(Previous::Input(previous)) => cross_check(sheet, previous, max_input_bytes, &mut em),
            Some(Previous::Sheet(prev)) => cross_rules(sheet, prev, &mut em),
            None => {}
        }
    }
    let limit = max_diagnostics.unwrap_or(crate::limits::MAX_DIAGNOSTICS);
    let mut named = Emitter::new(None);
    for (id, count) in &em.cut {
        named.emit(&crate::rules::structure::TRUNCATED, || {
            Finding::at("", "整份报告")
                .param("rule", *id)
                .param("count", *count)
                .param("limit", limit)
        });
    }
    let mut diagnostics = em.out;
    diagnostics.append(&mut named.out);
    Validation {
        diagnostics,
        truncated: em.cut,
    }
}

fn cross_check(sheet: &Sheet, previous: Input<'_>, max_input_bytes: usize, em: &mut Emitter) {
    // Last year's own structural problems are not this report's: read it on the side.
    let mut side = Emitter::new(Some(1));
    let Some(prev) = read(previous, max_input_bytes, &mut side) else {
        let reason = side.out.into_iter().next();
        em.emit(&cross_year::PREVIOUS, || {
            let rule = reason.as_ref().map(|d| d.rule.to_string());
            let (zh, en) = reason.map_or_else(Default::default, |d| (d.message, d.message_en));
            let f = Finding::at("", "整份报告").text("reason", zh).text("reason_en", en);
            // The rule that made last year's report unreadable (DOC-NOT-JSON, …).
            match rule {
                Some(rule) => f.param("reason_rule", rule),
                None => f,
            }
        });
        return;
    };
    cross_rules(sheet, &prev, em);
}

fn cross_rules(sheet: &Sheet, prev: &Sheet, em: &mut Emitter) {
    for rule in RULES.iter().copied().filter(|r| r.applies_to(sheet.layout.format)) {
        if let Check::CrossYear(check) = rule.check
            && !check(sheet, prev, em)
        {
            break;
        }
    }
}

/// Reads a document for checking: reports structural problems and returns the sheet the
/// rules read, or `None` when the document cannot be checked at all.
pub(crate) fn read(input: Input<'_>, max_bytes: usize, em: &mut Emitter) -> Option<Sheet> {
    let size = input.text_len();
    if size > max_bytes {
        em.emit(&structure::TOO_LARGE, || too_many_bytes(size, max_bytes));
        return None;
    }
    match input {
        Input::Value(value) => match seed_value(value) {
            Some(read) => Some(fast_read_owned(read, em)),
            None => slow(value, &[], em),
        },
        Input::Bytes(bytes) => match json::utf8_text(bytes) {
            Ok(text) => read_text(text, em),
            Err(e) => {
                json_error(e, em);
                None
            }
        },
        Input::Str(text) => read_text(json::strip_bom(text), em),
    }
}

fn read_text(text: &str, em: &mut Emitter) -> Option<Sheet> {
    if let Some(read) = seed_text(text) {
        return Some(fast_read_owned(read, em));
    }
    if let Some(sheet) = lenient::read(text, em) {
        return Some(sheet);
    }
    match json::read(text) {
        Ok(parsed) => slow(&parsed.value, &parsed.duplicates, em),
        Err(e) => {
            json_error(e, em);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::typed::leading_format;
    use super::*;
    use crate::model::Format;

    const COUNTY: &str = include_str!("../../data/2021-county.json");

    #[test]
    fn the_format_may_come_anywhere() {
        let mut value: Value = serde_json::from_str(COUNTY).unwrap();
        let map = value.as_object_mut().unwrap();
        let format = map.shift_remove("format").unwrap();
        map.insert("format".into(), format);
        let text = serde_json::to_string(&value).unwrap();
        assert!(leading_format(&text).is_none());
        assert_eq!(validate(text.as_str()), validate(COUNTY));
        assert_eq!(leading_format(" {\n \"format\" : \"2019\", "), Some(Format::V2019));
    }

    #[test]
    fn an_array_for_a_table_object_is_not_a_report() {
        let mut value: Value = serde_json::from_str(COUNTY).unwrap();
        assert!(typed_value(&value).is_some());
        value["proactive"]["regulations"] = serde_json::json!([1, 0, 5]);
        assert!(typed_value(&value).is_none());
        let text = serde_json::to_string(&value).unwrap();
        let err = crate::read_report(&text).unwrap_err().to_string();
        assert!(err.contains("expected an object of the template"), "{err}");
        assert!(crate::read_report(COUNTY).is_ok());
    }

    #[test]
    fn a_repeated_leading_format_is_a_duplicate() {
        let text = COUNTY.replacen(
            "\"format\": \"2021\",",
            "\"format\": \"2021\", \"format\": \"2019\",",
            1,
        );
        assert!(typed_text(&text).is_err());
        let found = validate(text.as_str());
        assert!(
            found.iter().any(|d| d.rule == "S-DUPLICATE" && d.path == "/format"),
            "{found:?}"
        );
    }
}
