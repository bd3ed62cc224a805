//! Snapshot tests of the command line: what a clerk reads and what a program parses.

use std::path::Path;

use assert_cmd::Command;

fn zfxxgk(args: &[&str], stdin: Option<&[u8]>) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut cmd = Command::cargo_bin("zfxxgk").unwrap();
    cmd.current_dir(root).args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn validate_a_directory_in_chinese() {
    insta::assert_snapshot!(zfxxgk(&["validate", "examples/reports"], None));
}

#[test]
fn validate_errors_in_english() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "--lang",
            "en",
            "core/tests/fixtures/real-pt-htp-2022/report.json"
        ],
        None
    ));
}

#[test]
fn validate_one_file_as_json() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "--output",
            "json",
            "core/tests/fixtures/t4-total/report.json"
        ],
        None
    ));
}

#[test]
fn validate_several_files_as_json() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "--output",
            "json",
            "core/tests/fixtures/clean-2019-seed/report.json",
            "core/tests/fixtures/s-unknown/report.json"
        ],
        None
    ));
}

#[test]
fn validate_with_last_years_report() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "core/tests/fixtures/x-carry/report.json",
            "--previous",
            "core/tests/fixtures/x-carry/previous.json"
        ],
        None
    ));
}

#[test]
fn validate_standard_input_that_is_not_json() {
    insta::assert_snapshot!(zfxxgk(
        &["validate", "-"],
        Some(b"{\"format\": \"2021\",\n \"year\": }")
    ));
}

#[test]
fn validate_caps_diagnostics() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "--max-diagnostics",
            "3",
            "core/tests/fixtures/blank-totals-consistent/report.json"
        ],
        None
    ));
}

#[test]
fn validate_a_missing_file_cannot_run() {
    insta::assert_snapshot!(zfxxgk(&["validate", "does-not-exist.json"], None));
}

#[test]
fn template_prints_a_zero_filled_report() {
    insta::assert_snapshot!(zfxxgk(&["template", "--format", "2019", "--year", "2020"], None));
}

#[test]
fn template_of_a_year_out_of_range_cannot_run() {
    let out = zfxxgk(&["template", "--format", "2019", "--year", "1999"], None);
    assert!(out.starts_with("exit: 2\n"), "{out}");
    assert!(out.contains("year 1999 is outside 2019-2100"), "{out}");
}

#[test]
fn fill_totals_accepts_a_byte_order_mark() {
    let report =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/t4-total/report.json"))
            .unwrap();
    let with_bom = [b"\xef\xbb\xbf".as_slice(), &report].concat();
    let plain = zfxxgk(&["fill-totals", "-"], Some(&report));
    assert!(plain.starts_with("exit: 0\n"), "{plain}");
    assert_eq!(zfxxgk(&["fill-totals", "-"], Some(&with_bom)), plain);
}

#[test]
fn fill_totals_prints_the_completed_report() {
    insta::assert_snapshot!(zfxxgk(
        &["fill-totals", "core/tests/fixtures/t4-total/report.json"],
        None
    ));
}

/// Only the totals change: a compact file stays compact, a number no f64 holds stays as
/// written.
#[test]
fn fill_totals_keeps_the_file_as_written() {
    let report = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/t4-total/report.json"),
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_str(&report).unwrap();
    let compact =
        serde_json::to_string(&value)
            .unwrap()
            .replacen("\"year\":", "\"x-big\":1180591620717411303424,\"year\":", 1);
    let stdout = |out: &str| -> String {
        let body = out.strip_prefix("exit: 0\n--- stdout\n").expect(out);
        body.split("\n--- stderr").next().unwrap().to_owned()
    };
    let printed = stdout(&zfxxgk(&["fill-totals", "-"], Some(compact.as_bytes())));
    assert_eq!(printed.trim_end().lines().count(), 1, "{printed}");
    assert!(printed.contains("\"x-big\":1180591620717411303424,"), "{printed}");
    let pretty = zfxxgk(&["fill-totals", "core/tests/fixtures/t4-total/report.json"], None);
    let filled: serde_json::Value = serde_json::from_str(&stdout(&pretty)).unwrap();
    let mut expected: serde_json::Value = serde_json::from_str(&printed).unwrap();
    expected.as_object_mut().unwrap().remove("x-big");
    assert_eq!(expected, filled);
}

#[test]
fn fill_totals_of_garbage_names_its_diagnostic() {
    insta::assert_snapshot!(zfxxgk(&["fill-totals", "-"], Some(b"[1, 2]")));
}

#[test]
fn rules_lists_the_catalog() {
    insta::assert_snapshot!(zfxxgk(&["rules"], None));
}

#[test]
fn schema_prints_the_published_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = zfxxgk(&["schema", "--format", "2021"], None);
    let published = std::fs::read_to_string(root.join("schemas/report-2021.schema.json")).unwrap();
    assert_eq!(out, format!("exit: 0\n--- stdout\n{published}--- stderr\n"));
    let out = zfxxgk(&["schema"], None);
    let published = std::fs::read_to_string(root.join("schemas/report.schema.json")).unwrap();
    assert_eq!(out, format!("exit: 0\n--- stdout\n{published}--- stderr\n"));
}

#[test]
fn validate_prints_figures_beyond_64_bits() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "--output",
            "json",
            "core/tests/fixtures/s-u64-max-sums-do-not-overflow/report.json"
        ],
        None
    ));
}

#[test]
fn check_a_crawled_report_with_a_real_error() {
    insta::assert_snapshot!(zfxxgk(
        &["check", "--lang", "en", "core/tests/corpus/pt-htp-2022/input.txt"],
        None
    ));
}

/// In Chinese, only the errors: what a clerk reads first.
#[test]
fn check_a_crawled_report_in_chinese_errors_only() {
    insta::assert_snapshot!(zfxxgk(
        &[
            "check",
            "--errors-only",
            "--max-diagnostics",
            "3",
            "core/tests/corpus/pt-htp-2022/input.txt"
        ],
        None
    ));
}

#[test]
fn parse_a_web_page_as_json() {
    let out = zfxxgk(
        &["parse", "--output", "json", "core/tests/corpus/pt-gwh-2024/input.html"],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(
        out.split("--- stdout\n")
            .nth(1)
            .unwrap()
            .split("--- stderr")
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(json["report"]["requests"]["new"]["total"], 218);
    assert_eq!(json["report"]["organ"], "平潭综合实验区");
    assert_eq!(json["sources"].as_array().unwrap().len(), 200);
}

#[test]
fn parse_what_is_not_a_report_cannot_run() {
    insta::assert_snapshot!(zfxxgk(
        &["parse", "-"],
        Some("某局2016年政府信息公开工作年度报告\n一、概述\n二、主动公开情况".as_bytes())
    ));
}

/// A directory is read for reports only: hidden entries and node_modules are not entered,
/// and a symbolic link looping back is read once (no endless walk).
#[test]
fn validate_a_directory_skips_tools_files_and_link_loops() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::temp_dir().join(format!("zfxxgk-walk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["reports/2024", ".git", "node_modules/pkg"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::copy(
        root.join("examples/reports/2019-town.json"),
        dir.join("reports/2024/town.json"),
    )
    .unwrap();
    std::fs::write(dir.join(".git/config.json"), "not a report").unwrap();
    std::fs::write(dir.join("node_modules/pkg/package.json"), "{}").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("reports/loop")).unwrap();

    let out = Command::cargo_bin("zfxxgk")
        .unwrap()
        .args(["validate", "--lang", "en"])
        .arg(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("town.json"), "{stdout}");
    assert!(
        !stdout.contains("config.json") && !stdout.contains("package.json"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("town.json").count(), 1, "read once: {stdout}");
}

/// Runs the CLI with a time limit: a command that blocks (a FIFO) fails the test instead of
/// hanging it.
fn run_bounded(args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("zfxxgk").unwrap();
    cmd.args(args).timeout(std::time::Duration::from_secs(20));
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn only_regular_files_are_read_and_a_batch_never_stops_at_one() {
    let dir = std::env::temp_dir().join(format!("zfxxgk-cli-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join("examples/reports/2021-county.json"), dir.join("a.json")).unwrap();
    let fifo = dir.join("sub/pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (code, stdout, stderr) = run_bounded(&["validate", "--lang", "en", "--output", "json", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 2, "{stdout}");
    let pipe = results
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("pipe.json"))
        .unwrap();
    assert!(pipe["error"].as_str().unwrap().contains("not a regular file"), "{pipe}");
    assert_eq!(pipe["valid"], false);
    // A device is refused at once, never read to its end.
    let (code, _, stderr) = run_bounded(&["validate", "--lang", "en", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
    let (_, _, stderr) = run_bounded(&["validate", "/dev/zero"]);
    assert!(stderr.contains("不是普通文件"), "{stderr}");
    let (code, _, _) = run_bounded(&["parse", "/dev/urandom"]);
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_missing_file_as_json_prints_no_empty_list() {
    let (code, stdout, stderr) = run_bounded(&["validate", "--output", "json", "/nonexistent/report.json"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("/nonexistent/report.json"), "{stderr}");
}

#[test]
fn a_file_above_the_size_limit_is_not_read() {
    let path = std::env::temp_dir().join(format!("zfxxgk-cli-big-{}.json", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(zfxxgk::MAX_INPUT_BYTES as u64 + 1).unwrap(); // sparse: no disk used
    let (code, stdout, _) = run_bounded(&["validate", "--output", "json", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 1);
    let found: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(found[0]["rule"], "DOC-TOO-LARGE");
    assert_eq!(found[0]["params"]["size"], zfxxgk::MAX_INPUT_BYTES as u64 + 1);
}

/// `parse --output document` prints what `validate -` reads: piped, the same findings as check.
#[test]
fn parse_document_pipes_into_validate() {
    let out = zfxxgk(
        &[
            "parse",
            "--output",
            "document",
            "core/tests/corpus/pt-htp-2022/input.txt",
        ],
        None,
    );
    let document = out
        .strip_prefix("exit: 0\n--- stdout\n")
        .expect(&out)
        .split("\n--- stderr")
        .next()
        .unwrap();
    let piped = zfxxgk(&["validate", "--lang", "en", "-"], Some(document.as_bytes()));
    assert!(
        piped.starts_with("exit: 1\n") && piped.contains("4 errors, 1 warning"),
        "{piped}"
    );
    assert!(zfxxgk(&["parse", "--output", "document", "core/tests/corpus"], None).starts_with("exit: 2\n"));
}

/// validate on a published page says to use check.
#[test]
fn validate_on_a_published_page_points_to_check() {
    let out = zfxxgk(
        &["validate", "--lang", "en", "core/tests/corpus/pt-gwh-2024/input.html"],
        None,
    );
    assert!(out.starts_with("exit: 1\n"), "{out}");
    assert!(
        out.contains("DOC-NOT-JSON") && out.contains("hint: a published report"),
        "{out}"
    );
    assert!(
        out.contains("zfxxgk check core/tests/corpus/pt-gwh-2024/input.html"),
        "{out}"
    );
}

/// `--format` means the template everywhere; the catalog's form is `--output`, and English
/// counts agree with their nouns.
#[test]
fn rules_output_and_english_counts() {
    let json = zfxxgk(&["rules", "--output", "json"], None);
    assert!(
        json.starts_with("exit: 0\n") && json.contains("\"DOC-TRUNCATED\""),
        "{json}"
    );
    assert!(zfxxgk(&["rules", "--format", "json"], None).starts_with("exit: 2\n"));
    let one = zfxxgk(
        &[
            "validate",
            "--lang",
            "en",
            "examples/reports/2021-county.json",
            "examples/reports/2019-town.json",
        ],
        None,
    );
    assert!(
        one.contains("Checked 2 reports: 0 with errors, 2 without; 0 errors, 0 warnings"),
        "{one}"
    );
}

/// fill-totals takes directories like validate: each report is completed and written under
/// --output-dir at its relative path; a file that is not a report is named with its
/// diagnostic and the batch goes on (exit 1, as validate exits for DOC-NOT-JSON).
#[test]
fn fill_totals_of_a_directory_writes_each_report() {
    let dir = std::env::temp_dir().join(format!("zfxxgk-cli-fill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let report = std::fs::read_to_string(root.join("core/tests/fixtures/t4-total/report.json")).unwrap();
    std::fs::write(dir.join("in/a.json"), &report).unwrap();
    std::fs::write(dir.join("in/sub/b.json"), &report).unwrap();
    std::fs::write(dir.join("in/sub/broken.json"), "{not json").unwrap();
    let out = dir.join("out");
    let input = dir.join("in");
    let args = [
        "fill-totals",
        "--lang",
        "en",
        "--output-dir",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    let (code, _, stderr) = run_bounded(&args);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("broken.json: DOC-NOT-JSON"), "{stderr}");
    assert!(stderr.contains("filled 2 reports"), "{stderr}");
    let single = zfxxgk(&["fill-totals", "core/tests/fixtures/t4-total/report.json"], None);
    let printed = single
        .split("--- stdout\n")
        .nth(1)
        .unwrap()
        .split("\n--- stderr")
        .next()
        .unwrap();
    for name in ["a.json", "sub/b.json"] {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap().trim_end(),
            printed.trim_end(),
            "{name}"
        );
    }
    assert!(!out.join("sub/broken.json").exists());
    // Several reports need somewhere to go.
    let (code, _, stderr) = run_bounded(&["fill-totals", "--lang", "en", input.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("need --output-dir"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PDF on which the PDF extractor (a dependency) panics: the file cannot be read, and no
/// "thread panicked" message reaches the user (found by fuzzing: seven bytes of a real
/// report changed).
#[test]
fn a_pdf_the_extractor_panics_on_is_unreadable_and_quiet() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut pdf = std::fs::read(root.join("core/tests/corpus/hz-hongze-2024/input.pdf")).unwrap();
    for (at, byte) in [
        (22939, 49),
        (212870, 207),
        (212871, 253),
        (212872, 159),
        (212873, 222),
        (212874, 110),
        (212876, 115),
    ] {
        pdf[at] = byte;
    }
    let file = std::env::temp_dir().join(format!("zfxxgk-cli-cmap-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).unwrap();
    let (code, stdout, stderr) = run_bounded(&["parse", "--output", "json", file.to_str().unwrap()]);
    let _ = std::fs::remove_file(&file);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.contains("FILE_UNREADABLE"), "{stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A clerk reads `--help` in Chinese: every argument and option of every command says
/// what it is in Chinese (and English), clap's own -h/-V included.
#[test]
fn every_option_is_explained_in_chinese() {
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut commands = vec![vec![]];
    for sub in [
        "validate",
        "parse",
        "check",
        "schema",
        "template",
        "fill-totals",
        "rules",
    ] {
        commands.push(vec![sub]);
    }
    for command in commands {
        let mut args = command.clone();
        args.push("--help");
        let out = Command::cargo_bin("zfxxgk").unwrap().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            chinese(help.lines().next().unwrap_or("")),
            "{args:?}: the summary is not in Chinese"
        );
        // Long help: an item line (`  -x, --name <V>` or `  <PATHS>...`), then its text.
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let item = line.trim_start();
            let indent = line.len() - item.len();
            if !(2..=6).contains(&indent) || !(item.starts_with('-') || item.starts_with('<')) {
                continue;
            }
            // Short form (`  -h, --help  text` on one line) or long form (text below).
            let text = match item.split_once("  ") {
                Some((_, rest)) if !rest.trim().is_empty() => rest.to_owned(),
                _ => lines.get(i + 1).copied().unwrap_or("").to_owned(),
            };
            assert!(
                chinese(&text),
                "{args:?}: `{}` has no Chinese help: {text:?}",
                item.trim()
            );
        }
    }
}

/// The files of a panel fixture case (not its expected results).
fn panel_files(case: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/panels")
        .join(case);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    expected
        .as_object()
        .unwrap()
        .keys()
        .map(|k| format!("core/tests/panels/{case}/{k}"))
        .collect()
}

fn run_raw(args: &[String]) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Command::cargo_bin("zfxxgk")
        .unwrap()
        .current_dir(root)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn check_a_folder_of_real_reports_as_a_panel() {
    insta::assert_snapshot!(zfxxgk(
        &["check", "core/tests/corpus", "--panel", "--errors-only"],
        None
    ));
}

#[test]
fn a_panel_as_a_tidy_csv_table() {
    let mut args: Vec<String> = ["validate", "--panel", "--output", "csv"].map(String::from).to_vec();
    args.extend(panel_files("years"));
    let out = run_raw(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "kind,organ,panel_organ,year,format,file,role,pointer,label,label_en,value,rule,severity,expected,actual,message,message_en,candidates"
    );
    let cells = text.lines().filter(|l| l.starts_with("cell,")).count();
    let per_report = zfxxgk::layout::Layout::of(zfxxgk::Format::V2021).cells.len();
    assert_eq!(cells, 4 * per_report);
    assert!(text.contains(
        "cell,某县 人民政府,某县人民政府,2023,2021,core/tests/panels/years/a-2023.json,primary,/proactive/normative_documents/in_force,表二 · 行政规范性文件 · 现行有效件数,Table 2 · Administrative normative documents · in force,440,"
    ), "{}", text.lines().take(3).collect::<Vec<_>>().join("\n"));
    let finding = text
        .lines()
        .find(|l| l.starts_with("diagnostic,") && l.contains(",X-IN-FORCE,"))
        .unwrap();
    assert!(finding.contains(",warning,469,440,"), "{finding}");
    // The counts go to stderr, not into the table.
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 个机关"));
}

#[test]
fn a_panel_as_an_excel_workbook() {
    let dir = std::env::temp_dir().join(format!("zfxxgk-cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("panel.xlsx");
    let mut args: Vec<String> = ["validate", "--panel", "--output", "xlsx", "--out"]
        .map(String::from)
        .to_vec();
    args.push(book.display().to_string());
    args.extend(panel_files("copies"));
    let out = run_raw(&args);
    // page.html cannot be parsed as a report: listed, and the run says so (exit 2).
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&book).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    for sheet in 1..=4 {
        let name = format!("xl/worksheets/sheet{sheet}.xml");
        assert!(bytes.windows(name.len()).any(|w| w == name.as_bytes()), "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_panel_as_json() {
    let mut args: Vec<String> = ["validate", "--panel", "--output", "json", "--organ-aliases"]
        .map(String::from)
        .to_vec();
    args.push("core/tests/panels/renamed/aliases.csv".into());
    args.extend(panel_files("renamed"));
    let out = run_raw(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["organs"][0]["name"], "某县新名局");
    assert_eq!(v["organs"][0]["years"], serde_json::json!([2022, 2023]));
    assert_eq!(v["reports"].as_array().unwrap().len(), 2);
    assert_eq!(v["reports"][1]["previous"], "core/tests/panels/renamed/old.json");
    assert_eq!(v["reports"][1]["diagnostics"][0]["rule"], "X-ORGAN");
}

#[test]
fn panel_options_that_do_not_fit_are_refused() {
    insta::assert_snapshot!(zfxxgk(&["validate", "examples/reports", "--output", "csv"], None));
    insta::assert_snapshot!(zfxxgk(
        &["validate", "examples/reports", "--panel", "--output", "xlsx"],
        None
    ));
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "examples/reports",
            "--panel",
            "--previous",
            "examples/reports/2019-town.json"
        ],
        None
    ));
    insta::assert_snapshot!(zfxxgk(
        &[
            "validate",
            "examples/reports",
            "--panel",
            "--organ-aliases",
            "README.md"
        ],
        None
    ));
}
