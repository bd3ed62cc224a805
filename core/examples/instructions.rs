#![allow(missing_docs)]
//! Instruction counts of validation paths beside their baselines, stable where wall-clock
//! time on a shared machine is not:
//!   cargo build --release --example instructions
//!   MODE=valid N=100 valgrind --tool=callgrind target/<host triple>/release/examples/instructions
//!   callgrind_annotate --inclusive=yes callgrind.out.* | grep instructions::
//! (MODE=structural for a report with structural errors.)
use serde_json::{Value, json};

#[inline(never)]
fn zfxxgk_validate_bytes(bytes: &[u8]) -> usize {
    zfxxgk::validate(bytes).len()
}
#[inline(never)]
fn baseline_value_parse(bytes: &[u8]) -> usize {
    serde_json::from_slice::<Value>(bytes)
        .map(|v| v.as_object().map_or(0, |m| m.len()))
        .unwrap_or(0)
}
#[inline(never)]
fn baseline_jsonschema_from_bytes(v: &jsonschema::Validator, bytes: &[u8]) -> usize {
    let value: Value = serde_json::from_slice(bytes).unwrap();
    v.iter_errors(&value).count()
}

fn main() {
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let text = include_str!("../../examples/reports/2021-county.json");
    let mut doc: Value = serde_json::from_str(text).unwrap();
    for key in ["preface", "overview", "problems", "other_matters"] {
        let s: String = doc[key].as_str().unwrap().chars().take(260).collect();
        doc[key] = json!(s);
    }
    let valid = serde_json::to_vec(&doc).unwrap();
    doc["requests"]["new"]["research"] = json!("0");
    doc["requests"]["outcomes"]["withheld"]["state_secret"]["remark"] = json!("x");
    doc["appeals"]["review"]["upheld"] = json!(-1);
    let structural = serde_json::to_vec(&doc).unwrap();
    let validator = jsonschema::draft202012::new(zfxxgk::schema::report_schema(zfxxgk::Format::V2021)).unwrap();
    zfxxgk::validate(valid.as_slice()); // build the statics outside the counted calls
    let mut sink = 0;
    let which = std::env::var("MODE").unwrap_or_default();
    let inputs: Vec<&Vec<u8>> = match which.as_str() {
        "valid" => vec![&valid],
        "structural" => vec![&structural],
        _ => vec![&valid, &structural],
    };
    for bytes in inputs {
        for _ in 0..n {
            sink += zfxxgk_validate_bytes(bytes);
            sink += baseline_value_parse(bytes);
            sink += baseline_jsonschema_from_bytes(&validator, bytes);
        }
    }
    println!("{sink}");
}
