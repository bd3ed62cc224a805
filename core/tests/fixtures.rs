//! Runs the language-neutral fixture corpus (`tests/fixtures/<case>/`), one test per case
//! (`cargo test -p zfxxgk --test fixtures t3_balance`).
//!
//! Each case holds `report.json` (and `previous.json` for the cross-year rules), the
//! hand-written `expected.json` (sorted `[rule, path]` pairs), `case.json` (metadata: whether
//! the report can be given as a native object) and `diagnostics.json`: every diagnostic in
//! full (messages, figures, params), written from core by `./scripts/regenerate`. Core must
//! give exactly `diagnostics.json`, whose pairs must be `expected.json`; the Python, Node and C
//! suites compare their own output with `diagnostics.json`, so every language reports the
//! same records.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use zfxxgk::{Diagnostic, Input, Options, RULES, validate_with};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(case: &Path) -> Vec<Diagnostic> {
    let report = fs::read(case.join("report.json")).unwrap();
    let previous = fs::read(case.join("previous.json")).ok();
    let options = Options {
        previous: previous.as_deref().map(Input::Bytes),
        max_input_bytes: meta(case)["max_input_bytes"]
            .as_u64()
            .map_or(zfxxgk::MAX_INPUT_BYTES, |n| n as usize),
        max_diagnostics: meta(case)["max_diagnostics"].as_u64().map(|n| n as usize),
    };
    validate_with(report.as_slice(), &options).diagnostics
}

fn pairs(diagnostics: &[Diagnostic]) -> Vec<(String, String)> {
    let mut got: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), d.path.clone()))
        .collect();
    got.sort();
    got
}

fn expected(case: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(case.join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn meta(case: &Path) -> serde_json::Value {
    let text = fs::read_to_string(case.join("case.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn native(case: &Path) -> bool {
    meta(case)["native"]
        .as_bool()
        .expect("case.json: native is true or false")
}

fn check(name: &str) {
    let case = dir().join(name);
    let got = run(&case);
    assert_eq!(
        pairs(&got),
        expected(&case),
        "{name}: (rule, path) pairs differ from expected.json"
    );

    for d in &got {
        let declared = zfxxgk::rule(&d.rule).expect("a known rule").params();
        for name in d.params.keys() {
            assert!(
                declared.iter().any(|(n, _)| n == name),
                "{} carries the parameter {name:?}, which rules/params.rs does not declare",
                d.rule
            );
        }
    }

    let written = case.join("diagnostics.json");
    let rendered = serde_json::to_string_pretty(&got).unwrap() + "\n";
    if std::env::var_os("ZFXXGK_UPDATE_FIXTURES").is_some() {
        fs::write(&written, &rendered).unwrap();
    } else {
        let on_disk = fs::read_to_string(&written).unwrap_or_default();
        assert!(
            on_disk == rendered,
            "{name}: diagnostics.json differs from what core reports; run ./scripts/regenerate \
             and review the change.\n--- on disk\n{on_disk}\n--- now\n{rendered}"
        );
    }

    // The same answer from text and, where the case allows it, from a serde value.
    if meta(&case).get("max_input_bytes").is_some() || meta(&case).get("max_diagnostics").is_some() {
        return;
    }
    let bytes = fs::read(case.join("report.json")).unwrap();
    let from_bytes = zfxxgk::validate(bytes.as_slice());
    if let Ok(text) = std::str::from_utf8(&bytes) {
        assert_eq!(zfxxgk::validate(text), from_bytes, "{name}: text");
        if native(&case) {
            let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
            assert_eq!(zfxxgk::validate(&value), from_bytes, "{name}: serde value");
        }
    }
}

macro_rules! fixture_cases {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($name);
            }
        )*
        const CASES: &[&str] = &[$($name),*];
    };
}

include!("generated/fixture_cases.rs");

#[test]
fn every_case_folder_has_a_test() {
    let mut on_disk: Vec<String> = fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CASES.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(
        on_disk, listed,
        "tests/generated/fixture_cases.rs does not list the fixture folders; run ./scripts/regenerate"
    );
    assert!(listed.len() > 40);
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it() {
    let mut seen = BTreeSet::new();
    for name in CASES {
        seen.extend(expected(&dir().join(name)).into_iter().map(|(rule, _)| rule));
    }
    // Panel rules (P-…) are found by checking many reports together: tests/panels.rs.
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !id.starts_with("P-") && !seen.contains(*id))
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
}
