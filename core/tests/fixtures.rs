//! Runs the language-neutral fixture corpus (`tests/fixtures/<case>/`): every case's
//! diagnostics, as sorted `(rule, path)` pairs, must equal its `expected.json`. The Python,
//! Node and C test suites walk the same directory.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use zfxxgk::{Input, Options, RULES, validate_with};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

fn run(case: &Path) -> Vec<(String, String)> {
    let report = fs::read(case.join("report.json")).unwrap();
    let previous = fs::read(case.join("previous.json")).ok();
    let options = Options {
        previous: previous.as_deref().map(Input::Bytes),
        max_diagnostics: None,
    };
    let mut got: Vec<(String, String)> = validate_with(report.as_slice(), &options)
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.into_owned(), d.path))
        .collect();
    got.sort();
    got
}

fn expected(case: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(case.join("expected.json")).unwrap();
    let pairs: Vec<(String, String)> = serde_json::from_str(&text).unwrap();
    pairs
}

#[test]
fn every_fixture_gives_its_expected_diagnostics() {
    let mut failures = Vec::new();
    for case in cases() {
        let (got, want) = (run(&case), expected(&case));
        if got != want {
            failures.push(format!(
                "{}:\n  expected {want:?}\n  got      {got:?}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it() {
    let mut seen = BTreeSet::new();
    for case in cases() {
        seen.extend(expected(&case).into_iter().map(|(rule, _)| rule));
    }
    let missing: Vec<&str> = RULES.iter().map(|r| r.id).filter(|id| !seen.contains(*id)).collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
}

#[test]
fn fixtures_give_the_same_answer_from_bytes_text_and_value() {
    for case in cases() {
        let bytes = fs::read(case.join("report.json")).unwrap();
        let from_bytes = zfxxgk::validate(bytes.as_slice());
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert_eq!(zfxxgk::validate(text), from_bytes, "{}", case.display());
            // A value has no duplicate keys and no text position, so only well-formed JSON
            // without duplicates is compared.
            let dup = from_bytes
                .iter()
                .any(|d| d.rule == "S-DUPLICATE" || d.rule.starts_with("DOC-NOT-JSON") || d.rule == "DOC-TOO-DEEP");
            if !dup {
                let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
                assert_eq!(zfxxgk::validate(&value), from_bytes, "{}", case.display());
            }
        }
    }
}
