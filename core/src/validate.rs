//! Validation: bytes, text or a JSON value in, every diagnostic out.
//!
//! A well-formed report takes the fast path: serde reads it straight into the typed model
//! (which is exactly as strict as the schema), and the rules run on it. Only a document
//! that fails that read is parsed into a [`Value`] and checked with the `jsonschema` crate
//! against our own published schema (compiled once); its errors are mapped onto our rule
//! ids, and the arithmetic rules still run on every well-formed part.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Figure};
use crate::json::{self, JsonError};
use crate::layout::{CellKind, Layout};
use crate::model::{Format, Report, Report2019, Report2021};
use crate::pointer;
use crate::rules::{Check, Emitter, Finding, RULES, Rule, cross_year, structure};
use crate::schema::report_schema;
use crate::sheet::{Sheet, parse_date};

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

/// How to validate.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// Last year's report of the same organ, for the cross-year rules.
    pub previous: Option<Input<'a>>,
    /// Keep at most this many diagnostics (a hostile document must not make a server
    /// build millions); the rest are counted per rule in [`Validation::truncated`].
    pub max_diagnostics: Option<usize>,
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
    let mut em = Emitter::new(options.max_diagnostics);
    let sheet = read(input.into(), &mut em);
    run_rules(sheet, em, options)
}

/// Validates a report already read into the typed model (bindings that read native
/// objects straight into it use this; it gives what [`validate_with`] gives for the same
/// document as JSON).
pub fn validate_report(report: &Report, options: &Options<'_>) -> Validation {
    let mut em = Emitter::new(options.max_diagnostics);
    let sheet = fast(report, &mut em);
    run_rules(Some(sheet), em, options)
}

impl Validation {
    /// The result for a document nested deeper than readers allow (128 levels), for
    /// bindings that read native objects rather than JSON text.
    pub fn too_deep() -> Validation {
        let mut em = Emitter::new(None);
        em.emit(&structure::TOO_DEEP, || {
            Finding::at("", "整份报告").text("position", "").text("position_en", "")
        });
        Validation {
            diagnostics: em.out,
            truncated: em.cut,
        }
    }
}

fn run_rules(sheet: Option<Sheet>, mut em: Emitter, options: &Options<'_>) -> Validation {
    if let Some(sheet) = sheet {
        for rule in RULES.iter().copied().filter(|r| r.applies_to(sheet.layout.format)) {
            if let Check::Single(check) = rule.check {
                check(&sheet, &mut em);
            }
        }
        if let Some(previous) = options.previous {
            cross_check(&sheet, previous, &mut em);
        }
    }
    Validation {
        diagnostics: em.out,
        truncated: em.cut,
    }
}

fn cross_check(sheet: &Sheet, previous: Input<'_>, em: &mut Emitter) {
    // Last year's own structural problems are not this report's: read it on the side.
    let mut side = Emitter::new(Some(1));
    let Some(prev) = read(previous, &mut side) else {
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
    for rule in RULES.iter().copied().filter(|r| r.applies_to(sheet.layout.format)) {
        if let Check::CrossYear(check) = rule.check
            && !check(sheet, &prev, em)
        {
            break;
        }
    }
}

/// Reads a document for checking: reports structural problems and returns the sheet the
/// rules read, or `None` when the document cannot be checked at all.
pub(crate) fn read(input: Input<'_>, em: &mut Emitter) -> Option<Sheet> {
    match input {
        Input::Value(value) => match typed_value(value) {
            Some(report) => Some(fast(&report, em)),
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
    if let Ok(report) = parse_report(text) {
        return Some(fast(&report, em));
    }
    match json::parse(text) {
        Ok(parsed) => slow(&parsed.value, &parsed.duplicates, em),
        Err(e) => {
            json_error(e, em);
            None
        }
    }
}

#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow)]
    format: Option<Cow<'a, str>>,
}

/// Reads JSON text straight into the typed model; fails on anything the schema refuses
/// (and on duplicate keys).
pub(crate) fn parse_report(text: &str) -> Result<Report, serde_json::Error> {
    let format = match leading_format(text) {
        Some(format) => Some(format),
        None => {
            let probe: Probe<'_> = serde_json::from_str(text)?;
            probe.format.as_deref().and_then(Format::parse)
        }
    };
    match format {
        Some(Format::V2019) => serde_json::from_str::<Report2019>(text).map(Report::V2019),
        Some(Format::V2021) => serde_json::from_str::<Report2021>(text).map(Report::V2021),
        None => Err(serde::de::Error::custom("format is not \"2019\" or \"2021\"")),
    }
}

/// The format when the document starts with it (`{"format": "2021", …`), as canonical
/// documents do: then the probe pass over the whole text is not needed. A second
/// `format` key later is still caught (as a duplicate field) by the typed read.
fn leading_format(text: &str) -> Option<Format> {
    let rest = text
        .trim_start()
        .strip_prefix('{')?
        .trim_start()
        .strip_prefix("\"format\"")?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let (value, _) = rest.split_once('"')?;
    Format::parse(value)
}

/// Reads a JSON value into the typed model when it is well-formed.
pub(crate) fn typed_value(value: &Value) -> Option<Report> {
    match value.get("format")?.as_str().and_then(Format::parse)? {
        Format::V2019 => Report2019::deserialize(value).ok().map(Report::V2019),
        Format::V2021 => Report2021::deserialize(value).ok().map(Report::V2021),
    }
}

fn fast(report: &Report, em: &mut Emitter) -> Sheet {
    let sheet = Sheet::from_report(report);
    let published = match report {
        Report::V2019(r) => r.published.as_deref(),
        Report::V2021(r) => r.published.as_deref(),
    };
    document_ranges(
        sheet.layout,
        Some(i128::from(report.year())),
        published,
        em,
        &mut HashSet::new(),
    );
    sheet
}

fn json_error(e: JsonError, em: &mut Emitter) {
    match e {
        JsonError::Utf8 { offset, line, column } => em.emit(&structure::NOT_JSON, || {
            Finding::at("", "整份报告")
                .param("line", line)
                .param("column", column)
                .param("byte", offset + 1)
                .text(
                    "detail",
                    format!(
                        "第 {} 个字节起不是 UTF-8 编码（GBK 等编码请先转换为 UTF-8）",
                        offset + 1
                    ),
                )
                .text(
                    "detail_en",
                    format!(
                        "not UTF-8 from byte {} on (convert GBK and other encodings to UTF-8 first)",
                        offset + 1
                    ),
                )
        }),
        JsonError::TooDeep { line, column } => em.emit(&structure::TOO_DEEP, || {
            Finding::at("", "整份报告")
                .param("line", line)
                .param("column", column)
                .text("position", format!("（第 {line} 行第 {column} 列）"))
                .text("position_en", format!(" (line {line}, column {column})"))
        }),
        JsonError::Syntax { line, column, detail } => em.emit(&structure::NOT_JSON, || {
            Finding::at("", "整份报告")
                .param("line", line)
                .param("column", column)
                .text("detail", json::explain_zh(&detail))
                .text("detail_en", detail)
        }),
    }
}

/// The JSON type of a value, as JSON Schema names it (the `found_type` parameter).
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn json_type(v: &Value) -> (String, String) {
    let short = |s: &str| -> String {
        let mut t: String = s.chars().take(20).collect();
        if s.chars().count() > 20 {
            t.push('…');
        }
        t
    };
    match v {
        Value::Null => ("空值 null".into(), "null".into()),
        Value::Bool(b) => (format!("布尔值 {b}"), format!("the boolean {b}")),
        Value::Number(n) if n.is_f64() => (format!("小数 {n}"), format!("the number {n}")),
        Value::Number(n) => (format!("整数 {n}"), format!("the integer {n}")),
        Value::String(s) => (format!("文本 \"{}\"", short(s)), format!("the string \"{}\"", short(s))),
        Value::Array(_) => ("数组".into(), "an array".into()),
        Value::Object(_) => ("对象".into(), "an object".into()),
    }
}

fn expected_type(layout: &Layout, path: &str) -> (&'static str, &'static str) {
    if path == "/year" {
        return ("2019 至 2100 之间的整数", "an integer from 2019 to 2100");
    }
    let Some(node) = layout.node(path) else {
        return ("模板规定的类型", "the type the template defines");
    };
    match (node.kind, node.json_type.as_str()) {
        (Some(CellKind::Count), _) => ("不小于 0 的整数（未填写用 null）", "an integer ≥ 0 (null when blank)"),
        (Some(CellKind::Signed), _) => ("整数（未填写用 null）", "an integer (null when blank)"),
        (Some(CellKind::Amount), _) => ("不小于 0 的数（未填写用 null）", "a number ≥ 0 (null when blank)"),
        (None, "object") => ("对象", "an object"),
        (None, "string") => ("文本", "a string"),
        _ => ("模板规定的类型", "the type the template defines"),
    }
}

static VALIDATORS: LazyLock<[jsonschema::Validator; 2]> = LazyLock::new(|| {
    Format::ALL.map(|f| {
        jsonschema::draft202012::new(report_schema(f)).unwrap_or_else(|e| panic!("our own schema compiles: {e}"))
    })
});

fn validator(format: Format) -> &'static jsonschema::Validator {
    &VALIDATORS[format as usize]
}

/// The closest allowed key by edit distance, when one is close enough to be a typo.
fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    let key_len = key.chars().count();
    allowed
        .iter()
        .map(|k| (distance(key, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count().max(key_len) / 3).max(1))
        .min()
        .map(|(_, k)| k)
}

fn slow(value: &Value, duplicates: &[String], em: &mut Emitter) -> Option<Sheet> {
    let Value::Object(map) = value else {
        let (zh, en) = json_type(value);
        em.emit(&structure::NOT_OBJECT, || {
            Finding::at("", "整份报告")
                .param("found_type", type_name(value))
                .text("actual_type", zh)
                .text("actual_type_en", en)
        });
        return None;
    };
    let format = match map.get("format") {
        Some(Value::String(s)) => Format::parse(s),
        _ => None,
    };
    let Some(format) = format else {
        let actual = map
            .get("format")
            .map_or_else(|| "（缺失 / missing）".to_owned(), Value::to_string);
        em.emit(&structure::FORMAT, || {
            Finding::at("/format", "模板版本").figures(Figure::Text("2019 | 2021".into()), Figure::Text(actual))
        });
        return None;
    };
    let layout = Layout::of(format);
    let mut seen: HashSet<(&'static str, String)> = HashSet::new();

    for path in duplicates {
        if !seen.insert((structure::DUPLICATE.id, path.clone())) {
            continue;
        }
        let key = pointer::tokens(path).last().unwrap_or_default();
        em.emit(&structure::DUPLICATE, || {
            Finding::at(path, layout.label(path)).param("key", key)
        });
    }

    for error in validator(format).iter_errors(value) {
        schema_error(&error, layout, em, &mut seen);
    }

    let mut extras: Vec<(usize, bool)> = Vec::new();
    let sheet = Sheet::from_value(value, layout, |id, range| extras.push((id, range)));
    for (id, range) in extras {
        let def = &layout.cells[id];
        let found_value = value.pointer(&def.pointer);
        let found = found_value.map(json_type).unwrap_or_default();
        let found_type = found_value.map_or("null", type_name);
        if range {
            emit_once(em, &mut seen, &structure::RANGE, &def.pointer, || {
                Finding::at(&def.pointer, &def.label)
                    .text("detail", format!("{} 超出 64 位整数范围", found.0))
                    .text("detail_en", format!("{} does not fit in 64 bits", found.1))
            });
        } else {
            let (zh, en) = expected_type(layout, &def.pointer);
            emit_once(em, &mut seen, &structure::TYPE, &def.pointer, || {
                Finding::at(&def.pointer, &def.label)
                    .param("found_type", found_type)
                    .text("expected_type", zh)
                    .text("expected_type_en", en)
                    .text("actual_type", found.0)
                    .text("actual_type_en", found.1)
            });
        }
    }
    let year = match map.get("year") {
        Some(Value::Number(n)) if n.is_f64() => {
            let (zh, en) = json_type(&map["year"]);
            emit_once(em, &mut seen, &structure::TYPE, "/year", || {
                let (ez, ee) = expected_type(layout, "/year");
                Finding::at("/year", layout.label("/year"))
                    .param("found_type", "number")
                    .text("expected_type", ez)
                    .text("expected_type_en", ee)
                    .text("actual_type", zh)
                    .text("actual_type_en", en)
            });
            None
        }
        Some(Value::Number(n)) => n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from)),
        _ => None,
    };
    document_ranges(
        layout,
        year,
        map.get("published").and_then(Value::as_str),
        em,
        &mut seen,
    );
    Some(sheet)
}

fn emit_once(
    em: &mut Emitter,
    seen: &mut HashSet<(&'static str, String)>,
    rule: &'static Rule,
    path: &str,
    build: impl FnOnce() -> Finding,
) {
    if seen.insert((rule.id, path.to_owned())) {
        em.emit(rule, build);
    }
}

/// `year` within 2019–2100 and `published` a real date: checked on both paths (the
/// schema's `format: date` is an annotation only).
fn document_ranges(
    layout: &Layout,
    year: Option<i128>,
    published: Option<&str>,
    em: &mut Emitter,
    seen: &mut HashSet<(&'static str, String)>,
) {
    if let Some(y) = year.filter(|y| !(2019..=2100).contains(y)) {
        emit_once(em, seen, &structure::RANGE, "/year", || {
            let detail = if y < 2019 {
                format!("{y} 年早于 2019 年；2019 年以前的年度报告没有全国统一表格，不在检查范围内")
            } else {
                format!("{y} 不是有效的报告年度（应在 2019 至 2100 之间）")
            };
            let detail_en = if y < 2019 {
                format!("{y} is before 2019; reports before 2019 had no national table template and cannot be checked")
            } else {
                format!("{y} is not a valid report year (2019 to 2100)")
            };
            Finding::at("/year", layout.label("/year"))
                .text("detail", detail)
                .text("detail_en", detail_en)
                .figures(Figure::Text("2019–2100".into()), Figure::Integer(y))
        });
    }
    if let Some(date) = published.filter(|d| parse_date(d).is_none()) {
        emit_once(em, seen, &structure::RANGE, "/published", || {
            Finding::at("/published", layout.label("/published"))
                .text("detail", format!("\"{date}\" 不是 YYYY-MM-DD 格式的有效日期"))
                .text("detail_en", format!("\"{date}\" is not a valid YYYY-MM-DD date"))
                .figures(Figure::Text("YYYY-MM-DD".into()), Figure::Text(date.to_owned()))
        });
    }
}

fn schema_error(
    error: &jsonschema::ValidationError<'_>,
    layout: &Layout,
    em: &mut Emitter,
    seen: &mut HashSet<(&'static str, String)>,
) {
    use jsonschema::error::ValidationErrorKind as K;
    let at = error.instance_path().to_string();
    let instance = error.instance();
    match error.kind() {
        K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => {
            let allowed = layout.keys_at(&at);
            for key in unexpected {
                let path = pointer::child(&at, key);
                emit_once(em, seen, &structure::UNKNOWN, &path, || {
                    let hint = closest(key, &allowed);
                    let f = Finding::at(&path, layout.label(&path))
                        .param("key", key.as_str())
                        .text(
                            "hint",
                            hint.map_or_else(String::new, |k| format!("，是否应为 \"{k}\"？")),
                        )
                        .text(
                            "hint_en",
                            hint.map_or_else(String::new, |k| format!("; did you mean \"{k}\"?")),
                        );
                    match hint {
                        Some(k) => f.param("suggestion", k),
                        None => f,
                    }
                });
            }
        }
        K::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let path = pointer::child(&at, key);
            emit_once(em, seen, &structure::REQUIRED, &path, || {
                Finding::at(&path, layout.label(&path)).param("key", key)
            });
        }
        K::Minimum { .. } | K::ExclusiveMinimum { .. } if at != "/year" => {
            emit_once(em, seen, &structure::NEGATIVE, &at, || {
                Finding::at(&at, layout.label(&at)).figures(Figure::Integer(0), number_figure(instance))
            });
        }
        K::Minimum { .. } | K::Maximum { .. } | K::ExclusiveMinimum { .. } | K::ExclusiveMaximum { .. } => {
            let (zh, en) = json_type(instance);
            let (ez, ee) = expected_type(layout, &at);
            emit_once(em, seen, &structure::RANGE, &at, || {
                Finding::at(&at, layout.label(&at))
                    .text("detail", format!("应为{ez}，实际为{zh}"))
                    .text("detail_en", format!("must be {ee}, found {en}"))
            });
        }
        K::Enum { options }
        | K::Constant {
            expected_value: options,
        } => {
            let (zh, en) = json_type(instance);
            let allowed = options.to_string();
            emit_once(em, seen, &structure::RANGE, &at, || {
                Finding::at(&at, layout.label(&at))
                    .text("detail", format!("允许的值为 {allowed}，实际为{zh}"))
                    .text("detail_en", format!("allowed values are {allowed}, found {en}"))
            });
        }
        _ => {
            let (zh, en) = json_type(instance);
            let (ez, ee) = expected_type(layout, &at);
            emit_once(em, seen, &structure::TYPE, &at, || {
                Finding::at(&at, layout.label(&at))
                    .param("found_type", type_name(instance))
                    .text("expected_type", ez)
                    .text("expected_type_en", ee)
                    .text("actual_type", zh)
                    .text("actual_type_en", en)
            });
        }
    }
}

fn number_figure(v: &Value) -> Figure {
    match v {
        Value::Number(n) => n
            .as_i64()
            .map(|i| Figure::Integer(i.into()))
            .unwrap_or_else(|| Figure::Text(n.to_string())),
        other => Figure::Text(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTY: &str = include_str!("../../examples/reports/2021-county.json");

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
    fn a_repeated_leading_format_is_a_duplicate() {
        let text = COUNTY.replacen(
            "\"format\": \"2021\",",
            "\"format\": \"2021\", \"format\": \"2019\",",
            1,
        );
        assert!(parse_report(&text).is_err());
        let found = validate(text.as_str());
        assert!(
            found.iter().any(|d| d.rule == "S-DUPLICATE" && d.path == "/format"),
            "{found:?}"
        );
    }
}
