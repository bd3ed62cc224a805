//! The parser against real published reports (`tests/corpus/<report>/`: the inputs as
//! published or captured, and every table number read by hand in `expected.json`).
//!
//! For every input: each cell of tables 2–4 is exact, or `null` where the parser could not
//! be certain (cells that ran together ambiguously). A wrong number fails the test.
//! `cargo test -p zfxxgk --test corpus -- --nocapture` prints the accuracy per input kind.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;
use zfxxgk::layout::Layout;
use zfxxgk::parse::{Kind, parse};

struct Tally {
    exact: usize,
    null: usize,
    wrong: usize,
}

#[test]
fn every_cell_of_every_real_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let expected: Value = serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
        let meta: Value = serde_json::from_str(&fs::read_to_string(dir.join("meta.json")).unwrap()).unwrap();
        for input in meta["inputs"].as_array().unwrap() {
            let file = input["file"].as_str().unwrap();
            if file.ends_with(".pdf") {
                continue;
            }
            let kind_name = input["kind"].as_str().unwrap().to_owned();
            let bytes = fs::read(dir.join(file)).unwrap();
            let name = format!("{}/{file}", dir.file_name().unwrap().to_string_lossy());
            let parsed = match parse(&bytes, Kind::Auto) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let got = serde_json::to_value(&parsed.report).unwrap();
            if got["format"] != expected["format"] || got["year"] != expected["year"] {
                failures.push(format!(
                    "{name}: format/year {} {} vs {} {}",
                    got["format"], got["year"], expected["format"], expected["year"]
                ));
                continue;
            }
            let layout = Layout::of(zfxxgk::Format::parse(expected["format"].as_str().unwrap()).unwrap());
            let tally = by_kind.entry(kind_name).or_insert(Tally {
                exact: 0,
                null: 0,
                wrong: 0,
            });
            for cell in &layout.cells {
                let want = expected.pointer(&cell.pointer).cloned().unwrap_or(Value::Null);
                let have = got.pointer(&cell.pointer).cloned().unwrap_or(Value::Null);
                if have == want || (have.is_number() && want.is_number() && have.as_f64() == want.as_f64()) {
                    tally.exact += 1;
                } else if have.is_null() {
                    tally.null += 1;
                } else {
                    tally.wrong += 1;
                    failures.push(format!("{name}: {} is {have}, the report says {want}", cell.pointer));
                }
            }
        }
    }
    for (kind, t) in &by_kind {
        let total = t.exact + t.null + t.wrong;
        println!(
            "{kind}: {}/{total} cells exact ({:.1}%), {} left null as uncertain, {} wrong",
            t.exact,
            100.0 * t.exact as f64 / total as f64,
            t.null,
            t.wrong
        );
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
