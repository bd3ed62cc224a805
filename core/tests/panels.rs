//! The panel fixtures (`tests/panels/<case>/`, written by `scripts/make-panel-fixtures.py`):
//! each case's files checked together must give, per file, the role, the previous year's
//! file and the (rule, path) pairs stated by hand in `expected.json`. `entries.json` holds
//! the full results (generated: `ZFXXGK_UPDATE_PANELS=1`, run by `./scripts/regenerate`),
//! which the Python, Node and C tests compare with theirs. Also: the real reports of
//! `tests/corpus` as one panel.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use zfxxgk::RULES;
use zfxxgk::panel::{Options, Panel, Role, parse_aliases};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/panels")
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The results of a case in the shared form: per file name, role, previous and diagnostics,
/// with the case folder left out of every path (so that each language's runner, wherever
/// it runs from, writes the same).
fn results(dir: &Path) -> Value {
    let expected: Value = serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let files: Vec<PathBuf> = expected.as_object().unwrap().keys().map(|k| dir.join(k)).collect();
    let aliases = fs::read_to_string(dir.join("aliases.csv"))
        .map(|t| parse_aliases(&t).unwrap())
        .unwrap_or_default();
    let options = Options {
        aliases,
        ..Options::default()
    };
    let (entries, _) = Panel::scan(files, options, &|_| {}).entries();
    let mut out = serde_json::Map::new();
    for e in entries {
        let name = e.file.file_name().unwrap().to_string_lossy().into_owned();
        out.insert(
            name,
            json!({
                "role": e.role.as_str(),
                "previous": e.previous.as_ref().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()),
                "diagnostics": e.diagnostics,
            }),
        );
    }
    let text = serde_json::to_string(&Value::Object(out)).unwrap();
    let prefix = format!("{}/", dir.display());
    serde_json::from_str(&text.replace(&prefix, "")).unwrap()
}

#[test]
fn every_panel_case_gives_what_is_stated() {
    let mut failures = Vec::new();
    for dir in cases() {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Value = serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
        let got = results(&dir);
        for (file, want) in expected.as_object().unwrap() {
            let g = &got[file];
            let rules: Vec<Value> = g["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| json!([d["rule"], d["path"]]))
                .collect();
            if g["role"] != want["role"]
                || g["previous"] != want["previous"]
                || Value::Array(rules.clone()) != want["rules"]
            {
                failures.push(format!(
                    "{case}/{file}: got {} {} {:?}, expected {} {} {}",
                    g["role"], g["previous"], rules, want["role"], want["previous"], want["rules"]
                ));
            }
        }
        let path = dir.join("entries.json");
        let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
        if std::env::var_os("ZFXXGK_UPDATE_PANELS").is_some() {
            fs::write(&path, &text).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            failures.push(format!(
                "{case}/entries.json differs from the results; run ./scripts/regenerate"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_panel_rule_has_a_case() {
    let mut seen = BTreeSet::new();
    for dir in cases() {
        let expected: Value = serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
        for want in expected.as_object().unwrap().values() {
            for r in want["rules"].as_array().unwrap() {
                seen.insert(r[0].as_str().unwrap().to_owned());
            }
        }
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| id.starts_with("P-") && !seen.contains(*id))
        .collect();
    assert!(missing.is_empty(), "panel rules without a case: {missing:?}");
}

/// The real reports as published: the Pingtan 海坛片区 reports of 2021 and 2022 are the one
/// pair of consecutive years, and its 2022 report does not carry over 2021's 行政许可
/// items (1 + 1, printed 0); every other report names the year it lacks; the page and the
/// crawled text of one report are one report in two files.
#[test]
fn the_real_reports_form_a_panel() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let found = zfxxgk::files::find(std::slice::from_ref(&corpus), &["html", "htm", "txt", "pdf", "docx"]);
    assert!(found.problems.is_empty());
    let panel = Panel::scan(found.files, Options::default(), &|_| {});
    let htp = panel
        .organs()
        .iter()
        .find(|o| o.name == "平潭综合实验区海坛片区管理局")
        .unwrap();
    assert_eq!(htp.years, [2021, 2022]);
    let whole = panel.organs().iter().find(|o| o.name == "平潭综合实验区").unwrap();
    assert_eq!(whole.years, [2019, 2022, 2024]);
    // The 管委会's office is an organ of its own.
    assert!(panel.organs().iter().any(|o| o.name == "平潭综合实验区管委会办公室"));
    let duplicates: Vec<(u32, usize, bool)> = panel.duplicates().map(|(_, y, f, c)| (y, f.len(), c)).collect();
    assert_eq!(duplicates.len(), 3, "{duplicates:?}");
    // Every form of one report (page, text, PDF, Word) agrees with the others.
    assert!(
        duplicates.iter().all(|&(_, n, conflict)| n >= 2 && !conflict),
        "{duplicates:?}"
    );
    let (entries, totals) = panel.entries();
    assert_eq!(totals.cross_year, 1);
    let name = |e: &zfxxgk::panel::Entry| e.file.strip_prefix(&corpus).unwrap().display().to_string();
    let y2022 = entries.iter().find(|e| name(e) == "pt-htp-2022/input.txt").unwrap();
    assert_eq!(
        y2022.previous.as_deref(),
        Some(corpus.join("pt-htp-2021/input.txt").as_path())
    );
    let items: Vec<_> = y2022.diagnostics.iter().filter(|d| d.rule == "X-ITEMS").collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].path, "/proactive/licensing/previous_items");
    assert_eq!(items[0].expected, Some(zfxxgk::Figure::Integer(2)));
    assert_eq!(items[0].actual, Some(zfxxgk::Figure::Integer(0)));
    // 2024's in_force cannot be checked: 2023 is not in the folder, and the report says so.
    for e in entries.iter().filter(|e| name(e).starts_with("pt-gwh-2024/")) {
        let skipped = e.diagnostics.iter().find(|d| d.rule == "P-NO-PREVIOUS").unwrap();
        assert_eq!(skipped.expected, Some(zfxxgk::Figure::Integer(2023)));
        assert!(!e.diagnostics.iter().any(|d| d.rule.starts_with("X-")));
    }
    // The seed names no organ: listed, never placed by a guess.
    let seed = entries.iter().find(|e| name(e) == "seed-town-2019/input.txt").unwrap();
    assert_eq!(seed.role, Role::Unplaced);
    assert!(seed.diagnostics.iter().any(|d| d.rule == "P-NO-ORGAN"));
    assert_eq!(totals.unreadable, 0);
}
