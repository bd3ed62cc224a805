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

/// A total that [`fill_totals_value`] writes: the cell and its computed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    /// JSON Pointer of the total cell.
    pub pointer: &'static str,
    /// The sum of its parts.
    pub value: u64,
}

/// Every total of tables 3 and 4 computed from its parts, as a form does while the clerk
/// types: each row's 总计, every column of （七）总计 and each table-4 总计. Blank parts
/// count as 0; a total whose parts include a value that is not a count (or a missing cell)
/// is not computed; a total whose row object is missing is not written. Each cell once,
/// in template order of first computation.
pub fn totals_to_fill(doc: &Value) -> Result<Vec<Total>, Unreadable> {
    let layout = Layout::of(format_of(doc)?);
    let mut written: Vec<Option<u64>> = vec![None; layout.cells.len()];
    let mut out: Vec<Total> = Vec::new();
    for sum in &layout.sums {
        let mut total: Option<u64> = Some(0);
        for &part in &sum.parts {
            let value = match written[part] {
                Some(v) => Some(v),
                None => match doc.pointer(&layout.cells[part].pointer) {
                    Some(Value::Null) => Some(0),
                    Some(Value::Number(n)) => n.as_u64(),
                    _ => None,
                },
            };
            total = total.zip(value).and_then(|(t, v)| t.checked_add(v));
        }
        let Some(total) = total else { continue };
        let pointer = layout.cells[sum.total].pointer.as_str();
        let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
        if !matches!(doc.pointer(parent), Some(Value::Object(_))) {
            continue;
        }
        written[sum.total] = Some(total);
        match out.iter_mut().find(|t| t.pointer == pointer) {
            Some(t) => t.value = total,
            None => out.push(Total { pointer, value: total }),
        }
    }
    Ok(out)
}

/// The document with every total of [`totals_to_fill`] written. Cells that are not totals
/// are never changed. Returns a new document.
pub fn fill_totals_value(doc: &Value) -> Result<Value, Unreadable> {
    Ok(with_totals(doc, &totals_to_fill(doc)?))
}

/// A copy of `doc` with `totals` written into their rows.
fn with_totals(doc: &Value, totals: &[Total]) -> Value {
    let mut out = doc.clone();
    for t in totals {
        let (parent, key) = t.pointer.rsplit_once('/').unwrap_or(("", t.pointer));
        if let Some(Value::Object(row)) = out.pointer_mut(parent) {
            row.insert(key.to_owned(), Value::from(t.value));
        }
    }
    out
}

/// What the text-taking front ends need: the input read as JSON the way `validate` reads
/// it (a leading byte-order mark ignored; input that is not a report refused with the
/// diagnostics `validate` gives it: `DOC-NOT-JSON` with line and column, `DOC-FORMAT`,
/// `DOC-TOO-LARGE`, …). A key written twice in one object is refused with its
/// `S-DUPLICATE` diagnostics: which of the two values is the cell is not decided here.
fn read_for_totals<'a>(input: Input<'a>) -> Result<(std::borrow::Cow<'a, Value>, Option<&'a str>), crate::Validation> {
    let refused = || crate::validate_with(input, &crate::Options::default());
    if input.text_len() > crate::validate::MAX_INPUT_BYTES {
        return Err(refused());
    }
    let text = match input {
        Input::Value(v) => return Ok((std::borrow::Cow::Borrowed(v), None)),
        Input::Bytes(b) => crate::json::utf8_text(b).ok(),
        Input::Str(s) => Some(crate::json::strip_bom(s)),
    };
    let Some(text) = text else { return Err(refused()) };
    let Ok(doc) = crate::json::read(text) else {
        return Err(refused());
    };
    if !doc.duplicates.is_empty() {
        let mut all = refused();
        all.diagnostics
            .retain(|d| d.rule == crate::rules::structure::DUPLICATE.id);
        return Err(all);
    }
    Ok((std::borrow::Cow::Owned(doc.value), Some(text)))
}

fn unreadable(e: Unreadable) -> crate::Validation {
    crate::Validation {
        diagnostics: vec![*e.0],
        truncated: Vec::new(),
    }
}

/// [`totals_to_fill`] for what [`crate::validate`] takes (bytes, text or a value), refused
/// as [`fill_totals_text`] refuses. The bindings that hold the caller's own objects
/// (Python dicts, JavaScript objects) write these totals into a copy of them, so that
/// every value they do not compute stays exactly as given.
pub fn totals_to_fill_input<'a>(input: impl Into<Input<'a>>) -> Result<Vec<Total>, crate::Validation> {
    let (value, _) = read_for_totals(input.into())?;
    totals_to_fill(&value).map_err(unreadable)
}

/// The report with every total of [`totals_to_fill`] written, as JSON text. Text input is
/// edited in place: only the total cells change (a missing total is added at the end of its
/// row) and every other byte stays as written, so numbers no `f64` holds, long decimals,
/// key order and layout are kept. A value is written out pretty-printed. Refused input
/// gives the diagnostics of [`totals_to_fill_input`]. Every binding and the CLI call this
/// (or [`totals_to_fill_input`]), so that all accept and refuse the same inputs.
pub fn fill_totals_text<'a>(input: impl Into<Input<'a>>) -> Result<String, crate::Validation> {
    let (value, text) = read_for_totals(input.into())?;
    let totals = totals_to_fill(&value).map_err(unreadable)?;
    match text {
        Some(text) => {
            let edits: Vec<(String, String)> = totals
                .iter()
                .map(|t| (t.pointer.to_owned(), t.value.to_string()))
                .collect();
            Ok(crate::splice::splice(text, &edits))
        }
        None => Ok(serde_json::to_string_pretty(&with_totals(&value, &totals)).unwrap_or_default()),
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
