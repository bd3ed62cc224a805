//! The published JSON Schemas (draft 2020-12), generated from the model types.
//!
//! `schemas/*.json` in the repository is this module's output, written by
//! `cargo run -p zfxxgk-cli -- schema --write` and compared with fresh output by a test.

use std::sync::LazyLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::diagnostic::Diagnostic;
use crate::model::{Format, Report2019, Report2021};

/// The `$id` prefix of every published schema.
pub const ID_PREFIX: &str = "urn:zfxxgk:schema:";

const EXAMPLE_2019: &str = include_str!("../data/2019-town.json");
const EXAMPLE_2021: &str = include_str!("../data/2021-county.json");

fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12().into_generator()
}

fn with_header(mut schema: Map<String, Value>, id: &str, example: Option<&str>) -> Value {
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        schema
            .remove("$schema")
            .unwrap_or(json!("https://json-schema.org/draft/2020-12/schema")),
    );
    out.insert("$id".into(), Value::String(format!("{ID_PREFIX}{id}")));
    out.extend(schema);
    if let Some(text) = example {
        let example: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        out.insert("examples".into(), Value::Array(vec![example]));
    }
    Value::Object(out)
}

fn root_of<T: JsonSchema>() -> Map<String, Value> {
    match generator().into_root_schema_for::<T>().to_value() {
        Value::Object(mut map) => {
            map.values_mut().for_each(strip_rust_formats);
            map
        }
        _ => Map::new(),
    }
}

/// Removes the `format`s schemars writes for Rust integer types (`uint64`, `uint32`,
/// `int64` …): they are not JSON Schema formats, and validators in strict mode (ajv)
/// refuse unknown formats. The bounds they imply are stated by `minimum`/`maximum`.
fn strip_rust_formats(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let rust = map.get("format").and_then(Value::as_str).is_some_and(|f| {
                f.strip_prefix("uint")
                    .or_else(|| f.strip_prefix("int"))
                    .is_some_and(|bits| bits.parse::<u8>().is_ok())
            });
            if rust {
                map.remove("format");
            }
            map.values_mut().for_each(strip_rust_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_rust_formats),
        _ => {}
    }
}

fn build_report_schema(format: Format) -> Value {
    match format {
        Format::V2019 => with_header(root_of::<Report2019>(), "report-2019", Some(EXAMPLE_2019)),
        Format::V2021 => with_header(root_of::<Report2021>(), "report-2021", Some(EXAMPLE_2021)),
    }
}

static REPORT_2019: LazyLock<Value> = LazyLock::new(|| build_report_schema(Format::V2019));
static REPORT_2021: LazyLock<Value> = LazyLock::new(|| build_report_schema(Format::V2021));

/// The schema of one template version.
pub fn report_schema(format: Format) -> &'static Value {
    match format {
        Format::V2019 => &REPORT_2019,
        Format::V2021 => &REPORT_2021,
    }
}

/// The schema that accepts a report of either version (chosen by `format`).
pub fn any_report_schema() -> Value {
    let mut generator = generator();
    let r2019 = generator.subschema_for::<Report2019>();
    let r2021 = generator.subschema_for::<Report2021>();
    let mut defs: Map<String, Value> = generator.take_definitions(true);
    defs.values_mut().for_each(strip_rust_formats);
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("title".into(), json!("政府信息公开工作年度报告"));
    root.insert(
        "description".into(),
        json!("2019 年格式或 2021 年格式的年度报告，由 format 区分。"),
    );
    root.insert("oneOf".into(), json!([r2019, r2021]));
    root.insert("$defs".into(), Value::Object(defs));
    let examples: Vec<Value> = [EXAMPLE_2019, EXAMPLE_2021]
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect();
    root.insert("examples".into(), Value::Array(examples));
    with_header(root, "report", None)
}

/// The names [`named`] accepts.
pub const NAMES: &[&str] = &["2019", "2021", "diagnostic"];

/// A published schema by the name the bindings take: `None` for the schema of either
/// template version, `"2019"`, `"2021"` or `"diagnostic"`; any other name is refused with
/// the message every language gives.
pub fn named(name: Option<&str>) -> Result<Value, crate::UnknownName> {
    match name {
        None => Ok(any_report_schema()),
        Some("diagnostic") => Ok(diagnostic_schema()),
        Some("2019") => Ok(report_schema(Format::V2019).clone()),
        Some("2021") => Ok(report_schema(Format::V2021).clone()),
        Some(other) => Err(crate::UnknownName::new("schema", other, NAMES)),
    }
}

/// The schema of one diagnostic record.
pub fn diagnostic_schema() -> Value {
    with_header(root_of::<Diagnostic>(), "diagnostic", None)
}

/// The schema of what `parse` returns in every language: the parsed report with its notes
/// and sources, or `{"error": …}`.
pub fn parse_result_schema() -> Value {
    let mut generator = generator();
    let r2019 = generator.subschema_for::<Report2019>();
    let r2021 = generator.subschema_for::<Report2021>();
    let note = generator.subschema_for::<crate::parse::Note>();
    let error = generator.subschema_for::<crate::parse::ParseError>();
    let mut defs: Map<String, Value> = generator.take_definitions(true);
    defs.values_mut().for_each(strip_rust_formats);
    let parsed = json!({
        "title": "解析出的报告",
        "type": "object",
        "properties": {
            "report": { "title": "报告", "description": "规范的 JSON 文档；无法确定的单元格为 null。", "oneOf": [r2019, r2021] },
            "notes": { "title": "解析说明", "type": "array", "items": note },
            "sources": {
                "title": "来源",
                "description": "每个表格单元格的 JSON Pointer 与读取它的原文。",
                "type": "array",
                "items": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "string" }], "items": false, "minItems": 2 }
            }
        },
        "required": ["report", "notes", "sources"],
        "additionalProperties": false
    });
    let failed = json!({
        "title": "无法解析",
        "type": "object",
        "properties": { "error": error },
        "required": ["error"],
        "additionalProperties": false
    });
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("title".into(), json!("年度报告解析结果"));
    root.insert(
        "description".into(),
        json!("parse 的结果：解析出的报告（含解析说明与来源），或无法解析的原因。"),
    );
    root.insert("oneOf".into(), json!([parsed, failed]));
    root.insert("$defs".into(), Value::Object(defs));
    with_header(root, "parse-result", None)
}

/// Every published schema as `(file name, pretty JSON text ending in a newline)`.
pub fn published() -> Vec<(&'static str, String)> {
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    vec![
        ("report-2019.schema.json", pretty(report_schema(Format::V2019))),
        ("report-2021.schema.json", pretty(report_schema(Format::V2021))),
        ("report.schema.json", pretty(&any_report_schema())),
        ("diagnostic.schema.json", pretty(&diagnostic_schema())),
        ("parse-result.schema.json", pretty(&parse_result_schema())),
        ("rules.json", pretty(&crate::arithmetic::rules_json())),
    ]
}
