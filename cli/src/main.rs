//! `zfxxgk`: check 政府信息公开工作年度报告 from the command line.
//!
//! A thin front end over the `zfxxgk` crate: reading files, running checks in parallel,
//! and printing what a clerk (text, Chinese by default) or a program (`--output json`)
//! needs. Exit status: 0 no errors, 1 errors found, 2 could not run.

mod panel;
mod render;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use zfxxgk::{Format, Input, Options, Validation};

use crate::render::{Lang, Summary};

#[derive(Parser)]
#[command(
    name = "zfxxgk",
    version,
    about = "检查政府信息公开工作年度报告 / Check government information disclosure annual reports",
    // clap's own -h/-V/help are English: written here in both languages instead.
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助 / Print help
    #[arg(short, long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本 / Print version
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Output {
    Text,
    Json,
    /// One row per report × cell, per diagnostic and per parse note (with --panel).
    Csv,
    /// An Excel workbook (with --panel and --out).
    Xlsx,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ParseOutput {
    Text,
    Json,
    Document,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateVersion {
    #[value(name = "2019")]
    V2019,
    #[value(name = "2021")]
    V2021,
}

impl From<TemplateVersion> for Format {
    fn from(v: TemplateVersion) -> Format {
        match v {
            TemplateVersion::V2019 => Format::V2019,
            TemplateVersion::V2021 => Format::V2021,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum InputKind {
    Auto,
    Html,
    Text,
    Pdf,
    Docx,
}

impl From<InputKind> for zfxxgk::parse::Kind {
    fn from(k: InputKind) -> Self {
        match k {
            InputKind::Auto => zfxxgk::parse::Kind::Auto,
            InputKind::Html => zfxxgk::parse::Kind::Html,
            InputKind::Text => zfxxgk::parse::Kind::Text,
            InputKind::Pdf => zfxxgk::parse::Kind::Pdf,
            InputKind::Docx => zfxxgk::parse::Kind::Docx,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Subcommand)]
enum Command {
    /// 检查规范 JSON 格式的报告 / Check reports in canonical JSON (files, directories of *.json, or - for stdin).
    Validate {
        /// 文件、目录（其下的 *.json；跳过隐藏项与 node_modules）或 -（标准输入） / Files, directories (*.json below them; hidden entries and node_modules are skipped) or - (standard input).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 同一机关上一年的报告，用于跨年度规则 / Last year's report of the same organ, for the cross-year rules.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 输出语言 / Language of the output.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// text 给人看，json 给程序读；csv（整齐的长表）、xlsx（Excel）用于 --panel / text for people, json for programs; csv (a tidy long table) and xlsx (Excel) with --panel.
        #[arg(long, value_enum, default_value = "text")]
        output: Output,
        /// 每份报告最多保留的诊断条数 / Keep at most this many diagnostics per report.
        #[arg(long)]
        max_diagnostics: Option<usize>,
        /// 只显示错误（隐藏警告与提示） / Show only errors (hide warnings and info) in text output.
        #[arg(long)]
        errors_only: bool,
        /// 把所有报告作为面板（机关 × 年度）一起检查：按机关分组，每年与同一机关上一年的报告对照 / Check the reports together as a panel (organs × years): grouped by organ, each year checked against the same organ's previous year.
        #[arg(long)]
        panel: bool,
        /// 机关别名表（每行「别名,规范名称」），用于 --panel / Organ aliases for --panel (one `name,canonical name` per line).
        #[arg(long, requires = "panel")]
        organ_aliases: Option<PathBuf>,
        /// 把输出写入此文件（--output xlsx 必须给出） / Write the output to this file (needed by --output xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 把已发布的报告（网页、复制或抓取的文本、PDF、Word）读成规范文档 / Parse published reports
    /// (web pages, copied or crawled text, PDF, Word) into the canonical document.
    Parse {
        /// 文件、目录（其下的 *.html、*.htm、*.txt、*.pdf、*.docx；跳过隐藏项与 node_modules）或 -（标准输入） / Files, directories (*.html, *.htm, *.txt, *.pdf, *.docx below them; hidden entries and node_modules are skipped) or - (standard input).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 输入的类型（默认按内容判断） / What the input is (default: decided from the content).
        #[arg(long, value_enum, default_value = "auto")]
        kind: InputKind,
        /// text 给人看；json 给程序读（文档、来源与说明）；document 只输出一份报告的规范文档（供 `validate -`
        /// 读取） / text for people, json for programs (the document, its sources and notes), or
        /// document: only the canonical document of one report (what `validate -` reads).
        #[arg(long, value_enum, default_value = "text")]
        output: ParseOutput,
    },
    /// 解析并检查已发布的报告（日常用这个） / Parse published reports and check them: the everyday command for a published report.
    Check {
        /// 文件、目录（其下的 *.html、*.htm、*.txt、*.pdf、*.docx；跳过隐藏项与 node_modules）或 -（标准输入） / Files, directories (*.html, *.htm, *.txt, *.pdf, *.docx below them; hidden entries and node_modules are skipped) or - (standard input).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 输入的类型（默认按内容判断） / What the input is (default: decided from the content).
        #[arg(long, value_enum, default_value = "auto")]
        kind: InputKind,
        /// 输出语言 / Language of the output.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// text 给人看，json 给程序读；csv（整齐的长表）、xlsx（Excel）用于 --panel / text for people, json for programs; csv (a tidy long table) and xlsx (Excel) with --panel.
        #[arg(long, value_enum, default_value = "text")]
        output: Output,
        /// 每份报告最多保留的诊断条数 / Keep at most this many diagnostics per report.
        #[arg(long)]
        max_diagnostics: Option<usize>,
        /// 只显示错误（隐藏警告与提示） / Show only errors (hide warnings and info) in text output.
        #[arg(long)]
        errors_only: bool,
        /// 把所有报告作为面板（机关 × 年度）一起检查：按机关分组，每年与同一机关上一年的报告对照 / Check the reports together as a panel (organs × years): grouped by organ, each year checked against the same organ's previous year.
        #[arg(long)]
        panel: bool,
        /// 机关别名表（每行「别名,规范名称」），用于 --panel / Organ aliases for --panel (one `name,canonical name` per line).
        #[arg(long, requires = "panel")]
        organ_aliases: Option<PathBuf>,
        /// 把输出写入此文件（--output xlsx 必须给出） / Write the output to this file (needed by --output xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 输出 JSON Schema，或全部写出（--write） / Print a published JSON Schema, or write them all (--write).
    Schema {
        /// 模板版本（默认：两种版本都接受的 schema） / One template version (default: the schema accepting either).
        #[arg(long, value_enum)]
        format: Option<TemplateVersion>,
        /// 改为输出诊断记录的 schema / Print the schema of a diagnostic record instead.
        #[arg(long, conflicts_with = "format")]
        diagnostic: bool,
        /// 把全部 schema 写入此目录（默认 schemas） / Write every published schema into this directory (default: schemas).
        #[arg(long, num_args = 0..=1, default_missing_value = "schemas")]
        write: Option<PathBuf>,
    },
    /// 输出空白（全为 0）的报告 / Print a blank (zero-filled) report.
    Template {
        /// 模板版本 / The template version.
        #[arg(long, value_enum)]
        format: TemplateVersion,
        /// 报告年度 / The report year.
        #[arg(long)]
        year: u32,
    },
    /// 由各项算出表三、表四的全部总计（只改总计） / Compute every total of tables 3 and 4 from its
    /// parts: print the report, or write each report of several files or directories under
    /// --output-dir. Only the totals change.
    FillTotals {
        /// 报告文件、目录（其下的 *.json；跳过隐藏项与 node_modules）或 -（标准输入） / Report files, directories (*.json below them; hidden entries and node_modules are skipped) or - (standard input).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 把每份算好的报告写到此目录，保持其在所给目录下的相对路径（直接给出的文件用其文件名）；多于一份报告时必须给出
        /// / Write each completed report here, at its path relative to the directory it was
        /// found in (a file given by name: its file name). Needed for more than one report.
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// 消息语言 / Language of messages.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// 列出检查规则 / List the checking rules.
    Rules {
        /// text 给人看，json 或 markdown（即 docs/rules.md 的规则目录） / text for people, json or markdown (the catalog of docs/rules.md).
        #[arg(long, value_enum, default_value = "text")]
        output: CatalogFormat,
        /// 输出语言 / Language of the output.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
}

/// A failure to run (exit 2).
struct Fatal(String);

/// The language of run errors: the command's `--lang` (Chinese when it has none).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The message in the chosen language.
fn say(zh: impl Into<String>, en: impl Into<String>) -> String {
    match LANG.get().copied().unwrap_or(Lang::Zh) {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
    }
}

/// Why a file could not be read, in the chosen language (the system's words for the rare
/// cases).
fn io_reason(e: &std::io::Error) -> String {
    say(zfxxgk::files::io_zh(e), zfxxgk::files::io_en(e))
}

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

/// What reading an input gave: its bytes, or only its size when it is above the limit.
enum Loaded {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// Reads a report file, or standard input for `-`. Only regular files are read: a FIFO, a
/// device or a socket could block or never end. At most `MAX_INPUT_BYTES` are read.
fn load(path: &Path) -> Result<Loaded, Fatal> {
    let limit = zfxxgk::MAX_INPUT_BYTES as u64;
    let mut buf = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().take(limit + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > limit {
            return Err(Fatal(say(
                format!("标准输入超过 {limit} 字节的输入上限"),
                format!("standard input: more than {limit} bytes, the limit of an input"),
            )));
        }
        return Ok(Loaded::Bytes(buf));
    }
    match zfxxgk::files::read(path, zfxxgk::MAX_INPUT_BYTES) {
        Ok(bytes) => Ok(Loaded::Bytes(bytes)),
        Err(zfxxgk::files::ReadError::TooLarge(size)) => Ok(Loaded::TooLarge(size)),
        Err(zfxxgk::files::ReadError::Io(e)) => Err(Fatal(format!("{}: {}", path.display(), io_reason(&e)))),
        Err(e @ zfxxgk::files::ReadError::NotAFile) => {
            Err(Fatal(format!("{}: {}", path.display(), say(e.zh(), e.en()))))
        }
    }
}

/// [`load`] for inputs that must be read whole (last year's report, a page to parse).
fn read_input(path: &Path) -> Result<Vec<u8>, Fatal> {
    match load(path)? {
        Loaded::Bytes(b) => Ok(b),
        Loaded::TooLarge(size) => Err(Fatal(format!(
            "{}: {}",
            path.display(),
            say(
                format!("{size} 字节，超过 {} 字节的输入上限", zfxxgk::MAX_INPUT_BYTES),
                format!(
                    "{size} bytes, above the limit of {} bytes for an input",
                    zfxxgk::MAX_INPUT_BYTES
                )
            )
        ))),
    }
}

/// Expands directories into the files under them with one of `extensions`, in name order.
/// A directory or entry that cannot be read is listed with its reason (a batch never stops
/// at one bad entry); the caller reports it with the results.
fn expand(paths: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let found = zfxxgk::files::find(paths, extensions);
    let problems = found
        .problems
        .into_iter()
        .map(|(dir, e)| {
            let why = format!("{}: {}", dir.display(), io_reason(&e));
            (dir, why)
        })
        .collect();
    (found.files, problems)
}

fn progress(total: usize) -> indicatif::ProgressBar {
    if total < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}") {
        bar.set_style(style);
    }
    bar
}

fn validate(
    paths: &[PathBuf],
    previous: Option<&Path>,
    lang: Lang,
    output: Output,
    max: Option<usize>,
    errors_only: bool,
) -> Result<ExitCode, Fatal> {
    let (mut files, problems) = expand(paths, &["json"]);
    if files.is_empty() && problems.is_empty() {
        return Err(Fatal(say("没有找到 *.json 文件", "no *.json files found")));
    }
    let previous = previous.map(read_input).transpose()?;
    let bar = progress(files.len());
    let mut results: Vec<Result<Validation, Fatal>> = files
        .par_iter()
        .map(|path| {
            let options = Options {
                previous: previous.as_deref().map(Input::Bytes),
                max_diagnostics: max,
                ..Options::default()
            };
            let v = match load(path)? {
                Loaded::Bytes(bytes) => zfxxgk::validate_with(bytes.as_slice(), &options),
                Loaded::TooLarge(size) => {
                    Validation::too_large(usize::try_from(size).unwrap_or(usize::MAX), options.max_input_bytes)
                }
            };
            bar.inc(1);
            Ok(v)
        })
        .collect();
    bar.finish_and_clear();
    for (path, reason) in problems {
        files.push(path);
        results.push(Err(Fatal(reason)));
    }

    let mut stdout = std::io::stdout().lock();
    let mut summary = Summary::default();
    let mut checked = Vec::new();
    let mut unreadable: Vec<(&PathBuf, String)> = Vec::new();
    for (path, result) in files.iter().zip(results) {
        match result {
            Ok(v) => {
                summary.add(&v);
                checked.push((path, v));
            }
            Err(Fatal(msg)) => {
                summary.unreadable += 1;
                eprintln!("zfxxgk: {msg}");
                unreadable.push((path, msg));
            }
        }
    }
    match output {
        Output::Json | Output::Csv | Output::Xlsx => {
            // Serialized directly (not through a Value): figures may exceed 64 bits.
            let single = paths.len() == 1 && files.len() == 1;
            if single && checked.is_empty() {
                // One file that could not be read: no result to print (the reason is on
                // stderr, the exit status 2), rather than an empty list that reads as valid.
                return Ok(summary.exit_code());
            }
            let json = if single {
                let none = Vec::new();
                serde_json::to_string_pretty(checked.first().map_or(&none, |(_, v)| &v.diagnostics))?
            } else {
                let mut files: Vec<render::FileResult<'_>> =
                    checked.iter().map(|(p, v)| render::FileResult::new(p, v)).collect();
                files.extend(unreadable.iter().map(|(p, why)| render::FileResult::unreadable(p, why)));
                serde_json::to_string_pretty(&files)?
            };
            writeln!(stdout, "{json}")?;
        }
        Output::Text => {
            for (path, v) in &checked {
                render::text(&mut stdout, path, v, lang, errors_only)?;
                if published_page(path) && v.diagnostics.first().is_some_and(|d| d.rule == "DOC-NOT-JSON") {
                    let shown = path.display();
                    match lang {
                        Lang::Zh => writeln!(
                            stdout,
                            "  提示：这是已发布的报告（网页、文本、PDF 或 Word）？用 zfxxgk check {shown} 解析并检查"
                        )?,
                        Lang::En => writeln!(
                            stdout,
                            "  hint: a published report (web page, text, PDF or Word)? zfxxgk check {shown} parses and checks it"
                        )?,
                    }
                }
            }
            if checked.len() > 1 || summary.unreadable > 0 {
                writeln!(stdout, "{}", summary.line(lang))?;
            }
        }
    }
    Ok(summary.exit_code())
}

/// Whether a file's name says it is a published report rather than a JSON document.
fn published_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["html", "htm", "txt", "pdf", "docx"].contains(&e.to_ascii_lowercase().as_str()))
}

/// One published report parsed (and, for `check`, validated).
struct Checked {
    parsed: Result<zfxxgk::parse::Parsed, String>,
    validation: Option<Validation>,
}

/// How `check` checks what it parsed (`None` for `parse`).
#[derive(Clone, Copy)]
struct CheckWith {
    max_diagnostics: Option<usize>,
    errors_only: bool,
}

fn parse_files(paths: &[PathBuf], kind: InputKind, check: Option<CheckWith>) -> Result<Vec<(PathBuf, Checked)>, Fatal> {
    let (mut files, problems) = expand(paths, PUBLISHED);
    for (path, reason) in &problems {
        eprintln!("zfxxgk: {reason}");
        files.push(path.clone());
    }
    if files.is_empty() {
        return Err(Fatal(say(
            "没有找到 *.html、*.htm、*.txt、*.pdf 或 *.docx 文件",
            "no *.html, *.htm, *.txt, *.pdf or *.docx files found",
        )));
    }
    let bar = progress(files.len());
    let results: Vec<(PathBuf, Checked)> = files
        .par_iter()
        .map(|path| {
            let parsed = read_input(path)
                .map_err(|Fatal(m)| m)
                .and_then(|bytes| zfxxgk::parse::parse(&bytes, kind.into()).map_err(|e| e.to_string()));
            let validation = match (&parsed, check) {
                (Ok(p), Some(with)) => Some(zfxxgk::validate_report(
                    &p.report,
                    &Options {
                        max_diagnostics: with.max_diagnostics,
                        ..Options::default()
                    },
                )),
                _ => None,
            };
            bar.inc(1);
            (path.clone(), Checked { parsed, validation })
        })
        .collect();
    bar.finish_and_clear();
    Ok(results)
}

/// The canonical document of one published report, as `validate` reads it.
fn parse_document(paths: &[PathBuf], kind: InputKind) -> Result<ExitCode, Fatal> {
    let single = paths.len() == 1 && !paths[0].is_dir();
    if !single {
        return Err(Fatal(say(
            "--output document 只用于一份报告；多份请用 --output json",
            "--output document is for one report; use --output json for several",
        )));
    }
    let bytes = read_input(&paths[0])?;
    let parsed =
        zfxxgk::parse::parse(&bytes, kind.into()).map_err(|e| Fatal(format!("{}: {e}", paths[0].display())))?;
    writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(&parsed.report)?
    )?;
    Ok(ExitCode::SUCCESS)
}

fn parse_command(
    paths: &[PathBuf],
    kind: InputKind,
    output: Output,
    lang: Lang,
    check_with: Option<CheckWith>,
) -> Result<ExitCode, Fatal> {
    let results = parse_files(paths, kind, check_with)?;
    let check = check_with.is_some();
    let errors_only = check_with.is_some_and(|w| w.errors_only);
    let mut stdout = std::io::stdout().lock();
    let mut summary = Summary::default();
    for (_, c) in &results {
        match (&c.parsed, &c.validation) {
            (Err(_), _) => summary.unreadable += 1,
            (Ok(_), Some(v)) => summary.add(v),
            (Ok(_), None) => summary.files += 1,
        }
    }
    match output {
        Output::Json | Output::Csv | Output::Xlsx => {
            let items: Vec<serde_json::Value> = results
                .iter()
                .map(|(path, c)| {
                    let mut item = match &c.parsed {
                        Ok(p) => serde_json::json!({ "file": path.display().to_string(), "report": p.report, "notes": p.notes, "sources": p.sources }),
                        Err(e) => serde_json::json!({ "file": path.display().to_string(), "error": e }),
                    };
                    if let Some(v) = &c.validation {
                        item["diagnostics"] = serde_json::to_value(&v.diagnostics).unwrap_or_default();
                    }
                    item
                })
                .collect();
            let json = if paths.len() == 1 && items.len() == 1 {
                items[0].clone()
            } else {
                serde_json::Value::Array(items)
            };
            writeln!(stdout, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Output::Text => {
            for (path, c) in &results {
                render::parsed(&mut stdout, path, &c.parsed, lang, !check)?;
                if let Some(v) = &c.validation {
                    render::text(&mut stdout, path, v, lang, errors_only)?;
                }
            }
            if check && (results.len() > 1 || summary.unreadable > 0) {
                writeln!(stdout, "{}", summary.line(lang))?;
            }
        }
    }
    Ok(summary.exit_code())
}

fn schema(format: Option<TemplateVersion>, diagnostic: bool, write: Option<PathBuf>) -> Result<ExitCode, Fatal> {
    let mut stdout = std::io::stdout().lock();
    if let Some(dir) = write {
        std::fs::create_dir_all(&dir)?;
        for (name, text) in zfxxgk::schema::published() {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
            writeln!(stdout, "wrote {}", path.display())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let value = match (format, diagnostic) {
        (_, true) => zfxxgk::schema::diagnostic_schema(),
        (Some(f), _) => zfxxgk::schema::report_schema(f.into()).clone(),
        (None, _) => zfxxgk::schema::any_report_schema(),
    };
    writeln!(stdout, "{}", serde_json::to_string_pretty(&value)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The completed report of one input, or why there is none (a diagnostic of the input, as
/// `validate` gives it, or a read error).
fn fill_one(path: &Path, lang: Lang) -> Result<Result<String, String>, Fatal> {
    let bytes = read_input(path)?;
    Ok(zfxxgk::fill_totals_text(bytes.as_slice()).map_err(|v| {
        let first = v.diagnostics.first();
        let why = first.map_or("", |d| {
            if lang == Lang::Zh {
                d.message.as_str()
            } else {
                d.message_en.as_str()
            }
        });
        format!("{}: {} {why}", path.display(), first.map_or("", |d| d.rule.as_ref()))
    }))
}

/// Where `file` (found under `root`, or named itself) is written under `out`.
fn destination(out: &Path, root: &Path, file: &Path) -> PathBuf {
    match file.strip_prefix(root) {
        Ok(relative) if !relative.as_os_str().is_empty() => out.join(relative),
        _ => out.join(file.file_name().unwrap_or(file.as_os_str())),
    }
}

fn fill_totals(paths: &[PathBuf], output_dir: Option<&Path>, lang: Lang) -> Result<ExitCode, Fatal> {
    let single = paths.len() == 1 && !paths[0].is_dir();
    let Some(out) = output_dir else {
        if !single {
            return Err(Fatal(say(
                "多个报告或目录需要 --output-dir（每份补全后的报告写入该目录）",
                "several reports or a directory need --output-dir (each completed report is written there)",
            )));
        }
        return match fill_one(&paths[0], lang)? {
            Ok(filled) => {
                // The input as written with only its totals changed.
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(filled.as_bytes())?;
                if !filled.ends_with('\n') {
                    writeln!(stdout)?;
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(why) => {
                eprintln!("zfxxgk: {why}");
                Ok(ExitCode::from(1))
            }
        };
    };
    let mut filled = 0usize;
    let mut refused = 0usize;
    let mut unreadable = 0usize;
    for root in paths {
        if root == Path::new("-") {
            return Err(Fatal(say(
                "--output-dir 不接受标准输入",
                "--output-dir does not take standard input",
            )));
        }
        let (files, problems) = expand(std::slice::from_ref(root), &["json"]);
        for (_, reason) in problems {
            eprintln!("zfxxgk: {reason}");
            unreadable += 1;
        }
        for file in files {
            match fill_one(&file, lang) {
                Ok(Ok(text)) => {
                    let target = destination(out, root, &file);
                    let written = target
                        .parent()
                        .map_or(Ok(()), std::fs::create_dir_all)
                        .and_then(|()| std::fs::write(&target, text));
                    if let Err(e) = written {
                        return Err(Fatal(format!("{}: {}", target.display(), io_reason(&e))));
                    }
                    filled += 1;
                }
                Ok(Err(why)) => {
                    eprintln!("zfxxgk: {why}");
                    refused += 1;
                }
                Err(Fatal(why)) => {
                    eprintln!("zfxxgk: {why}");
                    unreadable += 1;
                }
            }
        }
    }
    eprintln!(
        "{}",
        say(
            format!(
                "已补全 {filled} 份报告，写入 {}；{refused} 份不是报告，{unreadable} 个文件无法读取",
                out.display()
            ),
            format!(
                "filled {filled} report{} into {}; {refused} not a report, {unreadable} could not be read",
                if filled == 1 { "" } else { "s" },
                out.display()
            )
        )
    );
    Ok(match (unreadable, refused) {
        (0, 0) => ExitCode::SUCCESS,
        (0, _) => ExitCode::from(1),
        _ => ExitCode::from(2),
    })
}

/// The extensions of published reports.
const PUBLISHED: &[&str] = &["html", "htm", "txt", "pdf", "docx"];

/// `--output csv` and `xlsx` are tables of a panel.
fn plain(output: Output) -> Result<Output, Fatal> {
    match output {
        Output::Text | Output::Json => Ok(output),
        Output::Csv | Output::Xlsx => Err(Fatal(say(
            "--output csv 和 --output xlsx 是面板的表格，需要同时给出 --panel",
            "--output csv and --output xlsx are tables of a panel: give --panel as well",
        ))),
    }
}

/// `--out` without `--panel`: not offered (the output goes to standard output).
fn with_out(out: Option<&Path>, run: impl FnOnce() -> Result<ExitCode, Fatal>) -> Result<ExitCode, Fatal> {
    if out.is_some() {
        return Err(Fatal(say(
            "--out 只用于 --panel；其他输出请重定向标准输出",
            "--out is for --panel; redirect standard output otherwise",
        )));
    }
    run()
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    let lang = match &cli.command {
        Command::Validate { lang, .. }
        | Command::Check { lang, .. }
        | Command::FillTotals { lang, .. }
        | Command::Rules { lang, .. } => *lang,
        _ => Lang::Zh,
    };
    let _ = LANG.set(lang);
    match cli.command {
        Command::Validate {
            paths,
            panel: true,
            previous,
            lang,
            output,
            max_diagnostics,
            errors_only,
            organ_aliases,
            out,
        } => {
            if previous.is_some() {
                return Err(Fatal(say(
                    "--panel 自己为每份报告找上年报告，不用 --previous",
                    "--panel finds each report's previous year itself: --previous is not used with it",
                )));
            }
            panel::run(&panel::Args {
                paths: &paths,
                extensions: &["json"],
                output,
                out: out.as_deref(),
                lang,
                errors_only,
                max_diagnostics,
                aliases: organ_aliases.as_deref(),
                kind: zfxxgk::parse::Kind::Auto,
            })
        }
        Command::Validate {
            paths,
            previous,
            lang,
            output,
            max_diagnostics,
            errors_only,
            out,
            ..
        } => {
            let output = plain(output)?;
            with_out(out.as_deref(), || {
                validate(&paths, previous.as_deref(), lang, output, max_diagnostics, errors_only)
            })
        }
        Command::Parse {
            paths,
            kind,
            output: ParseOutput::Document,
        } => parse_document(&paths, kind),
        Command::Parse { paths, kind, output } => {
            let output = if output == ParseOutput::Json {
                Output::Json
            } else {
                Output::Text
            };
            parse_command(&paths, kind, output, Lang::Zh, None)
        }
        Command::Check {
            paths,
            kind,
            lang,
            output,
            max_diagnostics,
            errors_only,
            panel: true,
            organ_aliases,
            out,
        } => panel::run(&panel::Args {
            paths: &paths,
            extensions: PUBLISHED,
            output,
            out: out.as_deref(),
            lang,
            errors_only,
            max_diagnostics,
            aliases: organ_aliases.as_deref(),
            kind: kind.into(),
        }),
        Command::Check {
            paths,
            kind,
            lang,
            output,
            max_diagnostics,
            errors_only,
            out,
            ..
        } => {
            let output = plain(output)?;
            with_out(out.as_deref(), || {
                parse_command(
                    &paths,
                    kind,
                    output,
                    lang,
                    Some(CheckWith {
                        max_diagnostics,
                        errors_only,
                    }),
                )
            })
        }
        Command::Schema {
            format,
            diagnostic,
            write,
        } => schema(format, diagnostic, write),
        Command::Template { format, year } => {
            let report = zfxxgk::checked_template(format.into(), year.into()).map_err(|e| Fatal(e.to_string()))?;
            writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&report)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::FillTotals {
            paths,
            output_dir,
            lang,
        } => fill_totals(&paths, output_dir.as_deref(), lang),
        Command::Rules { output, lang } => {
            let mut stdout = std::io::stdout().lock();
            match output {
                CatalogFormat::Markdown => write!(stdout, "{}", zfxxgk::catalog::markdown())?,
                CatalogFormat::Json => writeln!(stdout, "{}", serde_json::to_string_pretty(zfxxgk::RULES)?)?,
                CatalogFormat::Text => render::rules(&mut stdout, lang)?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A bug must not look like "errors found" (exit 1): report it as could-not-run.
    let outcome = std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|_| {
        Err(Fatal(say(
            "内部错误（zfxxgk 的缺陷，请报告）",
            "internal error (a bug in zfxxgk; please report it)",
        )))
    });
    match outcome {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            // A closed pipe (`zfxxgk rules | head`) is not worth a message.
            if !msg.contains("Broken pipe") {
                eprintln!("zfxxgk: {msg}");
            }
            ExitCode::from(2)
        }
    }
}
