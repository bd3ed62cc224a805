//! `--panel`: many reports checked together (organs × years), written as text, JSON, a
//! tidy CSV table or an Excel workbook.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_xlsxwriter::{Format as XlsxFormat, Workbook, Worksheet, XlsxError};
use zfxxgk::panel::{self, Entry, Panel, Role, Step};
use zfxxgk::{Diagnostic, Figure, Format, Validation};

use crate::render::{self, Lang, Summary};
use crate::{Fatal, Output, say};

/// What `--panel` was asked for.
pub(crate) struct Args<'a> {
    pub paths: &'a [PathBuf],
    /// The files a directory is searched for.
    pub extensions: &'a [&'a str],
    pub output: Output,
    pub out: Option<&'a Path>,
    pub lang: Lang,
    pub errors_only: bool,
    pub max_diagnostics: Option<usize>,
    pub aliases: Option<&'a Path>,
    pub kind: zfxxgk::parse::Kind,
}

/// Reads an alias file: one `name,canonical` (or tab-separated) pair per line; empty lines
/// and lines starting with `#` are skipped.
fn read_aliases(path: &Path) -> Result<Vec<(String, String)>, Fatal> {
    let bytes = crate::read_input(path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Fatal(format!(
            "{}: {}",
            path.display(),
            say("不是 UTF-8 文本", "not UTF-8 text")
        ))
    })?;
    panel::parse_aliases(&text).map_err(|n| {
        Fatal(format!(
            "{}:{n}: {}",
            path.display(),
            say(
                "每行应为「别名,规范名称」（逗号或制表符分隔）",
                "each line must be `name,canonical name` (comma or tab separated)"
            )
        ))
    })
}

fn progress(files: usize) -> indicatif::ProgressBar {
    let bar = crate::progress(files);
    bar.set_length(2 * files as u64);
    bar
}

pub(crate) fn run(args: &Args<'_>) -> Result<ExitCode, Fatal> {
    if matches!(args.output, Output::Xlsx) && args.out.is_none() {
        return Err(Fatal(say(
            "--output xlsx 需要 --out 文件名（例如 --out 面板.xlsx）",
            "--output xlsx needs --out FILE (for example --out panel.xlsx)",
        )));
    }
    if args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(Fatal(say(
            "--panel 读取文件和目录，不接受标准输入",
            "--panel reads files and directories, not standard input",
        )));
    }
    let aliases = args.aliases.map(read_aliases).transpose()?.unwrap_or_default();
    let found = zfxxgk::files::find(args.paths, args.extensions);
    for (path, e) in &found.problems {
        eprintln!("zfxxgk: {}: {}", path.display(), crate::io_reason(e));
    }
    if found.files.is_empty() {
        return Err(Fatal(say("没有找到报告文件", "no report files found")));
    }
    let bar = progress(found.files.len());
    let options = panel::Options {
        aliases,
        max_diagnostics: args.max_diagnostics,
        kind: args.kind,
    };
    let tick = |_: Step| bar.inc(1);
    let panel = Panel::scan(found.files, options, &tick);
    let mut summary = Summary::default();
    let mut count = |e: &Entry| {
        summary.add(&validation(e));
        if e.diagnostics.iter().any(|d| d.rule == "P-UNREADABLE") {
            summary.unreadable += 1;
        }
    };
    let stdout = std::io::stdout();
    let totals = match args.output {
        Output::Csv => {
            let mut w: Box<dyn Write> = match args.out {
                Some(p) => Box::new(BufWriter::new(create(p)?)),
                None => Box::new(BufWriter::new(stdout.lock())),
            };
            let totals = panel.write_csv(&mut w, &tick, &mut count)?;
            w.flush()?;
            totals
        }
        Output::Json => {
            let mut w: Box<dyn Write> = match args.out {
                Some(p) => Box::new(BufWriter::new(create(p)?)),
                None => Box::new(BufWriter::new(stdout.lock())),
            };
            let totals = panel.write_json(&mut w, &tick, false, &mut count)?;
            w.flush()?;
            totals
        }
        Output::Xlsx => {
            let path = args.out.expect("checked above");
            let mut book = Book::new(&panel, args.lang)?;
            let totals = panel.check(&tick, |e| {
                count(&e);
                book.add(&e)
            })?;
            book.save(path)?;
            totals
        }
        Output::Text => {
            let mut w = BufWriter::new(stdout.lock());
            let totals = panel.check(&tick, |e| -> Result<(), Fatal> {
                count(&e);
                render::text(&mut w, &e.file, &validation(&e), args.lang, args.errors_only)?;
                Ok(())
            })?;
            overview(&mut w, &panel, &totals, args.lang)?;
            writeln!(w, "{}", summary.line(args.lang))?;
            w.flush()?;
            totals
        }
    };
    bar.finish_and_clear();
    if !matches!(args.output, Output::Text) {
        // The counts on stderr, where they do not mix with the table.
        eprintln!(
            "{}",
            say(
                format!(
                    "zfxxgk：{} 个机关，{} 个文件；{} 份与上年报告对照",
                    panel.organs().len(),
                    totals.files,
                    totals.cross_year
                ),
                format!(
                    "zfxxgk: {} organs, {} files; {} checked against last year's report",
                    panel.organs().len(),
                    totals.files,
                    totals.cross_year
                )
            )
        );
    }
    Ok(summary.exit_code())
}

fn create(path: &Path) -> Result<std::fs::File, Fatal> {
    std::fs::File::create(path).map_err(|e| Fatal(format!("{}: {}", path.display(), crate::io_reason(&e))))
}

fn validation(e: &Entry) -> Validation {
    Validation {
        diagnostics: e.diagnostics.clone(),
        truncated: e.truncated.clone(),
    }
}

/// The panel at a glance: organs × years, copies, similar names, files not placed.
fn overview(w: &mut impl Write, panel: &Panel, totals: &panel::Totals, lang: Lang) -> std::io::Result<()> {
    let zh = lang == Lang::Zh;
    let years: BTreeSet<u32> = panel.organs().iter().flat_map(|o| o.years.iter().copied()).collect();
    writeln!(w)?;
    if zh {
        writeln!(w, "面板：{} 个机关 × {} 个年度", panel.organs().len(), years.len())?;
    } else {
        writeln!(w, "Panel: {} organs × {} years", panel.organs().len(), years.len())?;
    }
    let dup: Vec<_> = panel.duplicates().collect();
    for o in panel.organs() {
        let marks: Vec<String> = years
            .iter()
            .map(|y| {
                if !o.years.contains(y) {
                    return "  ·  ".to_owned();
                }
                match dup.iter().find(|(d, dy, _, _)| d.key == o.key && dy == y) {
                    Some((_, _, f, true)) => format!("  ≠{:<2}", f.len()),
                    Some((_, _, f, false)) => format!("  ×{:<2}", f.len()),
                    None => "  ✓  ".to_owned(),
                }
            })
            .collect();
        let head: Vec<String> = years.iter().map(|y| format!(" {y}")).collect();
        if std::ptr::eq(o, &panel.organs()[0]) {
            writeln!(w, "  {}", head.join(""))?;
        }
        writeln!(w, "  {}  {}", marks.join(""), o.name)?;
    }
    if zh {
        writeln!(
            w,
            "  （✓ 一份报告，×n 同一报告的 n 个文件，≠n n 份数字不一致的报告，· 没有报告）"
        )?;
    } else {
        writeln!(
            w,
            "  (✓ one report, ×n one report in n files, ≠n n reports whose figures disagree, · none)"
        )?;
    }
    for (o, y, files, conflict) in &dup {
        let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        match (zh, conflict) {
            (true, true) => writeln!(w, "  {} {y}：多份报告数字不一致：{}", o.name, files.join("、"))?,
            (true, false) => writeln!(
                w,
                "  {} {y}：同一报告的 {} 个文件：{}",
                o.name,
                files.len(),
                files.join("、")
            )?,
            (false, true) => writeln!(w, "  {} {y}: reports disagree: {}", o.name, files.join(", "))?,
            (false, false) => writeln!(
                w,
                "  {} {y}: one report in {} files: {}",
                o.name,
                files.len(),
                files.join(", ")
            )?,
        }
    }
    for (a, b) in panel.similar_names() {
        if zh {
            writeln!(
                w,
                "  名称相近，未合并：「{a}」与「{b}」（如为同一机关，用 --organ-aliases 给出别名）"
            )?;
        } else {
            writeln!(
                w,
                "  similar names, not merged: \"{a}\" and \"{b}\" (give --organ-aliases if they are one organ)"
            )?;
        }
    }
    let unplaced: Vec<String> = panel.unplaced().map(|p| p.display().to_string()).collect();
    if !unplaced.is_empty() {
        if zh {
            writeln!(
                w,
                "  未纳入面板（无法读取，或未写明机关、年度）：{}",
                unplaced.join("、")
            )?;
        } else {
            writeln!(
                w,
                "  not in the panel (unreadable, or no organ or year): {}",
                unplaced.join(", ")
            )?;
        }
    }
    if zh {
        writeln!(w, "  跨年度检查：{} 份报告与上年报告对照", totals.cross_year)?;
    } else {
        writeln!(
            w,
            "  cross-year rules: {} reports checked against last year's",
            totals.cross_year
        )?;
    }
    Ok(())
}

/// Excel's last row (0-based).
const LAST_ROW: u32 = 1_048_575;

/// The workbook of `--output xlsx`: 机关×年度, one sheet per template version with a row per
/// report and a column per cell, and 诊断 with a row per diagnostic. Written in constant
/// memory (rows go to temporary files as they come).
struct Book {
    book: Workbook,
    lang: Lang,
    /// Next row of each sheet: reports 2021, reports 2019, diagnostics.
    next: [u32; 3],
    /// Rows that did not fit a sheet.
    left_out: [u64; 3],
    bold: XlsxFormat,
}

const SHEET_2021: usize = 1;
const SHEET_2019: usize = 2;
const SHEET_DIAGNOSTICS: usize = 3;

impl Book {
    fn new(panel: &Panel, lang: Lang) -> Result<Book, Fatal> {
        let zh = lang == Lang::Zh;
        let bold = XlsxFormat::new().set_bold();
        let mut book = Workbook::new();
        let years: BTreeSet<u32> = panel.organs().iter().flat_map(|o| o.years.iter().copied()).collect();
        {
            let s = book.add_worksheet_with_constant_memory()?;
            s.set_name(if zh { "机关×年度" } else { "organs x years" })?;
            s.write_string_with_format(0, 0, if zh { "机关" } else { "organ" }, &bold)?;
            for (c, y) in years.iter().enumerate() {
                s.write_number_with_format(0, col(c + 1), f64::from(*y), &bold)?;
            }
            let dup: Vec<_> = panel.duplicates().collect();
            for (r, o) in panel.organs().iter().enumerate() {
                let row = u32::try_from(r + 1).unwrap_or(LAST_ROW).min(LAST_ROW);
                s.write_string(row, 0, &o.name)?;
                for (c, y) in years.iter().enumerate() {
                    if !o.years.contains(y) {
                        continue;
                    }
                    let mark = match dup.iter().find(|(d, dy, _, _)| d.key == o.key && dy == y) {
                        Some((_, _, f, true)) => format!("≠{}", f.len()),
                        Some((_, _, f, false)) => format!("×{}", f.len()),
                        None => "✓".to_owned(),
                    };
                    s.write_string(row, col(c + 1), &mark)?;
                }
            }
            s.set_freeze_panes(1, 1)?;
        }
        let head: Vec<&str> = if zh {
            vec!["机关", "面板机关", "年度", "文件", "角色", "错误", "警告"]
        } else {
            vec!["organ", "panel organ", "year", "file", "role", "errors", "warnings"]
        };
        for (format, name) in [(Format::V2021, "2021"), (Format::V2019, "2019")] {
            let s = book.add_worksheet_with_constant_memory()?;
            s.set_name(if zh {
                format!("{name} 模板报告")
            } else {
                format!("{name} template")
            })?;
            for (c, h) in head.iter().enumerate() {
                s.write_string_with_format(0, col(c), *h, &bold)?;
            }
            for (c, cell) in zfxxgk::layout::Layout::of(format).cells.iter().enumerate() {
                let label = match lang {
                    Lang::Zh => cell.label.clone(),
                    Lang::En => zfxxgk::label_en::english_label(&cell.label),
                };
                s.write_string_with_format(0, col(head.len() + c), &label, &bold)?;
            }
            s.set_freeze_panes(1, 4)?;
        }
        {
            let s = book.add_worksheet_with_constant_memory()?;
            s.set_name(if zh { "诊断" } else { "diagnostics" })?;
            let cols: &[&str] = if zh {
                &[
                    "机关",
                    "面板机关",
                    "年度",
                    "文件",
                    "角色",
                    "规则",
                    "级别",
                    "单元格",
                    "位置",
                    "应为",
                    "实际",
                    "说明",
                ]
            } else {
                &[
                    "organ",
                    "panel organ",
                    "year",
                    "file",
                    "role",
                    "rule",
                    "severity",
                    "pointer",
                    "label",
                    "expected",
                    "actual",
                    "message",
                ]
            };
            for (c, h) in cols.iter().enumerate() {
                s.write_string_with_format(0, col(c), *h, &bold)?;
            }
            s.set_freeze_panes(1, 0)?;
        }
        Ok(Book {
            book,
            lang,
            next: [1; 3],
            left_out: [0; 3],
            bold,
        })
    }

    /// The next row of `sheet` (1, 2, 3), or `None` when the sheet is full.
    fn row(&mut self, sheet: usize) -> Option<u32> {
        let i = sheet - 1;
        if self.next[i] >= LAST_ROW {
            self.left_out[i] += 1;
            return None;
        }
        self.next[i] += 1;
        Some(self.next[i] - 1)
    }

    fn add(&mut self, e: &Entry) -> Result<(), Fatal> {
        let lang = self.lang;
        let sheet = match e.format {
            Some(Format::V2019) => Some(SHEET_2019),
            Some(Format::V2021) => Some(SHEET_2021),
            None => None,
        };
        let organ = e.organ.clone().unwrap_or_default();
        let panel_organ = e.panel_organ.clone().unwrap_or_default();
        let file = e.file.display().to_string();
        let role = role(e.role, lang);
        if let Some(sheet) = sheet
            && let Some(row) = self.row(sheet)
        {
            let errors = e.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = e
                .diagnostics
                .iter()
                .filter(|d| d.severity == zfxxgk::Severity::Warning)
                .count();
            let s = self.book.worksheet_from_index(sheet)?;
            head(s, row, &organ, &panel_organ, e.year, &file, role)?;
            s.write_number(row, 5, errors as f64)?;
            s.write_number(row, 6, warnings as f64)?;
            for (c, v) in e.values.iter().enumerate() {
                if let Some(v) = v {
                    figure(s, row, col(7 + c), v)?;
                }
            }
        }
        for d in &e.diagnostics {
            let Some(row) = self.row(SHEET_DIAGNOSTICS) else {
                continue;
            };
            let s = self.book.worksheet_from_index(SHEET_DIAGNOSTICS)?;
            head(s, row, &organ, &panel_organ, e.year, &file, role)?;
            write_diagnostic(s, row, d, lang)?;
        }
        Ok(())
    }

    fn save(mut self, path: &Path) -> Result<(), Fatal> {
        for (i, n) in self.left_out.iter().enumerate().filter(|(_, n)| **n > 0) {
            let s = self.book.worksheet_from_index(i + 1)?;
            let note = say(
                format!("另有 {n} 行超出 Excel 的行数上限，未写入；全部行请用 --output csv"),
                format!("{n} more rows exceed Excel's row limit and are not written; use --output csv for all rows"),
            );
            s.write_string_with_format(LAST_ROW, 0, &note, &self.bold)?;
        }
        self.book
            .save(path)
            .map_err(|e| Fatal(format!("{}: {e}", path.display())))
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn role(r: Role, lang: Lang) -> &'static str {
    match (lang, r) {
        (Lang::Zh, Role::Primary) => "报告",
        (Lang::Zh, Role::Copy) => "副本",
        (Lang::Zh, Role::Conflict) => "数字不一致",
        (Lang::Zh, Role::Unplaced) => "未纳入",
        (Lang::En, r) => r.as_str(),
    }
}

fn head(
    s: &mut Worksheet,
    row: u32,
    organ: &str,
    panel_organ: &str,
    year: Option<u32>,
    file: &str,
    role: &str,
) -> Result<(), XlsxError> {
    s.write_string(row, 0, organ)?;
    s.write_string(row, 1, panel_organ)?;
    if let Some(y) = year {
        s.write_number(row, 2, f64::from(y))?;
    }
    s.write_string(row, 3, file)?;
    s.write_string(row, 4, role)?;
    Ok(())
}

/// A figure as an Excel number when a double holds it exactly, else as its digits.
fn figure(s: &mut Worksheet, row: u32, c: u16, f: &Figure) -> Result<(), XlsxError> {
    let text = f.to_string();
    let exact = match f {
        Figure::Integer(v) => (v.unsigned_abs() < (1u128 << 53)).then_some(*v as f64),
        Figure::Decimal(_) => text.parse::<f64>().ok().filter(|x| {
            // 15 significant digits survive a double.
            text.chars().filter(char::is_ascii_digit).count() <= 15 && x.is_finite()
        }),
        Figure::Text(_) => None,
    };
    match exact {
        Some(x) => s.write_number(row, c, x)?,
        None => s.write_string(row, c, &text)?,
    };
    Ok(())
}

fn write_diagnostic(s: &mut Worksheet, row: u32, d: &Diagnostic, lang: Lang) -> Result<(), XlsxError> {
    s.write_string(row, 5, d.rule.as_ref())?;
    s.write_string(
        row,
        6,
        match lang {
            Lang::Zh => d.severity.zh(),
            Lang::En => d.severity.as_str(),
        },
    )?;
    s.write_string(row, 7, &d.path)?;
    s.write_string(
        row,
        8,
        match lang {
            Lang::Zh => &d.label,
            Lang::En => &d.label_en,
        },
    )?;
    if let Some(x) = &d.expected {
        figure(s, row, 9, x)?;
    }
    if let Some(x) = &d.actual {
        figure(s, row, 10, x)?;
    }
    s.write_string(
        row,
        11,
        match lang {
            Lang::Zh => &d.message,
            Lang::En => &d.message_en,
        },
    )?;
    Ok(())
}
