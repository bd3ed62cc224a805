//! The calls corpus (`tests/calls/cases.json`): `template`, `schema`, `fill_totals` and
//! `parse` with the same arguments in every language. Core's answers are written next to
//! the cases (`<name>.out.json`: the result as the C API and the CLI print it;
//! `<name>.error.json`: the refusal), and the Python, Node and C suites check that they give
//! the same answer and the same error.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use zfxxgk::Format;
use zfxxgk::parse::Kind;

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn cases() -> Vec<Value> {
    let text = fs::read_to_string(tests_dir().join("calls/cases.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

enum Answer {
    Out(String),
    Refused(Value),
}

fn invalid(message: impl ToString) -> Answer {
    Answer::Refused(json!({ "error": "invalid_argument", "message": message.to_string() }))
}

fn pretty(v: &impl serde::Serialize) -> Answer {
    Answer::Out(serde_json::to_string_pretty(v).unwrap() + "\n")
}

fn answer(case: &Value) -> Answer {
    let text = |key: &str| case[key].as_str().unwrap_or_else(|| panic!("{key} is text in {case}"));
    match text("call") {
        "template" => match text("format").parse::<Format>() {
            Err(e) => invalid(e),
            Ok(format) => match zfxxgk::checked_template(format, case["year"].as_i64().unwrap()) {
                Ok(report) => pretty(&report),
                Err(e) => invalid(e),
            },
        },
        "schema" => match zfxxgk::schema::named(Some(text("format"))) {
            Ok(schema) => pretty(&schema),
            Err(e) => invalid(e),
        },
        "fill_totals" => {
            let bytes = fs::read(tests_dir().join(text("report"))).unwrap();
            match zfxxgk::fill_totals_text(bytes.as_slice()) {
                // The input's text with only its totals changed, byte for byte.
                Ok(filled) => Answer::Out(filled + "\n"),
                Err(v) => {
                    let mut pairs: Vec<(String, String)> = v
                        .diagnostics
                        .iter()
                        .map(|d| (d.rule.to_string(), d.path.clone()))
                        .collect();
                    pairs.sort();
                    Answer::Refused(json!({ "error": "not_a_report", "diagnostics": pairs }))
                }
            }
        }
        "parse" => {
            let bytes = fs::read(tests_dir().join(text("input"))).unwrap();
            match text("kind").parse::<Kind>() {
                Err(e) => invalid(e),
                Ok(kind) => match zfxxgk::parse::parse(&bytes, kind) {
                    Ok(parsed) => pretty(&parsed),
                    Err(e) => pretty(&json!({ "error": e })),
                },
            }
        }
        other => panic!("unknown call {other}"),
    }
}

#[test]
fn every_call_gives_its_recorded_answer() {
    let dir = tests_dir().join("calls");
    let update = std::env::var_os("ZFXXGK_UPDATE_CALLS").is_some();
    let mut stale = Vec::new();
    let mut names = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap().to_owned();
        let (file, other, content) = match answer(&case) {
            Answer::Out(text) => (format!("{name}.out.json"), format!("{name}.error.json"), text),
            Answer::Refused(v) => (
                format!("{name}.error.json"),
                format!("{name}.out.json"),
                serde_json::to_string_pretty(&v).unwrap() + "\n",
            ),
        };
        if update {
            fs::write(dir.join(&file), &content).unwrap();
            let _ = fs::remove_file(dir.join(&other));
        } else if fs::read_to_string(dir.join(&file)).ok().as_deref() != Some(content.as_str())
            || dir.join(&other).exists()
        {
            stale.push(name.clone());
        }
        names.push(name);
    }
    assert!(
        stale.is_empty(),
        "the recorded answers of {stale:?} differ from core's; run ./scripts/regenerate and review the change"
    );
    // No answer file without its case.
    for entry in fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if file == "cases.json" {
            continue;
        }
        let stem = file.trim_end_matches(".out.json").trim_end_matches(".error.json");
        assert!(names.iter().any(|n| n == stem), "{file} answers no case of cases.json");
    }
    assert!(names.len() > 20);
}
