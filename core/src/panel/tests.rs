use super::*;

fn report(organ: &str, year: u32, carried_forward: u64, carried_over: u64) -> String {
    let mut doc: serde_json::Value = serde_json::to_value(crate::template(Format::V2021, year)).unwrap();
    doc["organ"] = organ.into();
    doc["requests"]["carried_forward"]["natural_person"] = carried_forward.into();
    doc["requests"]["carried_forward"]["total"] = carried_forward.into();
    doc["requests"]["carried_over"]["natural_person"] = carried_over.into();
    doc["requests"]["carried_over"]["total"] = carried_over.into();
    serde_json::to_string_pretty(&doc).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn rules_of(e: &Entry) -> Vec<&str> {
    e.diagnostics.iter().map(|d| d.rule.as_ref()).collect()
}

#[test]
fn years_of_an_organ_are_checked_against_each_other() {
    let dir = tempdir("years");
    let files = vec![
        write(&dir, "a-2022.json", &report("某区 财政局", 2022, 3, 0)),
        write(&dir, "a-2023.json", &report("某区财政局", 2023, 0, 2)),
        write(&dir, "a-2025.json", &report("某区财政局", 2025, 0, 0)),
        write(&dir, "b.json", &report("", 2023, 0, 0)),
    ];
    let panel = Panel::scan(files.clone(), Options::default(), &|_| {});
    assert_eq!(panel.organs().len(), 1);
    assert_eq!(panel.organs()[0].years, [2022, 2023, 2025]);
    assert_eq!(panel.organs()[0].name, "某区 财政局");
    let (entries, totals) = panel.entries();
    let files_in_order: Vec<&Path> = entries.iter().map(|e| e.file.as_path()).collect();
    assert_eq!(files_in_order, [&files[0], &files[1], &files[2], &files[3]]);
    assert!(rules_of(&entries[0]).contains(&"P-NO-PREVIOUS"));
    // 2023 carried over 2, last year carried forward 3.
    let carry: Vec<&Diagnostic> = entries[1].diagnostics.iter().filter(|d| d.rule == "X-CARRY").collect();
    assert_eq!(carry.len(), 2, "{:?}", rules_of(&entries[1]));
    assert_eq!(carry[0].expected, Some(Figure::Integer(3)));
    assert_eq!(carry[0].actual, Some(Figure::Integer(2)));
    assert_eq!(entries[1].previous.as_deref(), Some(files[0].as_path()));
    // 2024 is missing: named, not guessed from 2023.
    let skipped = entries[2]
        .diagnostics
        .iter()
        .find(|d| d.rule == "P-NO-PREVIOUS")
        .unwrap();
    assert_eq!(skipped.expected, Some(Figure::Integer(2024)));
    assert!(skipped.message.contains("2024"), "{}", skipped.message);
    assert_eq!(entries[3].role, Role::Unplaced);
    assert!(rules_of(&entries[3]).contains(&"P-NO-ORGAN"));
    assert_eq!(totals.cross_year, 1);
    assert_eq!(totals.files, 4);
}

#[test]
fn copies_that_agree_are_one_report_and_copies_that_disagree_are_named() {
    let dir = tempdir("copies");
    let a = report("某局", 2022, 1, 0);
    let mut blank: serde_json::Value = serde_json::from_str(&a).unwrap();
    blank["requests"]["carried_forward"]["natural_person"] = serde_json::Value::Null;
    let files = vec![
        write(&dir, "1.json", &serde_json::to_string(&blank).unwrap()),
        write(&dir, "2.json", &a),
        write(&dir, "3.json", &report("某局", 2023, 0, 1)),
        write(&dir, "4.json", &report("某局", 2023, 0, 5)),
        write(&dir, "5.json", &report("某局", 2024, 0, 0)),
    ];
    let panel = Panel::scan(files.clone(), Options::default(), &|_| {});
    let dups: Vec<_> = panel.duplicates().map(|(_, y, f, c)| (y, f.len(), c)).collect();
    assert_eq!(dups, [(2022, 2, false), (2023, 2, true)]);
    let (entries, _) = panel.entries();
    // The copy with more filled cells is read by the cross-year rules.
    assert_eq!(entries[0].role, Role::Copy);
    assert_eq!(entries[1].role, Role::Primary);
    assert!(rules_of(&entries[0]).contains(&"P-DUPLICATE"));
    assert_eq!(entries[2].previous.as_deref(), Some(files[1].as_path()));
    assert_eq!(entries[2].role, Role::Conflict);
    let conflict: Vec<&Diagnostic> = entries[2]
        .diagnostics
        .iter()
        .filter(|d| d.rule == "P-CONFLICT")
        .collect();
    assert_eq!(conflict.len(), 2, "natural_person and total of carried_over");
    assert_eq!(conflict[0].path, "/requests/carried_over/natural_person");
    assert_eq!(conflict[0].actual, Some(Figure::Integer(1)));
    assert_eq!(conflict[0].expected, Some(Figure::Integer(5)));
    // 2024's previous year is ambiguous: no cross-year rule, and it says so.
    assert!(entries[4].previous.is_none());
    assert!(rules_of(&entries[4]).contains(&"P-PREVIOUS-CONFLICT"));
}

#[test]
fn unreadable_files_and_other_json_are_listed_not_lost() {
    let dir = tempdir("bad");
    let files = vec![
        write(&dir, "meta.json", "{\"organ\": 3}"),
        write(&dir, "broken.json", "{"),
        dir.join("missing.json"),
        write(&dir, "page.html", "<html><body>no report here</body></html>"),
    ];
    let panel = Panel::scan(files, Options::default(), &|_| {});
    assert!(panel.organs().is_empty());
    let (entries, totals) = panel.entries();
    assert!(entries.iter().all(|e| e.role == Role::Unplaced));
    let by_name = |n: &str| entries.iter().find(|e| e.file.ends_with(n)).unwrap();
    assert!(rules_of(by_name("broken.json")).contains(&"DOC-NOT-JSON"));
    let missing = &by_name("missing.json").diagnostics[0];
    assert_eq!(missing.rule, "P-UNREADABLE");
    assert_eq!(missing.params["code"], Figure::Text("NOT_FOUND".into()));
    assert!(missing.message_en.contains("no such file"), "{}", missing.message_en);
    assert_eq!(by_name("page.html").diagnostics[0].rule, "P-UNREADABLE");
    assert_eq!(totals.unreadable, 2);
}

#[test]
fn aliases_merge_and_similar_names_are_listed() {
    let dir = tempdir("alias");
    let files = vec![
        write(&dir, "1.json", &report("某区（管委会）", 2022, 0, 0)),
        write(&dir, "2.json", &report("某区", 2023, 0, 0)),
        write(&dir, "3.json", &report("旧名局", 2022, 0, 0)),
        write(&dir, "4.json", &report("新名局", 2023, 0, 0)),
    ];
    let options = Options {
        aliases: vec![("旧名局".into(), "新名局".into())],
        ..Options::default()
    };
    let panel = Panel::scan(files.clone(), options, &|_| {});
    let names: Vec<&str> = panel.organs().iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"新名局"));
    assert_eq!(panel.similar_names().len(), 1);
    let (entries, _) = panel.entries();
    let renamed = entries.iter().find(|e| e.file == files[3]).unwrap();
    assert_eq!(renamed.previous.as_deref(), Some(files[2].as_path()));
    // The cross-year rule still says the printed names differ.
    assert!(rules_of(renamed).contains(&"X-ORGAN"));
    let similar = entries.iter().find(|e| e.file == files[1]).unwrap();
    assert!(rules_of(similar).contains(&"P-ORGAN-SIMILAR"));
}

#[test]
fn rows_hold_every_cell_and_diagnostic() {
    let dir = tempdir("rows");
    let files = vec![write(&dir, "1.json", &report("某局, \"甲\"", 2022, 1, 0))];
    let (entries, _) = Panel::scan(files, Options::default(), &|_| {}).entries();
    let rows = entries[0].rows();
    let layout = Layout::of(Format::V2021);
    let cells = rows.iter().filter(|r| r.0[0] == Field::Text("cell".into())).count();
    assert_eq!(cells, layout.cells.len());
    let diagnostics = rows
        .iter()
        .filter(|r| r.0[0] == Field::Text("diagnostic".into()))
        .count();
    assert_eq!(diagnostics, entries[0].diagnostics.len());
    let mut csv = Vec::new();
    write_csv_header(&mut csv).unwrap();
    for r in &rows {
        write_csv_row(&mut csv, r).unwrap();
    }
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("kind,organ,panel_organ,year,"));
    assert!(
        text.contains("cell,\"某局, \"\"甲\"\"\",\"某局, \"\"甲\"\"\",2022,2021,"),
        "{}",
        &text[..400]
    );
    assert_eq!(text.lines().count(), rows.len() + 1);
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zfxxgk-panel-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn csv_written_from_an_entry_equals_its_rows_written_one_by_one() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let found = crate::files::find(&[corpus], &["html", "txt"]);
    assert!(found.files.len() > 10, "{:?}", found.files);
    let panel = Panel::scan(found.files, Options::default(), &|_| {});
    let (entries, _) = panel.entries();
    let mut quoted = 0;
    for e in &entries {
        let mut direct = Vec::new();
        e.write_csv(&mut direct).unwrap();
        let mut by_row = Vec::new();
        for r in e.rows() {
            write_csv_row(&mut by_row, &r).unwrap();
        }
        assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(by_row).unwrap());
        quoted += e
            .rows()
            .iter()
            .flat_map(|r| &r.0)
            .filter(|f| matches!(f, Field::Text(t) if t.contains(',')))
            .count();
    }
    // The corpus has texts with commas, so quoting is exercised too (quotes: below).
    assert!(quoted > 0);
    let mut out = Vec::new();
    let mut row = Row(std::array::from_fn(|_| Field::Null));
    row.0[0] = Field::Text("a\"b,c".into());
    row.0[3] = Field::Int(-7);
    row.0[10] = Field::Decimal("1.50".into());
    write_csv_row(&mut out, &row).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "\"a\"\"b,c\",,,-7,,,,,,,1.50,,,,,,,\n");
}

#[test]
fn request_options_from_json() {
    let r = Request::from_json(vec!["a".into()], b"").unwrap();
    assert_eq!(r.extensions, PUBLISHED_EXTENSIONS);
    let r = Request::from_json(
        vec![],
        r#"{"extensions": ["json"], "aliases": {"旧": "新"}, "kind": "text", "max_diagnostics": 5}"#.as_bytes(),
    )
    .unwrap();
    assert_eq!(r.extensions, ["json"]);
    assert_eq!(r.options.aliases, [("旧".to_owned(), "新".to_owned())]);
    assert_eq!(r.options.kind, Kind::Text);
    assert_eq!(r.options.max_diagnostics, Some(5));
    let r = Request::from_json(vec![], br#"{"aliases": [["a", "b"]], "max_diagnostics": null}"#).unwrap();
    assert_eq!(r.options.aliases, [("a".to_owned(), "b".to_owned())]);
    for (bad, says) in [
        (&b"[1]"[..], "object"),
        (b"{\"extension\": []}", "unknown panel option \"extension\""),
        (b"{\"kind\": \"word\"}", "word"),
        (b"{\"max_diagnostics\": 0}", "positive"),
        (b"{\"aliases\": [[\"a\"]]}", "pair"),
        (b"{\"aliases\": {\"a\": 3}}", "string"),
        (b"{\"extensions\": \"json\"}", "array of strings"),
        (b"\xff", "not JSON"),
    ] {
        let e = Request::from_json(vec![], bad).unwrap_err();
        assert!(e.contains(says), "{e}");
    }
}

#[test]
fn the_json_document_streams_every_report_and_ends_with_the_totals() {
    let dir = tempdir("json");
    let files = vec![
        write(&dir, "a-2022.json", &report("某区财政局", 2022, 3, 0)),
        write(&dir, "a-2023.json", &report("某区财政局", 2023, 0, 2)),
    ];
    let panel = Panel::scan(files, Options::default(), &|_| {});
    let mut out = Vec::new();
    let mut seen = 0;
    let totals = panel.write_json(&mut out, &|_| {}, true, |_| seen += 1).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(seen, 2);
    assert_eq!(doc["totals"]["cross_year"], 1);
    assert_eq!(doc["totals"], serde_json::to_value(&totals).unwrap());
    assert_eq!(doc["organs"][0]["years"], serde_json::json!([2022, 2023]));
    let reports = doc["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[1]["previous"].as_str().unwrap(),
        dir.join("a-2022.json").display().to_string()
    );
    let rows = reports[0]["rows"].as_array().unwrap();
    assert_eq!(rows[0].as_array().unwrap().len(), COLUMNS.len());
    assert_eq!(rows[0][0], "cell");
}
