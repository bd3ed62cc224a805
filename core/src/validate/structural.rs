//! The structural stage: what a document that the typed model refuses gets wrong (JSON
//! syntax, nesting, the JSON Schema's findings mapped onto our rule ids, numbers beyond
//! 64 bits, years and dates), reported while the well-formed parts are still read.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde_json::Value;

use crate::diagnostic::Figure;
use crate::json::{self, JsonError};
use crate::layout::{CellKind, Layout};
use crate::model::{Format, YEARS};
use crate::pointer;
use crate::rules::{Emitter, Finding, Rule, structure};
use crate::schema::report_schema;
use crate::sheet::{Sheet, parse_date};

pub(super) fn json_error(e: JsonError, em: &mut Emitter) {
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
pub(super) fn type_name(v: &Value) -> &'static str {
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

/// A value as short JSON for a message: a container is not written out (it may be nested
/// 10^5 deep or hold megabytes), a long string is cut.
pub(super) fn short_json(v: &Value) -> String {
    match v {
        Value::Array(_) => "[…]".to_owned(),
        Value::Object(_) => "{…}".to_owned(),
        Value::String(s) if s.chars().count() > 40 => {
            let head: String = s.chars().take(40).collect();
            format!("{}…", Value::String(head))
        }
        other => other.to_string(),
    }
}

pub(super) fn json_type(v: &Value) -> (String, String) {
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

static YEAR_ZH: LazyLock<String> = LazyLock::new(|| format!("{} 至 {} 之间的整数", YEARS.start(), YEARS.end()));
static YEAR_EN: LazyLock<String> = LazyLock::new(|| format!("an integer from {} to {}", YEARS.start(), YEARS.end()));

pub(super) fn expected_type(layout: &Layout, path: &str) -> (&'static str, &'static str) {
    if path == "/year" {
        return (YEAR_ZH.as_str(), YEAR_EN.as_str());
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

pub(super) static VALIDATORS: LazyLock<[jsonschema::Validator; 2]> = LazyLock::new(|| {
    Format::ALL.map(|f| {
        jsonschema::draft202012::new(report_schema(f)).unwrap_or_else(|e| panic!("our own schema compiles: {e}"))
    })
});

pub(super) fn validator(format: Format) -> &'static jsonschema::Validator {
    &VALIDATORS[format as usize]
}

/// The closest allowed key by edit distance, when one is close enough to be a typo.
pub(super) fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
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

pub(super) fn slow(value: &Value, duplicates: &[String], em: &mut Emitter) -> Option<Sheet> {
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
        Some(Value::String(s)) => Format::from_name(s),
        _ => None,
    };
    let Some(format) = format else {
        let actual = map
            .get("format")
            .map_or_else(|| "（缺失 / missing）".to_owned(), short_json);
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
    let extras = extras
        .into_iter()
        .map(|(id, range)| (id, range, value.pointer(&layout.cells[id].pointer)))
        .collect::<Vec<_>>();
    tail(
        layout,
        &extras,
        map.get("year"),
        map.get("published").and_then(Value::as_str),
        em,
        &mut seen,
    );
    Some(sheet)
}

/// What both structural readers report after the schema's findings: cells that the schema
/// accepts but the model cannot hold (`(cell, is_range_problem, value found)`, in cell
/// order), an integral float as the year, and the ranges of `year` and `published`.
pub(super) fn tail(
    layout: &Layout,
    extras: &[(usize, bool, Option<&Value>)],
    year: Option<&Value>,
    published: Option<&str>,
    em: &mut Emitter,
    seen: &mut HashSet<(&'static str, String)>,
) {
    for &(id, range, found_value) in extras {
        let def = &layout.cells[id];
        let found = found_value.map(json_type).unwrap_or_default();
        let found_type = found_value.map_or("null", type_name);
        if range {
            emit_once(em, seen, &structure::RANGE, &def.pointer, || {
                let (zh, en) = if def.kind == CellKind::Amount {
                    (
                        format!("{} 无法精确表示（整数部分不超过 64 位，小数不超过 18 位）", found.0),
                        format!(
                            "{} cannot be held exactly (at most 64 bits before the point, 18 decimals after it)",
                            found.1
                        ),
                    )
                } else {
                    (
                        format!("{} 超出 64 位整数范围", found.0),
                        format!("{} does not fit in 64 bits", found.1),
                    )
                };
                Finding::at(&def.pointer, &def.label)
                    .text("detail", zh)
                    .text("detail_en", en)
            });
        } else {
            let (zh, en) = expected_type(layout, &def.pointer);
            emit_once(em, seen, &structure::TYPE, &def.pointer, || {
                Finding::at(&def.pointer, &def.label)
                    .param("found_type", found_type)
                    .text("expected_type", zh)
                    .text("expected_type_en", en)
                    .text("actual_type", found.0)
                    .text("actual_type_en", found.1)
            });
        }
    }
    let year = match year {
        Some(v @ Value::Number(n)) if n.is_f64() => {
            let (zh, en) = json_type(v);
            emit_once(em, seen, &structure::TYPE, "/year", || {
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
    document_ranges(layout, year, published, em, seen);
}

pub(super) fn emit_once(
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
pub(super) fn document_ranges(
    layout: &Layout,
    year: Option<i128>,
    published: Option<&str>,
    em: &mut Emitter,
    seen: &mut HashSet<(&'static str, String)>,
) {
    let (first, last) = (i128::from(*YEARS.start()), i128::from(*YEARS.end()));
    if let Some(y) = year.filter(|y| !(first..=last).contains(y)) {
        emit_once(em, seen, &structure::RANGE, "/year", || {
            let detail = if y < first {
                format!("{y} 年早于 {first} 年；{first} 年以前的年度报告没有全国统一表格，不在检查范围内")
            } else {
                format!("{y} 不是有效的报告年度（应在 {first} 至 {last} 之间）")
            };
            let detail_en = if y < first {
                format!(
                    "{y} is before {first}; reports before {first} had no national table template and cannot be checked"
                )
            } else {
                format!("{y} is not a valid report year ({first} to {last})")
            };
            Finding::at("/year", layout.label("/year"))
                .text("detail", detail)
                .text("detail_en", detail_en)
                .figures(Figure::Text(format!("{first}–{last}")), Figure::Integer(y))
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

pub(super) fn schema_error(
    error: &jsonschema::ValidationError<'_>,
    layout: &Layout,
    em: &mut Emitter,
    seen: &mut HashSet<(&'static str, String)>,
) {
    use jsonschema::error::ValidationErrorKind as K;
    let at = error.instance_path().to_string();
    let instance = error.instance();
    let mut out = Findings { layout, em, seen };
    match error.kind() {
        K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => {
            for key in unexpected {
                out.unknown_key(&at, key);
            }
        }
        K::Required { property } => out.required_key(&at, property.as_str().unwrap_or_default()),
        K::Minimum { .. } | K::ExclusiveMinimum { .. } if at != "/year" => out.negative(&at, instance),
        K::Minimum { .. } | K::Maximum { .. } | K::ExclusiveMinimum { .. } | K::ExclusiveMaximum { .. } => {
            out.out_of_bounds(&at, instance);
        }
        K::Enum { options }
        | K::Constant {
            expected_value: options,
        } => {
            let (zh, en) = json_type(instance);
            let allowed = options.to_string();
            out.once(&structure::RANGE, &at, || {
                Finding::at(&at, layout.label(&at))
                    .text("detail", format!("允许的值为 {allowed}，实际为{zh}"))
                    .text("detail_en", format!("allowed values are {allowed}, found {en}"))
            });
        }
        _ => out.wrong_type(&at, instance),
    }
}

/// Where the structural findings go: the layout names the cells, and each rule is reported
/// once per path.
pub(super) struct Findings<'a> {
    pub layout: &'a Layout,
    pub em: &'a mut Emitter,
    pub seen: &'a mut HashSet<(&'static str, String)>,
}

impl Findings<'_> {
    fn once(&mut self, rule: &'static Rule, path: &str, build: impl FnOnce() -> Finding) {
        emit_once(self.em, self.seen, rule, path, build);
    }

    /// `S-UNKNOWN`: `key` of the object at `at` is not in the template.
    pub(super) fn unknown_key(&mut self, at: &str, key: &str) {
        let layout = self.layout;
        let path = pointer::child(at, key);
        self.once(&structure::UNKNOWN, &path, || {
            let allowed = layout.keys_at(at);
            let hint = closest(key, &allowed);
            let f = Finding::at(&path, layout.label(&path))
                .param("key", key)
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

    /// `S-REQUIRED`: the object at `at` has no `key`.
    pub(super) fn required_key(&mut self, at: &str, key: &str) {
        let layout = self.layout;
        let path = pointer::child(at, key);
        self.once(&structure::REQUIRED, &path, || {
            Finding::at(&path, layout.label(&path)).param("key", key)
        });
    }

    /// `S-NEGATIVE`: a number below 0 where the template wants one ≥ 0.
    pub(super) fn negative(&mut self, at: &str, instance: &Value) {
        let layout = self.layout;
        self.once(&structure::NEGATIVE, at, || {
            Finding::at(at, layout.label(at)).figures(Figure::Integer(0), number_figure(instance))
        });
    }

    /// `S-RANGE`: a number outside the bounds the schema gives (the year).
    pub(super) fn out_of_bounds(&mut self, at: &str, instance: &Value) {
        let layout = self.layout;
        let (zh, en) = json_type(instance);
        let (ez, ee) = expected_type(layout, at);
        self.once(&structure::RANGE, at, || {
            Finding::at(at, layout.label(at))
                .text("detail", format!("应为{ez}，实际为{zh}"))
                .text("detail_en", format!("must be {ee}, found {en}"))
        });
    }

    /// `S-TYPE`: a value of another JSON type than the template's.
    pub(super) fn wrong_type(&mut self, at: &str, instance: &Value) {
        let layout = self.layout;
        let (zh, en) = json_type(instance);
        let (ez, ee) = expected_type(layout, at);
        self.once(&structure::TYPE, at, || {
            Finding::at(at, layout.label(at))
                .param("found_type", type_name(instance))
                .text("expected_type", ez)
                .text("expected_type_en", ee)
                .text("actual_type", zh)
                .text("actual_type_en", en)
        });
    }
}

pub(super) fn number_figure(v: &Value) -> Figure {
    match v {
        Value::Number(n) => n
            .as_i64()
            .map(|i| Figure::Integer(i.into()))
            .unwrap_or_else(|| Figure::Text(n.to_string())),
        other => Figure::Text(other.to_string()),
    }
}
