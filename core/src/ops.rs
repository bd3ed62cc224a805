//! Operations on documents besides checking: computing totals, blank templates.

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::layout::{Layout, Node};
use crate::model::{Format, Report};
use crate::rules::Emitter;
use crate::validate::{Input, read};

/// Why a document cannot be processed at all (not JSON, not an object, no known format).
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable(pub Box<Diagnostic>);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.rule, self.0.message_en)
    }
}
impl std::error::Error for Unreadable {}

/// The template version of a JSON value, or the diagnostic that says why it has none.
fn format_of(doc: &Value) -> Result<Format, Unreadable> {
    if let Some(f) = doc.get("format").and_then(Value::as_str).and_then(Format::from_name) {
        return Ok(f);
    }
    let mut em = Emitter::new(Some(1));
    let _ = read(Input::Value(doc), usize::MAX, &mut em);
    if em.out.is_empty() {
        // read() always explains a missing format; this keeps the function total.
        em.emit(&crate::rules::structure::FORMAT, || {
            crate::rules::Finding::at("/format", "模板版本")
        });
    }
    Err(Unreadable(Box::new(em.out.swap_remove(0))))
}

/// Computes every total of tables 3 and 4 from its parts, as a form does while the clerk
/// types: each row's 总计, every column of （七）总计 and each table-4 总计. Blank parts
/// count as 0; a total whose parts include a value that is not a count is left as it is.
/// Cells that are not totals are never changed. Returns a new document.
pub fn fill_totals_value(doc: &Value) -> Result<Value, Unreadable> {
    let layout = Layout::of(format_of(doc)?);
    let mut out = doc.clone();
    for sum in &layout.sums {
        let mut total: u64 = 0;
        let mut ok = true;
        for &part in &sum.parts {
            match out.pointer(&layout.cells[part].pointer) {
                Some(Value::Null) => {}
                Some(Value::Number(n)) if n.is_u64() => match n.as_u64().and_then(|v| total.checked_add(v)) {
                    Some(t) => total = t,
                    None => ok = false,
                },
                _ => ok = false,
            }
        }
        if ok {
            let ptr = &layout.cells[sum.total].pointer;
            let (parent, key) = ptr.rsplit_once('/').unwrap_or(("", ptr));
            if let Some(Value::Object(row)) = out.pointer_mut(parent) {
                row.insert(key.to_owned(), Value::from(total));
            }
        }
    }
    Ok(out)
}

/// [`fill_totals_value`] for what [`crate::validate`] takes: bytes or text are read as JSON
/// first (a leading byte-order mark ignored, as `validate` ignores it); input that is not a
/// report gives the diagnostics `validate` gives it (`DOC-NOT-JSON` with line and column,
/// `DOC-FORMAT`, …). Every binding and the CLI call this, so that they accept and refuse
/// the same inputs.
pub fn fill_totals_input<'a>(input: impl Into<Input<'a>>) -> Result<Value, crate::Validation> {
    let input = input.into();
    let unreadable = |e: Unreadable| crate::Validation {
        diagnostics: vec![*e.0],
        truncated: Vec::new(),
    };
    if input.text_len() > crate::validate::MAX_INPUT_BYTES {
        return Err(crate::validate_with(input, &crate::Options::default()));
    }
    let text = match input {
        Input::Value(v) => return fill_totals_value(v).map_err(unreadable),
        Input::Bytes(b) => std::str::from_utf8(b).ok(),
        Input::Str(s) => Some(s),
    };
    match text.and_then(|t| serde_json::from_str::<Value>(t.trim_start_matches('\u{feff}')).ok()) {
        Some(value) => fill_totals_value(&value).map_err(unreadable),
        None => Err(crate::validate_with(input, &crate::Options::default())),
    }
}

/// [`fill_totals_value`] on a typed report.
pub fn fill_totals(report: &Report) -> Report {
    let value = serde_json::to_value(report).unwrap_or(Value::Null);
    fill_totals_value(&value)
        .ok()
        .and_then(|v| crate::validate::typed_value(&v))
        .unwrap_or_else(|| report.clone())
}

fn zeros(node: &Node) -> Value {
    if node.kind.is_some() {
        return Value::from(0u64);
    }
    let mut map = Map::new();
    for (key, child) in &node.children {
        if child.kind.is_some() || !child.children.is_empty() {
            map.insert(key.clone(), zeros(child));
        }
    }
    Value::Object(map)
}

/// A report year outside [`crate::model::YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearOutOfRange(pub i64);

impl std::fmt::Display for YearOutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (first, last) = (crate::model::YEARS.start(), crate::model::YEARS.end());
        write!(f, "year {} is outside {first}-{last}", self.0)
    }
}
impl std::error::Error for YearOutOfRange {}

/// [`template`] for a year the model accepts; the year out of range otherwise. What every
/// binding and the CLI call, so that all refuse the same years (any integer a language can
/// pass, negative or huge, is answered the same way).
pub fn checked_template(format: Format, year: i64) -> Result<Report, YearOutOfRange> {
    match u32::try_from(year) {
        Ok(y) if crate::model::YEARS.contains(&y) => Ok(template(format, y)),
        _ => Err(YearOutOfRange(year)),
    }
}

/// A blank report of `format` for `year`: every cell 0, every text section empty. It
/// has no error-severity diagnostic (the empty sections are warnings) when `year` is in
/// [`crate::model::YEARS`] (see [`checked_template`]).
pub fn template(format: Format, year: u32) -> Report {
    let layout = Layout::of(format);
    let mut doc = Map::new();
    doc.insert("format".into(), Value::from(format.as_str()));
    doc.insert("year".into(), Value::from(year));
    for (key, node) in &layout.tree.children {
        match key.as_str() {
            "proactive" | "requests" | "appeals" => {
                doc.insert(key.clone(), zeros(node));
            }
            "overview" | "problems" | "other_matters" => {
                doc.insert(key.clone(), Value::from(""));
            }
            _ => {}
        }
    }
    crate::validate::typed_value(&Value::Object(doc))
        .unwrap_or_else(|| unreachable!("the zero template is well-formed"))
}
