//! The parse-fixture corpus (`tests/parse-fixtures/<case>/`): one layout variant a case, a
//! real report of `tests/corpus/` with one documented edit (`case.json`).
//!
//! Two checks a case. Against the truth: every table cell is the report's hand-checked
//! figure, except the cells the edit leaves undetermined (`null` in `case.json`), which must
//! be `null`. Against `expected.json`: the whole parse result (document, notes, sources) is
//! what the Python, Node and C tests compare with too; when the parser changes on purpose,
//! `ZFXXGK_UPDATE_PARSE_FIXTURES=1 cargo test -p zfxxgk --test parse_fixtures` (or
//! `./scripts/regenerate`) rewrites it.

use std::fs;
use std::path::Path;

use serde_json::Value;
use zfxxgk::layout::Layout;
use zfxxgk::parse::{Kind, parse};

/// The parse result as every binding returns it: the parsed report, or `{"error": …}`.
pub fn result_json(input: &[u8]) -> String {
    match parse(input, Kind::Auto) {
        Ok(parsed) => serde_json::to_string_pretty(&parsed).unwrap(),
        Err(e) => serde_json::to_string_pretty(&serde_json::json!({ "error": e })).unwrap(),
    }
}

#[test]
fn every_parse_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let update = std::env::var_os("ZFXXGK_UPDATE_PARSE_FIXTURES").is_some();
    let mut cases: Vec<_> = fs::read_dir(root.join("parse-fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "only {} parse fixtures", cases.len());
    let mut failures = Vec::new();
    for dir in &cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let case: Value = serde_json::from_str(&fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        let input = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
            .unwrap();
        let bytes = fs::read(&input).unwrap();
        let got = result_json(&bytes);
        let expected_path = dir.join("expected.json");
        if update {
            fs::write(&expected_path, format!("{got}\n")).unwrap();
        } else if fs::read_to_string(&expected_path).map(|t| t.trim_end().to_owned()).ok() != Some(got.clone()) {
            failures.push(format!(
                "{name}: the parse result differs from expected.json (run ZFXXGK_UPDATE_PARSE_FIXTURES=1 cargo test -p zfxxgk --test parse_fixtures, or ./scripts/regenerate, and review the diff)"
            ));
        }

        // Against the truth of the report the case comes from.
        let from = case["from"].as_str().unwrap();
        let source = root.join("corpus").join(from).parent().unwrap().to_path_buf();
        let truth: Value = serde_json::from_str(&fs::read_to_string(source.join("expected.json")).unwrap()).unwrap();
        let got: Value = serde_json::from_str(&got).unwrap();
        let Some(report) = got.get("report") else {
            failures.push(format!("{name}: not parsed: {}", got["error"]));
            continue;
        };
        let layout = Layout::of(zfxxgk::Format::from_name(truth["format"].as_str().unwrap()).unwrap());
        let nulls: Vec<&str> = case["null"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for cell in &layout.cells {
            let have = report.pointer(&cell.pointer).cloned().unwrap_or(Value::Null);
            let want = if nulls.contains(&cell.pointer.as_str()) {
                Value::Null
            } else if let Some(changed) = case["changed"].get(&cell.pointer) {
                changed.clone()
            } else {
                truth.pointer(&cell.pointer).cloned().unwrap_or(Value::Null)
            };
            let same = have == want || (have.is_number() && want.is_number() && have.as_f64() == want.as_f64());
            if !same {
                failures.push(format!("{name}: {} is {have}, should be {want}", cell.pointer));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
