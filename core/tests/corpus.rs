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
            let layout = Layout::of(zfxxgk::Format::from_name(expected["format"].as_str().unwrap()).unwrap());
            // Cells whose printed digits admit several readings nothing decides: the
            // expected document holds a best guess; such a cell must be null.
            let unverified: Vec<String> = fs::read_to_string(dir.join("unverified.json"))
                .ok()
                .map(|t| serde_json::from_str::<Value>(&t).unwrap())
                .map(|v| {
                    v["pointers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default();
            let tally = by_kind.entry(kind_name).or_insert(Tally {
                exact: 0,
                null: 0,
                wrong: 0,
            });
            let (before_exact, before_null) = (tally.exact, tally.null);
            for cell in &layout.cells {
                let want = expected.pointer(&cell.pointer).cloned().unwrap_or(Value::Null);
                let have = got.pointer(&cell.pointer).cloned().unwrap_or(Value::Null);
                if unverified.contains(&cell.pointer) {
                    // The input does not decide it: a figure here would be a guess.
                    if have.is_null() {
                        tally.null += 1;
                    } else {
                        failures.push(format!(
                            "{name}: {} is {have}, but the input does not decide it (expected null)",
                            cell.pointer
                        ));
                    }
                } else if have == want || (have.is_number() && want.is_number() && have.as_f64() == want.as_f64()) {
                    tally.exact += 1;
                } else if have.is_null() {
                    tally.null += 1;
                } else {
                    tally.wrong += 1;
                    failures.push(format!("{name}: {} is {have}, the report says {want}", cell.pointer));
                }
            }
            println!(
                "  {name}: {} exact, {} null",
                tally.exact - before_exact,
                tally.null - before_null
            );
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

fn words(text: &str) -> String {
    text.split_whitespace().collect()
}

/// A small deterministic random source: `next(bound)` is in `0..bound`.
fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound.max(1) as u64) as usize
    }
}

/// The seed (copied from its web page, one cell per line) parses into the canonical
/// document: every cell, and the text sections up to whitespace.
#[test]
fn the_seed_parses_into_its_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = fs::read(root.join("core/tests/corpus/seed-town-2019/input.txt")).unwrap();
    let want: Value =
        serde_json::from_str(&fs::read_to_string(root.join("examples/reports/2019-town.json")).unwrap()).unwrap();
    let got = serde_json::to_value(parse(&text, Kind::Text).unwrap().report).unwrap();
    for key in ["proactive", "requests", "appeals", "format", "year"] {
        assert_eq!(got[key], want[key], "{key}");
    }
    for key in ["overview", "problems", "other_matters"] {
        assert_eq!(
            words(got[key].as_str().unwrap_or("")),
            words(want[key].as_str().unwrap()),
            "{key}"
        );
    }
}

/// What is not a template report is a clear error, never a half-filled document.
#[test]
fn missing_tables_and_free_format_reports_are_errors() {
    let headings_only = "某某县2024年政府信息公开工作年度报告\n一、总体情况\n略。\n二、主动公开政府信息情况\n（图片）\n\
        三、收到和处理政府信息公开申请情况\n（图片）\n四、政府信息公开行政复议、行政诉讼情况\n（图片）\n五、存在的主要问题及改进情况\n略\n六、其他需要报告的事项\n无";
    assert_eq!(
        parse(headings_only.as_bytes(), Kind::Text).unwrap_err().code,
        "TABLE_MISSING"
    );
    let old = "某某局2017年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、收费及减免情况";
    assert_eq!(parse(old.as_bytes(), Kind::Text).unwrap_err().code, "SECTION_MISSING");
    let older = "某某局2015年政府信息公开工作年度报告\n一、概述\n二、主动公开情况\n三、依申请公开政府信息情况";
    assert_eq!(
        parse(older.as_bytes(), Kind::Text).unwrap_err().code,
        "NOT_A_TEMPLATE_REPORT"
    );
    assert_eq!(parse(b"", Kind::Auto).unwrap_err().code, "SECTION_MISSING");
}

/// Any bytes give a result or an error: binary, GBK, truncated and huge pages, deep
/// nesting, and a bounded run of random mutations of every real input.
#[test]
fn any_bytes_give_a_result_or_an_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    assert_eq!(
        parse(&[0, 159, 146, 150, 0, 0, 1, 2], Kind::Auto).unwrap_err().code,
        "NOT_TEXT"
    );
    let html = fs::read_to_string(root.join("pt-gwh-2024/input.html")).unwrap();
    let gbk = html
        .replace("charset=utf-8", "charset=gbk")
        .replace("charset=UTF-8", "charset=gbk");
    let (bytes, _, _) = encoding_rs::GBK.encode(&gbk);
    let from_gbk = parse(&bytes, Kind::Auto).unwrap();
    assert_eq!(from_gbk.report, parse(html.as_bytes(), Kind::Auto).unwrap().report);
    for cut in [100, html.len() / 3, html.len() / 2, html.len() - 10] {
        let mut end = cut;
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        let _ = parse(&html.as_bytes()[..end], Kind::Html);
    }
    // Hostile nesting and unclosed tags cost no more than their length.
    let deep = "<div>".repeat(100_000) + &html;
    assert_eq!(
        parse(deep.as_bytes(), Kind::Html).unwrap().report,
        parse(html.as_bytes(), Kind::Html).unwrap().report
    );
    let unclosed = html.clone() + &"<a".repeat(200_000);
    assert_eq!(
        parse(unclosed.as_bytes(), Kind::Html).unwrap().report,
        parse(html.as_bytes(), Kind::Html).unwrap().report
    );
    let big = html.replace("</body>", &format!("<p>{}</p></body>", "政务公开。".repeat(1_400_000)));
    assert!(big.len() > 20_000_000);
    assert!(parse(big.as_bytes(), Kind::Html).is_ok());

    // A small deterministic fuzzer: cut, duplicate and corrupt spans of real inputs.
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for dir in fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
    {
        for f in ["input.txt", "input.html"] {
            if let Ok(b) = fs::read(dir.join(f)) {
                inputs.push(b);
            }
        }
    }
    let rounds: usize = std::env::var("ZFXXGK_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    for round in 0..rounds {
        let mut input = inputs[round % inputs.len()].clone();
        for _ in 0..1 + next(4) {
            let (a, b) = (next(input.len()), next(input.len()));
            let (a, b) = (a.min(b), a.max(b));
            match next(4) {
                0 => {
                    input.drain(a..b.min(a + 200));
                }
                1 => {
                    let piece = input[a..b.min(a + 200)].to_vec();
                    input.splice(a..a, piece);
                }
                2 => {
                    if let Some(byte) = input.get_mut(a) {
                        *byte = next(256) as u8;
                    }
                }
                _ => input.truncate(b),
            }
        }
        if let Ok(parsed) = parse(&input, Kind::Auto) {
            // Whatever parses is a well-formed document that the validator can check.
            let _ = zfxxgk::validate(&serde_json::to_value(&parsed.report).unwrap());
        }
    }
}

/// PDF and Word files cut short or with bytes corrupted give a result or an error (the PDF
/// extractor's own panics are caught), never a crash.
#[test]
fn broken_pdf_and_word_files_give_a_result_or_an_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let files = [
        "hz-hongze-2024/input.pdf",
        "pt-gwh-2024/input.pdf",
        "pt-gwh-2024/input.docx",
        "pt-gyz-2023/input.docx",
    ];
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    for file in files {
        let original = fs::read(root.join(file)).unwrap();
        for round in 0..12 {
            let mut input = original.clone();
            if round % 3 == 0 {
                input.truncate(next(input.len()));
            } else {
                for _ in 0..1 + next(8) {
                    let at = next(input.len());
                    input[at] = next(256) as u8;
                }
            }
            if let Err(e) = parse(&input, Kind::Auto) {
                assert!(!e.message.is_empty());
            }
        }
    }
    assert_eq!(
        parse(b"%PDF-1.7 garbage", Kind::Auto).unwrap_err().code,
        "FILE_UNREADABLE"
    );
    assert_eq!(
        parse(b"PK\x03\x04 word/document.xml", Kind::Auto).unwrap_err().code,
        "FILE_UNREADABLE"
    );
}

/// A table 3 with an extra 法人或其他组织 subtotal column (eight figures a row): read,
/// checked and left out.
#[test]
fn an_extra_subtotal_column_is_read_and_left_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/hz-hongze-2024/input.txt");
    let text = fs::read_to_string(root)
        .unwrap()
        .replace("- 2 -", "\n")
        .replace("- 3 -", "\n");
    // Insert the subtotal (the sum of the five middle columns) after 其他 on every row.
    let widened: String = text
        .lines()
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let tail: Vec<u64> = words.iter().rev().take(7).filter_map(|w| w.parse().ok()).collect();
            let eighth_is_number = words.len() > 7 && words[words.len() - 8].parse::<u64>().is_ok();
            if tail.len() == 7 && !eighth_is_number {
                let n = words.len();
                let cols: Vec<u64> = words[n - 7..].iter().map(|w| w.parse().unwrap()).collect();
                let subtotal: u64 = cols[1..6].iter().sum();
                let mut out: Vec<String> = words[..n - 1].iter().map(|w| w.to_string()).collect();
                out.push(subtotal.to_string());
                out.push(words[n - 1].to_string());
                out.join(" ")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let plain = parse(text.as_bytes(), Kind::Text).unwrap();
    let wide = parse(widened.as_bytes(), Kind::Text).unwrap();
    assert_eq!(wide.report, plain.report);
    assert!(wide.notes.iter().any(|n| n.message_en.contains("subtotal")));
}

/// A unit inside a cell: the 2021 fee cell is in 万元, a figure printed in 元 is converted.
#[test]
fn a_fee_printed_in_yuan_is_converted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/hz-hongze-2024/input.txt");
    let text = fs::read_to_string(root)
        .unwrap()
        .replace("行政事业性收费 7545", "行政事业性收费 251000元");
    let parsed = parse(text.as_bytes(), Kind::Text).unwrap();
    let value = serde_json::to_value(&parsed.report).unwrap();
    assert_eq!(value["proactive"]["fees"]["amount"], serde_json::json!(25.1));
    assert!(
        parsed
            .notes
            .iter()
            .any(|n| n.path.as_deref() == Some("/proactive/fees/amount"))
    );
}

/// Row labels printed otherwise than the template are noted (the figures are still read by
/// position): the one real misprint in the corpus, an abbreviated label, a missing label.
#[test]
fn row_labels_printed_otherwise_are_noted() {
    use zfxxgk::parse::NoteKind;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut found = Vec::new();
    let mut inputs: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|d| d.unwrap().path())
        .filter(|d| d.is_dir())
        .flat_map(|d| fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_stem().is_some_and(|s| s == "input") && p.extension().is_some_and(|e| e != "pdf"))
        .collect();
    inputs.sort();
    for input in &inputs {
        let parsed = parse(&fs::read(input).unwrap(), Kind::Auto).unwrap();
        for note in parsed.notes.iter().filter(|n| n.kind == NoteKind::Label) {
            let name = input.strip_prefix(&root).unwrap().display().to_string();
            found.push((name, note.path.clone().unwrap(), note.raw.clone().unwrap_or_default()));
        }
    }
    // Published as 「2.其他法律行政止公开」 (法规禁 left out); the 三、 of the vertical
    // 三、本年度办理结果 label is printed in between.
    assert_eq!(
        found,
        vec![(
            "hz-hongze-2024/input.txt".to_owned(),
            "/requests/outcomes/withheld/prohibited_by_law".to_owned(),
            "三,2.其他法律行政止公开".to_owned()
        )]
    );

    let seed_path = root.join("seed-town-2019/input.txt");
    let seed = fs::read_to_string(seed_path).unwrap();
    let full = parse(seed.as_bytes(), Kind::Text).unwrap();
    let edited = seed
        .replace(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "（二）部分公开",
        )
        .replace("2.重复申请", "");
    let parsed = parse(edited.as_bytes(), Kind::Text).unwrap();
    assert_eq!(
        parsed.report, full.report,
        "the figures are read by position all the same"
    );
    let labels: Vec<(String, Option<String>)> = parsed
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Label)
        .map(|n| (n.path.clone().unwrap(), n.raw.clone()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (
                "/requests/outcomes/partially_disclosed".to_owned(),
                Some("(二)部分公开".to_owned())
            ),
            ("/requests/outcomes/not_processed/repeated".to_owned(), None),
        ]
    );
}

/// What the parser leaves out is named in the notes: page numbers between the rows of a
/// PDF's tables, and a web page's footer after section 六.
#[test]
fn what_is_left_out_is_noted() {
    use zfxxgk::parse::NoteKind;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let skipped = |name: &str| -> Vec<(Option<String>, String)> {
        let parsed = parse(&fs::read(root.join(name)).unwrap(), Kind::Auto).unwrap();
        parsed
            .notes
            .into_iter()
            .filter(|n| n.kind == NoteKind::Skipped)
            .map(|n| (n.path, n.raw.unwrap_or_default()))
            .collect()
    };
    assert_eq!(
        skipped("hz-hongze-2024/input.txt"),
        vec![(None, "- 2 -".to_owned()), (None, "- 3 -".to_owned())]
    );
    assert_eq!(
        skipped("pt-gwh-2024/input.html"),
        vec![(Some("/other_matters".to_owned()), "附件下载".to_owned())]
    );
    assert_eq!(skipped("seed-town-2019/input.txt"), vec![]);
}

/// Every real report was published within its organ's deadline (条例 第五十条: a
/// department by 31 January, a people's government — or the 管委会 of a 综合实验区 — by
/// 31 March): none is reported late, whether read from its page or its text, and the
/// whole-area reports published in February or March are not taken for departments'.
#[test]
fn no_real_report_is_reported_late() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut late = Vec::new();
    let mut dated = 0;
    for entry in fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(meta) = fs::read_to_string(dir.join("meta.json")) else {
            continue;
        };
        let meta: Value = serde_json::from_str(&meta).unwrap();
        for input in meta["inputs"].as_array().unwrap() {
            let file = input["file"].as_str().unwrap();
            let Ok(parsed) = parse(&fs::read(dir.join(file)).unwrap(), Kind::Auto) else {
                continue;
            };
            let report = serde_json::to_value(&parsed.report).unwrap();
            dated += usize::from(report["published"].is_string());
            for d in zfxxgk::validate(&report)
                .into_iter()
                .filter(|d| d.rule == "DOC-PUBLISHED-LATE")
            {
                late.push(format!(
                    "{}/{file}: {}",
                    dir.file_name().unwrap().to_string_lossy(),
                    d.message
                ));
            }
        }
    }
    assert!(dated > 10, "only {dated} reports have a publication date");
    assert!(late.is_empty(), "{late:#?}");
}
