//! Text and JSON output of the CLI.

use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;
use zfxxgk::{Diagnostic, Severity, Validation};

/// Language of text output.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// 中文
    Zh,
    /// English
    En,
}

fn severity(s: Severity, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.as_str(),
    }
}

/// `1 error`, `2 errors`: an English count with its noun.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The rule that names findings left out by the cap on diagnostics.
const TRUNCATED: &str = "DOC-TRUNCATED";

fn counts(diagnostics: &[Diagnostic], truncated: &[(&str, usize)]) -> [usize; 3] {
    let mut c = [0; 3];
    // A DOC-TRUNCATED names findings counted below, not one of its own.
    for d in diagnostics.iter().filter(|d| d.rule != TRUNCATED) {
        c[d.severity as usize] += 1;
    }
    for (id, n) in truncated {
        if let Some(rule) = zfxxgk::rule(id) {
            c[rule.severity as usize] += n;
        }
    }
    c
}

/// One report's findings, for people.
pub fn text(out: &mut impl Write, path: &Path, v: &Validation, lang: Lang, errors_only: bool) -> io::Result<()> {
    let [e, w, i] = counts(&v.diagnostics, &v.truncated);
    let name = path.display();
    match lang {
        Lang::Zh if e + w + i == 0 => writeln!(out, "{name}：通过，未发现问题")?,
        Lang::Zh => writeln!(out, "{name}：错误 {e} 个，警告 {w} 个，提示 {i} 个")?,
        Lang::En if e + w + i == 0 => writeln!(out, "{name}: passed, no problems found")?,
        Lang::En => writeln!(out, "{name}: {}, {}, {i} info", count(e, "error"), count(w, "warning"))?,
    }
    // With --errors-only, a DOC-TRUNCATED is shown when the findings it counts are errors.
    let cut_errors = |d: &Diagnostic| {
        d.rule == TRUNCATED
            && matches!(d.params.get("rule"), Some(zfxxgk::Figure::Text(id))
                if zfxxgk::rule(id).is_some_and(|r| r.severity == Severity::Error))
    };
    for d in v
        .diagnostics
        .iter()
        .filter(|d| !errors_only || d.is_error() || cut_errors(d))
    {
        let message = if lang == Lang::Zh { &d.message } else { &d.message_en };
        writeln!(out, "  [{}] {} {}", severity(d.severity, lang), d.rule, message)?;
        let path = if d.path.is_empty() { "/" } else { d.path.as_str() };
        match lang {
            Lang::Zh => writeln!(out, "      位置：{}（{path}）", d.label)?,
            Lang::En => writeln!(out, "      where: {} ({path})", d.label_en)?,
        }
    }
    Ok(())
}

/// What parsing a published report gave: the document in brief and the parse notes.
/// Notes a clerk must act on: cells left without a figure, rows not printed, rows placed
/// by position. The others (cells split with certainty, layout variants, labels printed
/// otherwise, text left out) are counted by `check` and listed by `parse`.
fn needs_attention(kind: zfxxgk::parse::NoteKind) -> bool {
    use zfxxgk::parse::NoteKind;
    matches!(
        kind,
        NoteKind::Blank | NoteKind::Ambiguous | NoteKind::Missing | NoteKind::Position
    )
}

/// What parsing gave; `all_notes` lists every parse note (`parse`), otherwise only those
/// that need attention and a count of the rest (`check`).
pub fn parsed(
    out: &mut impl Write,
    path: &Path,
    parsed: &Result<zfxxgk::parse::Parsed, String>,
    lang: Lang,
    all_notes: bool,
) -> io::Result<()> {
    let name = path.display();
    let p = match parsed {
        Ok(p) => p,
        Err(e) => {
            let prefix = if lang == Lang::Zh {
                "无法解析"
            } else {
                "cannot parse"
            };
            return writeln!(out, "{name}: {prefix}: {e}");
        }
    };
    let organ = match &p.report {
        zfxxgk::Report::V2019(r) => r.organ.clone(),
        zfxxgk::Report::V2021(r) => r.organ.clone(),
    }
    .unwrap_or_default();
    match lang {
        Lang::Zh => writeln!(
            out,
            "{name}：{} 年格式，{} 年度 {organ}；解析说明 {} 条",
            p.report.format(),
            p.report.year(),
            p.notes.len()
        )?,
        Lang::En => writeln!(
            out,
            "{name}: {} template, year {} {organ}; {} parse notes",
            p.report.format(),
            p.report.year(),
            p.notes.len()
        )?,
    }
    let mut hidden = 0usize;
    for note in &p.notes {
        if !all_notes && !needs_attention(note.kind) {
            hidden += 1;
            continue;
        }
        let kind = serde_json::to_value(note.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let raw = note.raw.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
        let at = note.path.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
        let message = match lang {
            Lang::Zh => &note.message,
            Lang::En => &note.message_en,
        };
        writeln!(out, "  ({kind}){at}{raw} {message}")?;
    }
    if hidden > 0 {
        match lang {
            Lang::Zh => writeln!(
                out,
                "  另有 {hidden} 条解析说明（已确定的拆分、版式差异、略去的文字等）未列出：zfxxgk parse {name} 可查看"
            )?,
            Lang::En => writeln!(
                out,
                "  {hidden} more parse notes (certain splits, layout variants, text left out) not shown: zfxxgk parse {name} lists them"
            )?,
        }
    }
    Ok(())
}

/// One report's findings, for programs checking several files.
#[derive(serde::Serialize)]
pub struct FileResult<'a> {
    file: String,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: &'a [Diagnostic],
    truncated: std::collections::BTreeMap<&'static str, usize>,
}

impl<'a> FileResult<'a> {
    pub fn new(path: &Path, v: &'a Validation) -> Self {
        FileResult {
            file: path.display().to_string(),
            valid: v.is_valid(),
            error: None,
            diagnostics: &v.diagnostics,
            truncated: v.truncated.iter().copied().collect(),
        }
    }

    /// A file that could not be read, with the reason: listed with the results.
    pub fn unreadable(path: &Path, reason: &'a str) -> Self {
        FileResult {
            file: path.display().to_string(),
            valid: false,
            error: Some(reason),
            diagnostics: &[],
            truncated: std::collections::BTreeMap::new(),
        }
    }
}

/// Totals over all files checked.
#[derive(Default)]
pub struct Summary {
    pub files: usize,
    pub with_errors: usize,
    pub unreadable: usize,
    counts: [usize; 3],
}

impl Summary {
    pub fn add(&mut self, v: &Validation) {
        self.files += 1;
        if !v.is_valid() {
            self.with_errors += 1;
        }
        let c = counts(&v.diagnostics, &v.truncated);
        for (total, n) in self.counts.iter_mut().zip(c) {
            *total += n;
        }
    }

    /// 0 no errors, 1 errors found, 2 some input could not be read.
    pub fn exit_code(&self) -> std::process::ExitCode {
        if self.unreadable > 0 {
            std::process::ExitCode::from(2)
        } else if self.with_errors > 0 {
            std::process::ExitCode::from(1)
        } else {
            std::process::ExitCode::SUCCESS
        }
    }

    pub fn line(&self, lang: Lang) -> String {
        let [e, w, i] = self.counts;
        let passed = self.files - self.with_errors;
        let mut line = match lang {
            Lang::Zh => format!(
                "共检查 {} 份报告：{} 份有错误，{passed} 份无错误；错误 {e} 个，警告 {w} 个，提示 {i} 个",
                self.files, self.with_errors
            ),
            Lang::En => format!(
                "Checked {}: {} with errors, {passed} without; {}, {}, {i} info",
                count(self.files, "report"),
                self.with_errors,
                count(e, "error"),
                count(w, "warning")
            ),
        };
        if self.unreadable > 0 {
            match lang {
                Lang::Zh => line.push_str(&format!("；{} 个文件无法读取", self.unreadable)),
                Lang::En => line.push_str(&format!("; {} could not be read", count(self.unreadable, "file"))),
            }
        }
        line
    }
}

/// The rule catalog, for people.
pub fn rules(out: &mut impl Write, lang: Lang) -> io::Result<()> {
    for r in zfxxgk::RULES {
        let formats: Vec<&str> = r.formats.iter().map(|f| f.as_str()).collect();
        let title = if lang == Lang::Zh { r.title } else { r.title_en };
        writeln!(
            out,
            "{:<28} {:<4} {:<10} {title}",
            r.id,
            severity(r.severity, lang),
            formats.join(",")
        )?;
    }
    Ok(())
}
