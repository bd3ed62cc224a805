//! The public API: round-trips, published schemas, templates, fill_totals, the mutation
//! test over tables 3 and 4, caps and hostile input.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::{Value, json};
use zfxxgk::layout::Layout;
use zfxxgk::{Format, Options, Severity, fill_totals_value, validate, validate_with};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn example(name: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(repo(&format!("examples/reports/{name}"))).unwrap()).unwrap()
}

fn errors(doc: &Value) -> Vec<zfxxgk::Diagnostic> {
    validate(doc)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

#[test]
fn seed_round_trips_unchanged() {
    let text = fs::read_to_string(repo("examples/reports/2019-town.json")).unwrap();
    let report = zfxxgk::read_report(&text).unwrap();
    assert_eq!(report.format(), Format::V2019);
    assert_eq!(serde_json::to_string_pretty(&report).unwrap(), text.trim_end());
    let county = fs::read_to_string(repo("examples/reports/2021-county.json")).unwrap();
    let report = zfxxgk::read_report(&county).unwrap();
    assert_eq!(serde_json::to_string_pretty(&report).unwrap(), county.trim_end());
    // The generic Deserialize goes through a Value and gives the same report.
    let again: zfxxgk::Report = serde_json::from_str(&county).unwrap();
    assert_eq!(again, report);
}

#[test]
fn published_schemas_match_the_committed_files() {
    let mut stale = Vec::new();
    for (name, fresh) in zfxxgk::schema::published() {
        let committed = fs::read_to_string(repo(&format!("schemas/{name}"))).unwrap_or_default();
        if committed != fresh {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/ is stale ({stale:?}); regenerate with: cargo run -p zfxxgk-cli -- schema --write"
    );
}

#[test]
fn published_schemas_pass_the_2020_12_meta_schema_and_accept_the_examples() {
    for (name, text) in zfxxgk::schema::published()
        .into_iter()
        .filter(|(n, _)| n.ends_with(".schema.json"))
    {
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert!(
            jsonschema::draft202012::meta::is_valid(&schema),
            "{name} fails the meta-schema"
        );
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        for example in schema["examples"].as_array().into_iter().flatten() {
            assert!(validator.is_valid(example), "{name}: its own example fails");
        }
        if name == "report.schema.json" {
            assert!(validator.is_valid(&example("2019-town.json")));
            assert!(validator.is_valid(&example("2021-county.json")));
            assert!(!validator.is_valid(&json!({"format": "2020"})));
        }
    }
    let s2021 = zfxxgk::schema::report_schema(Format::V2021);
    let keys: Vec<&String> = s2021["properties"].as_object().unwrap().keys().collect();
    assert_eq!(keys[..3], ["format", "year", "organ"]);
    assert_eq!(s2021["additionalProperties"], false);
    assert_eq!(s2021["$defs"]["Row"]["properties"]["commercial"]["title"], "商业企业");
}

#[test]
fn rule_catalog_doc_matches_the_registry() {
    let committed = fs::read_to_string(repo("docs/rules.md")).unwrap_or_default();
    assert!(
        committed == zfxxgk::catalog::markdown(),
        "docs/rules.md is stale; regenerate with: cargo run -p zfxxgk-cli -- rules --output markdown > docs/rules.md"
    );
}

#[test]
fn templates_are_valid_and_zero_filled() {
    for format in Format::ALL {
        for year in [2019, 2020, 2021, 2030] {
            let report = zfxxgk::template(format, year);
            let value = serde_json::to_value(&report).unwrap();
            assert!(errors(&value).is_empty(), "{format} {year}: {:?}", errors(&value));
            assert_eq!(value["requests"]["outcomes"]["total"]["total"], 0);
        }
    }
}

/// Every cell of tables 3 and 4: adding 1 must produce an error that names the cell.
#[test]
fn mutating_any_table_3_or_4_cell_is_caught() {
    let mut seed19: Value =
        serde_json::from_str(&fs::read_to_string(repo("core/tests/fixtures/clean-2019-nonzero/report.json")).unwrap())
            .unwrap();
    seed19["year"] = json!(2019);
    for base in [example("2021-county.json"), seed19, example("2019-town.json")] {
        assert!(errors(&base).is_empty());
        let format = Format::from_name(base["format"].as_str().unwrap()).unwrap();
        let layout = Layout::of(format);
        let mut checked = 0;
        for cell in layout
            .cells
            .iter()
            .filter(|c| c.pointer.starts_with("/requests") || c.pointer.starts_with("/appeals"))
        {
            let mut doc = base.clone();
            let slot = doc.pointer_mut(&cell.pointer).unwrap();
            *slot = json!(slot.as_u64().unwrap() + 1);
            let found = errors(&doc);
            assert!(
                found
                    .iter()
                    .any(|d| d.path == cell.pointer || d.related.contains(&cell.pointer)),
                "{format}: +1 at {} went unnoticed: {found:?}",
                cell.pointer
            );
            checked += 1;
        }
        assert_eq!(
            checked,
            if format == Format::V2021 {
                25 * 7 + 15
            } else {
                23 * 7 + 15
            }
        );
    }
}

#[test]
fn diagnostics_carry_labels_messages_and_figures() {
    let mut doc = example("2021-county.json");
    doc["requests"]["outcomes"]["disclosed"]["total"] = json!(70);
    let d = validate(&doc).into_iter().find(|d| d.rule == "T3-ROW-TOTAL").unwrap();
    assert_eq!(d.path, "/requests/outcomes/disclosed/total");
    assert_eq!(d.label, "表三 · （一）予以公开 · 总计");
    assert_eq!(
        d.message,
        "「表三 · （一）予以公开 · 总计」应为 71（各列之和），实际填报 70"
    );
    assert_eq!(d.label_en, "Table 3 · (1) Disclosed · total");
    assert_eq!(
        d.message_en,
        "Table 3 · (1) Disclosed · total: total should be 71 (sum of the columns), reported 70"
    );
    assert_eq!(d.expected, Some(zfxxgk::Figure::Integer(71)));
    assert_eq!(d.actual, Some(zfxxgk::Figure::Integer(70)));
    assert_eq!(d.related.len(), 6);
    assert_eq!(d.related[0], "/requests/outcomes/disclosed/natural_person");
    let json = serde_json::to_value(&d).unwrap();
    let schema: Value = serde_json::from_str(&zfxxgk::schema::published()[3].1).unwrap();
    assert!(jsonschema::draft202012::new(&schema).unwrap().is_valid(&json));
}

#[test]
fn fill_totals_never_touches_other_cells_nor_the_argument() {
    let mut doc = example("2021-county.json");
    doc["requests"]["outcomes"]["disclosed"]["natural_person"] = json!(72);
    doc["requests"]["new"]["natural_person"] = json!(218);
    doc["requests"]["new"]["research"] = Value::Null;
    let before = doc.clone();
    let filled = fill_totals_value(&doc).unwrap();
    assert_eq!(doc, before);
    assert_eq!(filled["requests"]["outcomes"]["disclosed"]["total"], 72);
    assert_eq!(filled["requests"]["outcomes"]["total"]["natural_person"], 218);
    assert_eq!(filled["requests"]["outcomes"]["total"]["total"], 219);
    assert_eq!(filled["requests"]["new"]["research"], Value::Null);
    assert!(errors(&filled).is_empty(), "{:?}", errors(&filled));
    assert!(fill_totals_value(&json!({"format": "1999"})).is_err());
    assert!(fill_totals_value(&json!([1])).is_err());
}

#[test]
fn the_cap_counts_what_it_cuts() {
    let mut doc = example("2021-county.json");
    let new = doc["requests"]["new"].as_object_mut().unwrap();
    for i in 0..20_000 {
        new.insert(format!("typo{i}"), json!(1));
    }
    let text = serde_json::to_string(&doc).unwrap();
    let v = validate_with(
        text.as_str(),
        &Options {
            max_diagnostics: Some(100),
            ..Options::default()
        },
    );
    assert_eq!(v.diagnostics.len(), 101);
    assert_eq!(v.truncated, vec![("S-UNKNOWN", 19_900)]);
    // Each rule cut is named last, with its count.
    let named: Vec<(String, String)> = v.diagnostics[100..]
        .iter()
        .map(|d| (d.rule.to_string(), d.message_en.clone()))
        .collect();
    assert_eq!(
        named,
        [(
            "DOC-TRUNCATED".to_string(),
            "19900 more S-UNKNOWN findings not listed (at most 100 are listed; see max_diagnostics)".to_string()
        ),]
    );
    assert!(!v.is_valid());
    // With no cap given, at most MAX_DIAGNOSTICS are listed.
    for i in 20_000..40_000 {
        doc["requests"]["new"]
            .as_object_mut()
            .unwrap()
            .insert(format!("typo{i}"), json!(1));
    }
    let all = validate_with(&doc, &Options::default());
    assert_eq!(all.diagnostics.len(), zfxxgk::limits::MAX_DIAGNOSTICS + 1);
    assert_eq!(
        all.truncated[0],
        ("S-UNKNOWN", 40_000 - zfxxgk::limits::MAX_DIAGNOSTICS)
    );
}

#[test]
fn a_50_mb_document_is_checked() {
    let mut doc = example("2021-county.json");
    let filler = "政务公开".repeat(1000);
    doc["extensions"] = json!({ "pages": vec![filler; 4400] });
    let text = serde_json::to_string(&doc).unwrap();
    assert!(text.len() > 50_000_000);
    assert!(zfxxgk::is_valid(text.as_bytes()));
    // The same size of garbage: one diagnostic, no panic.
    let garbage = "[".repeat(64) + &"0,".repeat(25_000_000);
    assert_eq!(validate(garbage.as_str()).len(), 1);
}

fn balanced(format: Format, values: &[u32], blanks: &[bool]) -> Value {
    let layout = Layout::of(format);
    let mut doc = serde_json::to_value(zfxxgk::template(format, 2024)).unwrap();
    let t3_rows: Vec<&str> = layout
        .cells
        .iter()
        .filter_map(|c| c.pointer.strip_suffix("/natural_person"))
        .filter(|p| p.starts_with("/requests"))
        .collect();
    let mut k = 0;
    let mut next = || {
        k += 1;
        (values[k % values.len()] % 1000, blanks[k % blanks.len()])
    };
    let cols = [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_services",
        "other",
    ];
    for col in cols {
        let mut handled = 0u64;
        for row in &t3_rows {
            let ptr = format!("{row}/{col}");
            if row.ends_with("/new") || row.ends_with("/carried_over") || row.ends_with("/outcomes/total") {
                continue;
            }
            let (v, blank) = next();
            *doc.pointer_mut(&ptr).unwrap() = if blank { Value::Null } else { json!(v) };
            // Outcomes and carried_forward together are items 三 + 四 of the balance.
            if !blank {
                handled += u64::from(v);
            }
        }
        let (over, _) = next();
        let over = u64::from(over).min(handled);
        *doc.pointer_mut(&format!("/requests/carried_over/{col}")).unwrap() = json!(over);
        *doc.pointer_mut(&format!("/requests/new/{col}")).unwrap() = json!(handled - over);
    }
    // Garbage (or blank) in every total.
    for cell in layout.cells.iter().filter(|c| c.pointer.ends_with("/total")) {
        let (v, blank) = next();
        *doc.pointer_mut(&cell.pointer).unwrap() = if blank { Value::Null } else { json!(v) };
    }
    for cell in layout
        .cells
        .iter()
        .filter(|c| c.pointer.starts_with("/appeals") && !c.pointer.ends_with("/total"))
    {
        let (v, _) = next();
        *doc.pointer_mut(&cell.pointer).unwrap() = json!(v);
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn fill_totals_always_gives_a_valid_report(
        values in prop::collection::vec(any::<u32>(), 1..64),
        blanks in prop::collection::vec(prop::bool::weighted(0.1), 1..16),
        v2021 in any::<bool>(),
    ) {
        let format = if v2021 { Format::V2021 } else { Format::V2019 };
        let doc = balanced(format, &values, &blanks);
        let filled = fill_totals_value(&doc).unwrap();
        let errs = errors(&filled);
        prop_assert!(errs.is_empty(), "{:?}", errs);
        // And the typed version agrees.
        let report = zfxxgk::read_report(&filled.to_string()).unwrap();
        prop_assert_eq!(serde_json::to_value(zfxxgk::fill_totals(&report)).unwrap(), filled);
    }
}

/// Names of template versions and input kinds parse with one message for what is wrong,
/// the message every binding gives.
#[test]
fn format_and_kind_names() {
    use zfxxgk::parse::Kind;
    assert_eq!("2021".parse::<Format>(), Ok(Format::V2021));
    assert_eq!(
        "2020".parse::<Format>().unwrap_err().to_string(),
        "unknown format \"2020\": use one of 2019, 2021"
    );
    for name in Kind::NAMES {
        assert!(name.parse::<Kind>().is_ok(), "{name}");
    }
    assert_eq!(
        "rtf".parse::<Kind>().unwrap_err().to_string(),
        "unknown kind \"rtf\": use one of auto, html, text, pdf, docx"
    );
}

/// `fill_totals_text` takes what `validate` takes and refuses what it refuses, with the
/// same diagnostics: a byte-order mark is accepted, text that is not JSON is `DOC-NOT-JSON`.
#[test]
fn fill_totals_takes_what_validate_takes() {
    let report = serde_json::to_string(&zfxxgk::template(Format::V2021, 2024)).unwrap();
    let with_bom = format!("\u{feff}{report}");
    let from_bytes = zfxxgk::fill_totals_text(with_bom.as_bytes()).unwrap();
    let value: Value = serde_json::from_str(&report).unwrap();
    let from_value: Value = serde_json::from_str(&zfxxgk::fill_totals_text(&value).unwrap()).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&from_bytes).unwrap(), from_value);
    assert_eq!(from_bytes, zfxxgk::fill_totals_text(report.as_str()).unwrap());
    let refused = zfxxgk::fill_totals_text("{not json").unwrap_err();
    assert_eq!(refused.diagnostics, validate("{not json"));
    assert_eq!(refused.diagnostics[0].rule, "DOC-NOT-JSON");
    let unknown = zfxxgk::fill_totals_text(&json!({"format": "2030"})).unwrap_err();
    assert_eq!(unknown.diagnostics[0].rule, "DOC-FORMAT");
    assert_eq!(
        zfxxgk::totals_to_fill_input("[1]").unwrap_err().diagnostics,
        validate("[1]")
    );
}

/// Text is edited in place: the totals change, every other byte is kept (numbers beyond
/// u64 and f64, long decimals, escapes, spacing); the value path agrees on the totals.
#[test]
fn fill_totals_keeps_text_as_written() {
    let mut doc = serde_json::to_value(zfxxgk::template(Format::V2021, 2024)).unwrap();
    doc["requests"]["new"]["natural_person"] = json!(5);
    doc["requests"]["new"]["other"] = json!(2);
    doc["requests"]["carried_over"]["natural_person"] = json!(1);
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    let text = pretty
        .replacen(
            "\"year\": 2024",
            "\"year\": 2024, \"x-big\": 1180591620717411303424, \"x-dec\": 0.1000000000000000000000001",
            1,
        )
        .replacen("\"overview\": \"\"", "\"overview\": \"\\u603b\\/\"", 1);
    assert_ne!(text, pretty, "the template changed shape");
    let filled = zfxxgk::fill_totals_text(text.as_str()).unwrap();
    assert!(filled.contains("1180591620717411303424") && filled.contains("0.1000000000000000000000001"));
    assert!(filled.contains("\\u603b\\/"));
    let filled_value: Value = serde_json::from_str(&filled).unwrap();
    assert_eq!(filled_value["requests"]["new"]["total"], json!(7));
    assert_eq!(filled_value["requests"]["carried_over"]["total"], json!(1));
    // Only total cells differ from the input, line by line.
    let changed: Vec<(&str, &str)> = text.lines().zip(filled.lines()).filter(|(a, b)| a != b).collect();
    assert!(!changed.is_empty());
    assert!(
        changed.iter().all(|(_, b)| b.trim_start().starts_with("\"total\"")),
        "{changed:?}"
    );
    // The same totals as the value path.
    let totals = zfxxgk::totals_to_fill(&doc).unwrap();
    let by_value = zfxxgk::fill_totals_value(&doc).unwrap();
    for t in &totals {
        assert_eq!(
            filled_value.pointer(t.pointer),
            by_value.pointer(t.pointer),
            "{}",
            t.pointer
        );
        assert_eq!(filled_value.pointer(t.pointer), Some(&json!(t.value)));
    }
    // A missing total is added to its row; a key written twice is refused.
    let mut no_total = doc.clone();
    no_total["requests"]["new"].as_object_mut().unwrap().remove("total");
    let added = zfxxgk::fill_totals_text(serde_json::to_string_pretty(&no_total).unwrap().as_str()).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&added).unwrap()["requests"]["new"]["total"],
        json!(7)
    );
    let twice = text.replacen(
        "\"natural_person\": 5",
        "\"natural_person\": 5, \"natural_person\": 6",
        1,
    );
    let refused = zfxxgk::fill_totals_text(twice.as_str()).unwrap_err();
    assert_eq!(refused.diagnostics.len(), 1);
    assert_eq!(refused.diagnostics[0].rule, "S-DUPLICATE");
    assert_eq!(refused.diagnostics[0].path, "/requests/new/natural_person");
}

/// A blank template only for the years the model accepts.
#[test]
fn templates_only_for_accepted_years() {
    assert!(zfxxgk::checked_template(Format::V2021, 2024).is_ok());
    let refused = zfxxgk::checked_template(Format::V2019, 1999).unwrap_err();
    assert_eq!(refused.to_string(), "year 1999 is outside 2019-2100");
}

#[test]
fn a_deeply_nested_or_huge_format_gives_a_short_diagnostic() {
    // Built and dropped on a thread with room for serde_json's own recursive drop; the
    // validation itself must not recurse into the value or write it out.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let mut nested = serde_json::Value::from("2021");
            for _ in 0..100_000 {
                nested = serde_json::Value::Array(vec![nested]);
            }
            let report = serde_json::json!({ "format": nested, "year": 2024 });
            let found = zfxxgk::validate(&report);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].rule, "DOC-FORMAT");
            assert!(found[0].message.len() < 400, "{}", found[0].message);

            let huge = serde_json::json!({ "format": vec!["2021"; 2_000_000], "year": 2024 });
            let found = zfxxgk::validate(&huge);
            assert_eq!(found[0].rule, "DOC-FORMAT");
            assert!(found[0].message.len() < 400);
            let long = serde_json::json!({ "format": "x".repeat(10_000_000) });
            assert!(zfxxgk::validate(&long)[0].message.len() < 400);
        })
        .unwrap()
        .join()
        .unwrap();
}

/// docs/limits.md states every limit of `zfxxgk::limits` with its value.
#[test]
fn the_limits_page_states_every_limit() {
    use zfxxgk::limits::*;
    let page =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/limits.md")).unwrap();
    let source =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/limits.rs")).unwrap();
    let limits: [(&str, u64); 14] = [
        ("MAX_INPUT_BYTES", MAX_INPUT_BYTES as u64),
        ("MAX_INPUT_VALUES", MAX_INPUT_VALUES as u64),
        ("MAX_DEPTH", MAX_DEPTH as u64),
        ("MAX_DOCX_XML_BYTES", MAX_DOCX_XML_BYTES),
        ("MAX_COLSPAN", MAX_COLSPAN as u64),
        ("MAX_ROWSPAN", MAX_ROWSPAN as u64),
        ("MAX_GRID_CELLS", MAX_GRID_CELLS as u64),
        ("MAX_TABLE_DEPTH", MAX_TABLE_DEPTH as u64),
        ("MAX_PRINTED_ROWS", MAX_PRINTED_ROWS as u64),
        ("MAX_SPLIT_STEPS", MAX_SPLIT_STEPS as u64),
        ("MAX_SPLIT_READINGS", MAX_SPLIT_READINGS as u64),
        ("MAX_LISTED", MAX_LISTED as u64),
        ("MAX_RAW_CHARS", MAX_RAW_CHARS as u64),
        ("MAX_DIAGNOSTICS", MAX_DIAGNOSTICS as u64),
    ];
    assert_eq!(
        source.matches("pub const ").count(),
        limits.len(),
        "a limit is missing from this test"
    );
    for (name, value) in limits {
        let row = page
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("docs/limits.md has no row for {name}"));
        let stated = row.split('|').nth(2).unwrap().trim();
        assert!(
            stated.starts_with(&format!("{value} ")) || stated == value.to_string(),
            "{name}: docs/limits.md says {stated}, the code {value}"
        );
    }
}

/// A published report above the input limit is not read.
#[test]
fn parse_refuses_input_above_the_limit() {
    let input = vec![b' '; zfxxgk::limits::MAX_INPUT_BYTES + 1];
    let refused = zfxxgk::parse::parse(&input, zfxxgk::parse::Kind::Auto).unwrap_err();
    assert_eq!(refused.code, "TOO_LARGE");
    assert!(refused.message.contains("67108865"), "{}", refused.message);
}
