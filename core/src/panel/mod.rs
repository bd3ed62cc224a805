//! Many reports checked together: a panel of organs × years.
//!
//! [`Panel::scan`] reads every file once (in parallel) and keeps only what places it: the
//! organ (grouped by [`organ_key`], or by an alias the caller gives), the year, a digest of
//! its figures. Reports of one organ and year are compared: copies whose figures agree are
//! one report found in several files (`P-DUPLICATE`; the cross-year rules read the copy
//! with the most filled cells), and copies that disagree are named cell by cell
//! (`P-CONFLICT`) and none of them is read as anyone's previous year. [`Panel::check`] then
//! validates every report against the previous year's report of its organ with the
//! cross-year rules, and hands each result to the caller in a stable order (organ, year,
//! file) as soon as its chunk is done: memory stays bounded by the chunk, not the panel.
//!
//! Nothing is guessed: a report without an organ or a year is checked alone and listed
//! (`P-NO-ORGAN`, `P-NO-YEAR`), a year whose previous year is not in the panel says so
//! (`P-NO-PREVIOUS`), and organ names that differ only by a bracketed note are listed
//! (`P-ORGAN-SIMILAR`), never merged.

mod organ;
mod output;
mod rows;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use self::organ::{organ_key, similar_key};
pub use self::output::{PUBLISHED_EXTENSIONS, Request};
pub use self::rows::{COLUMNS, Field, Row, write_csv_header, write_csv_row};
use crate::diagnostic::{Diagnostic, Figure, Severity};
use crate::files;
use crate::layout::Layout;
use crate::limits::{MAX_INPUT_BYTES, MAX_LISTED};
use crate::model::Format;
use crate::parse::{Kind, Note};
use crate::rules::{Emitter, Finding, Rule, panel as rules};
use crate::sheet::{Cell, Sheet};
use crate::validate::{Input, Previous, Validation, check_sheet, read_sheet, report_sheet};

/// The extensions of the files a panel reads: JSON documents and published reports.
pub const EXTENSIONS: &[&str] = &["json", "html", "htm", "txt", "pdf", "docx"];

/// Reads organ aliases as written in an alias file: one `name,canonical name` pair per line
/// (comma or tab separated); empty lines and lines starting with `#` are skipped. `Err`
/// gives the (1-based) number of the first line that is not such a pair.
pub fn parse_aliases(text: &str) -> Result<Vec<(String, String)>, usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let pair = line.split_once('\t').or_else(|| line.split_once(','));
        match pair.map(|(a, b)| (a.trim(), b.trim())) {
            Some((a, b)) if !a.is_empty() && !b.is_empty() => out.push((a.to_owned(), b.to_owned())),
            _ => return Err(n + 1),
        }
    }
    Ok(out)
}

/// How to build a panel.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `(name, canonical name)`: reports that print `name` are the organ `canonical`
    /// (names are compared by [`organ_key`]).
    pub aliases: Vec<(String, String)>,
    /// Keep at most this many diagnostics per report (as [`crate::Options::max_diagnostics`]).
    pub max_diagnostics: Option<usize>,
    /// What a file that is not `*.json` is parsed as (default: decided from its content).
    pub kind: Kind,
}

/// What a file is in the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The report of its organ and year (the only one, or the copy the cross-year rules read).
    Primary,
    /// Another file with the same organ, year and figures as the primary.
    Copy,
    /// One of several reports of its organ and year whose figures disagree.
    Conflict,
    /// Not placed: unreadable, or without an organ or a year.
    Unplaced,
}

impl Role {
    /// `primary`, `copy`, `conflict` or `unplaced`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Primary => "primary",
            Role::Copy => "copy",
            Role::Conflict => "conflict",
            Role::Unplaced => "unplaced",
        }
    }
}

/// A unit of progress: one file scanned, or one file checked (a panel reports each file twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Read to place it.
    Scanned,
    /// Checked.
    Checked,
}

/// One organ of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organ {
    /// The name shown: the canonical name of an alias, else the first name printed (in file order).
    pub name: String,
    /// The key its reports were grouped by ([`organ_key`]).
    pub key: String,
    /// The years it has reports for, ascending.
    pub years: Vec<u32>,
    /// How many files.
    pub files: usize,
}

/// The result for one file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file as given.
    pub file: PathBuf,
    /// The organ as the report prints it.
    pub organ: Option<String>,
    /// The organ of the panel it was placed under ([`Organ::name`]).
    pub panel_organ: Option<String>,
    /// The report year.
    pub year: Option<u32>,
    /// The template version.
    pub format: Option<Format>,
    /// What it is in the panel.
    pub role: Role,
    /// The file the cross-year rules read as last year's report.
    pub previous: Option<PathBuf>,
    /// Every value of tables 2–4 in [`Layout::cells`] order (`None` blank or unreadable),
    /// exact (integers as digits, amounts with their decimals).
    pub values: Vec<Option<Figure>>,
    /// The report's diagnostics, then the panel's (`P-…`).
    pub diagnostics: Vec<Diagnostic>,
    /// Per rule id, how many findings were cut by [`Options::max_diagnostics`].
    pub truncated: Vec<(&'static str, usize)>,
    /// The parse notes of a published report (none for JSON).
    pub notes: Vec<Note>,
}

impl Entry {
    /// The layout of its template version.
    pub fn layout(&self) -> Option<&'static Layout> {
        self.format.map(Layout::of)
    }
    /// True when it has an error-severity diagnostic.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Counts of a finished [`Panel::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Files with an error-severity diagnostic.
    pub with_errors: usize,
    /// Files that could not be read as a report (`P-UNREADABLE`).
    pub unreadable: usize,
    /// Reports checked against last year's report.
    pub cross_year: usize,
    /// Diagnostics by severity: errors, warnings, infos.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

/// Why a file gave no document.
#[derive(Debug, Clone)]
struct Failure {
    code: &'static str,
    zh: String,
    en: String,
}

/// What the scan keeps of one file.
#[derive(Debug)]
struct Scan {
    organ: Option<String>,
    year: Option<u32>,
    format: Option<Format>,
    /// Filled cells.
    known: usize,
    digest: u64,
    failure: Option<Failure>,
}

/// A cell two reports of one organ and year print differently.
#[derive(Debug, Clone)]
struct Disagreement {
    member: usize,
    other: usize,
    /// `None`: the template version.
    cell: Option<usize>,
    expected: Figure,
    actual: Figure,
}

#[derive(Debug)]
struct Group {
    /// Files, in file order.
    members: Vec<usize>,
    primary: usize,
    conflict: bool,
    disagreements: Vec<Disagreement>,
}

/// Most disagreements kept per group of copies.
const MAX_DISAGREEMENTS: usize = 200;
/// Files checked per chunk of [`Panel::check`]: the results held at once.
const CHUNK: usize = 256;

/// A scanned panel, ready to check.
#[derive(Debug)]
pub struct Panel {
    files: Vec<PathBuf>,
    options: Options,
    scans: Vec<Scan>,
    /// Per file: its organ (index into `organs`).
    organ_of: Vec<Option<usize>>,
    organs: Vec<Organ>,
    /// Per organ, the other organs whose names are similar.
    similar: Vec<Vec<usize>>,
    groups: Vec<Group>,
    group_of: Vec<Option<usize>>,
    by_year: HashMap<(usize, u32), usize>,
    /// Files in the order they are checked and reported.
    order: Vec<usize>,
}

/// A file read for checking.
struct Loaded {
    sheet: Option<Sheet>,
    em: Emitter,
    notes: Vec<Note>,
    failure: Option<Failure>,
}

fn load(path: &Path, options: &Options) -> Loaded {
    let failed = |failure| Loaded {
        sheet: None,
        em: Emitter::new(None),
        notes: Vec::new(),
        failure: Some(failure),
    };
    let bytes = match files::read(path, MAX_INPUT_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => {
            return failed(Failure {
                code: e.code(),
                zh: e.zh(),
                en: e.en(),
            });
        }
    };
    if files::has_extension(path, &["json"]) {
        let (sheet, em) = read_sheet(Input::Bytes(&bytes), options.max_diagnostics);
        return Loaded {
            sheet,
            em,
            notes: Vec::new(),
            failure: None,
        };
    }
    match crate::parse::parse(&bytes, options.kind) {
        Ok(parsed) => {
            let (sheet, em) = report_sheet(&parsed.report, options.max_diagnostics);
            Loaded {
                sheet: Some(sheet),
                em,
                notes: parsed.notes,
                failure: None,
            }
        }
        Err(e) => failed(Failure {
            code: e.code.as_str(),
            zh: e.message.clone(),
            en: e.message,
        }),
    }
}

fn organ_of(sheet: &Sheet) -> Option<String> {
    sheet
        .organ
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned)
}

fn digest(sheet: &Sheet) -> (usize, u64) {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    sheet.layout.format.as_str().hash(&mut h);
    let mut known = 0;
    for cell in &sheet.cells {
        match cell {
            Cell::Int(v) => {
                known += 1;
                (1u8, *v).hash(&mut h);
            }
            Cell::Amount(a) => {
                known += 1;
                2u8.hash(&mut h);
                a.to_string().hash(&mut h);
            }
            Cell::Blank | Cell::Invalid => 0u8.hash(&mut h),
        }
    }
    (known, h.finish())
}

fn figure(cell: Cell) -> Option<Figure> {
    match cell {
        Cell::Int(v) => Some(Figure::Integer(v)),
        Cell::Amount(a) => Some(Figure::Decimal(a)),
        Cell::Blank | Cell::Invalid => None,
    }
}

/// Files named in a message: at most [`MAX_LISTED`], then how many more.
fn listed<'a>(files: impl ExactSizeIterator<Item = &'a Path>) -> String {
    let n = files.len();
    let mut names: Vec<String> = files.take(MAX_LISTED).map(|p| p.display().to_string()).collect();
    if n > MAX_LISTED {
        names.push(format!("… +{}", n - MAX_LISTED));
    }
    names.join("; ")
}

impl Panel {
    /// Reads every file once to place it (in parallel; `progress` is called once per file).
    /// A file named `*.json` is read as a canonical document, any other as a published
    /// report.
    pub fn scan(files: Vec<PathBuf>, options: Options, progress: &(dyn Fn(Step) + Sync)) -> Panel {
        let scans: Vec<Scan> = files
            .par_iter()
            .map(|path| {
                let loaded = load(path, &options);
                progress(Step::Scanned);
                match loaded.sheet {
                    Some(sheet) => {
                        let (known, digest) = digest(&sheet);
                        Scan {
                            organ: organ_of(&sheet),
                            year: sheet.year,
                            format: Some(sheet.layout.format),
                            known,
                            digest,
                            failure: None,
                        }
                    }
                    None => Scan {
                        organ: None,
                        year: None,
                        format: None,
                        known: 0,
                        digest: 0,
                        failure: loaded.failure,
                    },
                }
            })
            .collect();
        Panel::place(files, options, scans)
    }

    fn place(files: Vec<PathBuf>, options: Options, scans: Vec<Scan>) -> Panel {
        let aliases: HashMap<String, (String, String)> = options
            .aliases
            .iter()
            .map(|(name, canonical)| (organ_key(name), (organ_key(canonical), canonical.clone())))
            .collect();
        let mut key_index: HashMap<String, usize> = HashMap::new();
        let mut organs: Vec<Organ> = Vec::new();
        let mut organ_of = vec![None; files.len()];
        // Files in name order, so that "the first name printed" does not depend on the order given.
        let mut by_name: Vec<usize> = (0..files.len()).collect();
        by_name.sort_by(|&a, &b| files[a].cmp(&files[b]));
        for &i in &by_name {
            let (Some(name), Some(_)) = (&scans[i].organ, scans[i].year) else {
                continue;
            };
            let key = organ_key(name);
            let (key, shown) = match aliases.get(&key) {
                Some((key, canonical)) => (key.clone(), canonical.clone()),
                None => (key, name.clone()),
            };
            let at = *key_index.entry(key.clone()).or_insert_with(|| {
                organs.push(Organ {
                    name: shown,
                    key,
                    years: Vec::new(),
                    files: 0,
                });
                organs.len() - 1
            });
            organ_of[i] = Some(at);
        }
        // Organs in key order; files by organ, year, name.
        let mut sorted: Vec<usize> = (0..organs.len()).collect();
        sorted.sort_by(|&a, &b| organs[a].key.cmp(&organs[b].key));
        let mut rank = vec![0; organs.len()];
        for (r, &o) in sorted.iter().enumerate() {
            rank[o] = r;
        }
        let mut organs: Vec<Organ> = {
            let mut slots: Vec<Option<Organ>> = organs.into_iter().map(Some).collect();
            sorted
                .iter()
                .map(|&o| slots[o].take().expect("each organ once"))
                .collect()
        };
        for o in organ_of.iter_mut().flatten() {
            *o = rank[*o];
        }

        let mut members: BTreeMap<(usize, u32), Vec<usize>> = BTreeMap::new();
        for &i in &by_name {
            if let (Some(o), Some(y)) = (organ_of[i], scans[i].year) {
                members.entry((o, y)).or_default().push(i);
            }
        }
        let mut groups = Vec::new();
        let mut group_of = vec![None; files.len()];
        let mut by_year = HashMap::new();
        let mut order = Vec::with_capacity(files.len());
        for ((o, y), files_of) in members {
            organs[o].years.push(y);
            organs[o].files += files_of.len();
            // The primary: the most filled cells, then the first file.
            let primary = files_of
                .iter()
                .copied()
                .fold(None, |best: Option<usize>, i| match best {
                    Some(b) if scans[b].known >= scans[i].known => Some(b),
                    _ => Some(i),
                })
                .expect("a group has a member");
            for &i in &files_of {
                group_of[i] = Some(groups.len());
            }
            order.extend(files_of.iter().copied());
            by_year.insert((o, y), groups.len());
            groups.push(Group {
                members: files_of,
                primary,
                conflict: false,
                disagreements: Vec::new(),
            });
        }
        order.extend(by_name.iter().copied().filter(|&i| group_of[i].is_none()));

        let mut similar_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (o, organ) in organs.iter().enumerate() {
            similar_of.entry(similar_key(&organ.key)).or_default().push(o);
        }
        let mut similar = vec![Vec::new(); organs.len()];
        for same in similar_of.values().filter(|s| s.len() > 1) {
            for &o in same {
                similar[o] = same.iter().copied().filter(|&p| p != o).collect();
            }
        }

        let mut panel = Panel {
            files,
            options,
            scans,
            organ_of,
            organs,
            similar,
            groups,
            group_of,
            by_year,
            order,
        };
        panel.compare_copies();
        panel
    }

    /// Compares the copies of every organ and year whose digests differ, cell by cell.
    fn compare_copies(&mut self) {
        let compared: Vec<(usize, Vec<Disagreement>)> = self
            .groups
            .par_iter()
            .enumerate()
            .filter(|(_, g)| {
                let d = self.scans[g.primary].digest;
                g.members.iter().any(|&m| self.scans[m].digest != d)
            })
            .map(|(gi, g)| (gi, self.disagreements(g)))
            .collect();
        for (gi, found) in compared {
            let g = &mut self.groups[gi];
            g.conflict = !found.is_empty();
            g.disagreements = found;
        }
    }

    /// Reads the copies one at a time against what the ones before them filled in (a
    /// cell blank in one and filled in another is no disagreement).
    fn disagreements(&self, g: &Group) -> Vec<Disagreement> {
        let mut found = Vec::new();
        let Some(first) = load(&self.files[g.primary], &self.options).sheet else {
            return found;
        };
        let format = first.layout.format;
        let mut filled: Vec<Option<(Cell, usize)>> =
            first.cells.iter().map(|&c| figure(c).map(|_| (c, g.primary))).collect();
        drop(first);
        for &m in g.members.iter().filter(|&&m| m != g.primary) {
            let Some(sheet) = load(&self.files[m], &self.options).sheet else {
                continue;
            };
            if sheet.layout.format != format {
                for (member, other, e, a) in [
                    (m, g.primary, format, sheet.layout.format),
                    (g.primary, m, sheet.layout.format, format),
                ] {
                    found.push(Disagreement {
                        member,
                        other,
                        cell: None,
                        expected: Figure::Text(e.as_str().to_owned()),
                        actual: Figure::Text(a.as_str().to_owned()),
                    });
                }
                continue;
            }
            for (i, &cell) in sheet.cells.iter().enumerate() {
                let Some(actual) = figure(cell) else { continue };
                match filled[i] {
                    None => filled[i] = Some((cell, m)),
                    Some((seen, by)) if seen != cell => {
                        if found.len() + 2 > MAX_DISAGREEMENTS {
                            continue;
                        }
                        let expected = figure(seen).expect("a filled cell");
                        found.push(Disagreement {
                            member: m,
                            other: by,
                            cell: Some(i),
                            expected: expected.clone(),
                            actual: actual.clone(),
                        });
                        found.push(Disagreement {
                            member: by,
                            other: m,
                            cell: Some(i),
                            expected: actual,
                            actual: expected,
                        });
                    }
                    Some(_) => {}
                }
            }
        }
        found
    }

    /// The organs, in key order.
    pub fn organs(&self) -> &[Organ] {
        &self.organs
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Organs and years with more than one file: `(organ, year, files, whether they disagree)`.
    pub fn duplicates(&self) -> impl Iterator<Item = (&Organ, u32, Vec<&Path>, bool)> + '_ {
        self.by_year
            .iter()
            .map(|(&key, &g)| (key, g))
            .collect::<BTreeMap<_, _>>()
            .into_iter()
            .filter(|&(_, g)| self.groups[g].members.len() > 1)
            .map(move |((o, y), g)| {
                let group = &self.groups[g];
                (
                    &self.organs[o],
                    y,
                    group.members.iter().map(|&m| self.files[m].as_path()).collect(),
                    group.conflict,
                )
            })
    }

    /// Pairs of organ names that differ only by a bracketed note (listed, not merged).
    pub fn similar_names(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for (o, others) in self.similar.iter().enumerate() {
            for &p in others.iter().filter(|&&p| p > o) {
                out.push((self.organs[o].name.as_str(), self.organs[p].name.as_str()));
            }
        }
        out
    }

    /// Files that are not placed (unreadable, or without an organ or a year).
    pub fn unplaced(&self) -> impl Iterator<Item = &Path> + '_ {
        self.order
            .iter()
            .filter(|&&i| self.group_of[i].is_none())
            .map(|&i| self.files[i].as_path())
    }

    /// Checks every file (in parallel, chunk by chunk) and hands each result to `sink` in
    /// order: organ by organ ([`Panel::organs`] order), year by year, then the files not
    /// placed. `progress` is called once per file. A `sink` error stops the run.
    pub fn check<E>(
        &self,
        progress: &(dyn Fn(Step) + Sync),
        mut sink: impl FnMut(Entry) -> Result<(), E>,
    ) -> Result<Totals, E> {
        let mut totals = Totals::default();
        for chunk in self.order.chunks(CHUNK) {
            let entries: Vec<(Entry, bool)> = chunk
                .par_iter()
                .map(|&i| {
                    let e = self.entry(i);
                    progress(Step::Checked);
                    e
                })
                .collect();
            for (entry, cross_year) in entries {
                totals.files += 1;
                totals.with_errors += usize::from(entry.has_errors());
                totals.cross_year += usize::from(cross_year);
                for d in &entry.diagnostics {
                    match d.severity {
                        Severity::Error => totals.errors += 1,
                        Severity::Warning => totals.warnings += 1,
                        Severity::Info => totals.infos += 1,
                    }
                    if d.rule == rules::UNREADABLE.id {
                        totals.unreadable += 1;
                    }
                }
                sink(entry)?;
            }
        }
        Ok(totals)
    }

    /// Checks every file and returns the results (memory grows with the panel: use
    /// [`Panel::check`] for large panels).
    pub fn entries(&self) -> (Vec<Entry>, Totals) {
        let mut out = Vec::with_capacity(self.files.len());
        let totals = self
            .check(&|_| {}, |e| {
                out.push(e);
                Ok::<(), std::convert::Infallible>(())
            })
            .unwrap_or_else(|never| match never {});
        (out, totals)
    }

    /// The result for file `i`, and whether the cross-year rules ran on it.
    fn entry(&self, i: usize) -> (Entry, bool) {
        let path = &self.files[i];
        let scan = &self.scans[i];
        let mut panel = Emitter::new(None);
        let whole = "整份报告";
        let mut entry = Entry {
            file: path.clone(),
            organ: scan.organ.clone(),
            panel_organ: self.organ_of[i].map(|o| self.organs[o].name.clone()),
            year: scan.year,
            format: scan.format,
            role: Role::Unplaced,
            previous: None,
            values: Vec::new(),
            diagnostics: Vec::new(),
            truncated: Vec::new(),
            notes: Vec::new(),
        };
        // Read again (the scan kept only what places it); a file may also have become
        // unreadable since.
        let loaded = match &scan.failure {
            Some(f) => Err(f.clone()),
            None => {
                let l = load(path, &self.options);
                match l.failure {
                    Some(f) => Err(f),
                    None => Ok(l),
                }
            }
        };
        let Loaded { sheet, em, notes, .. } = match loaded {
            Ok(l) => l,
            Err(f) => {
                emit(&mut panel, &rules::UNREADABLE, || {
                    Finding::at("", whole)
                        .param("code", f.code)
                        .text("reason", f.zh)
                        .text("reason_en", f.en)
                });
                entry.diagnostics = panel.out;
                return (entry, false);
            }
        };
        entry.notes = notes;
        let Some(sheet) = sheet else {
            // JSON that is no document: what validating it says (DOC-NOT-JSON, …).
            let v = check_sheet(None, em, None, MAX_INPUT_BYTES, self.options.max_diagnostics);
            entry.diagnostics = v.diagnostics;
            entry.truncated = v.truncated;
            return (entry, false);
        };
        entry.values = sheet.cells.iter().map(|&c| figure(c)).collect();
        let layout = sheet.layout;
        let mut previous_sheet = None;
        match (self.group_of[i], self.organ_of[i]) {
            (Some(g), Some(o)) => {
                let group = &self.groups[g];
                entry.role = match (group.conflict, group.primary == i) {
                    (true, _) => Role::Conflict,
                    (false, true) => Role::Primary,
                    (false, false) => Role::Copy,
                };
                let year = scan.year.unwrap_or_default();
                let before = year.checked_sub(1);
                match before.and_then(|y| self.by_year.get(&(o, y)).map(|&pg| (y, pg))) {
                    Some((y, pg)) if self.groups[pg].conflict => {
                        let files = listed(self.groups[pg].members.iter().map(|&m| self.files[m].as_path()));
                        emit(&mut panel, &rules::PREVIOUS_CONFLICT, || {
                            let mut f = Finding::at("/year", layout.label("/year")).param("files", files.as_str());
                            f.expected = Some(Figure::Integer(y.into()));
                            f
                        });
                    }
                    Some((_, pg)) => {
                        let p = self.groups[pg].primary;
                        previous_sheet = load(&self.files[p], &self.options).sheet;
                        if previous_sheet.is_some() {
                            entry.previous = Some(self.files[p].clone());
                        }
                    }
                    None => emit(&mut panel, &rules::NO_PREVIOUS, || {
                        let mut f = Finding::at("/year", layout.label("/year"));
                        f.expected = Some(Figure::Integer(i128::from(year) - 1));
                        f
                    }),
                }
                if group.members.len() > 1 && !group.conflict {
                    let files = listed(group.members.iter().map(|&m| self.files[m].as_path()));
                    let primary = self.files[group.primary].display().to_string();
                    emit(&mut panel, &rules::DUPLICATE, || {
                        Finding::at("", whole)
                            .param("count", group.members.len())
                            .param("files", files.as_str())
                            .param("primary", primary.as_str())
                    });
                }
                for d in group.disagreements.iter().filter(|d| d.member == i) {
                    let (pointer, label) = match d.cell {
                        Some(c) => (layout.cells[c].pointer.clone(), layout.cells[c].label.clone()),
                        None => ("/format".to_owned(), layout.label("/format")),
                    };
                    let other = self.files[d.other].display().to_string();
                    emit(&mut panel, &rules::CONFLICT, || {
                        Finding::at(pointer, label)
                            .param("other", other.as_str())
                            .figures(d.expected.clone(), d.actual.clone())
                    });
                }
                for &p in &self.similar[o] {
                    let other = self.organs[p].name.clone();
                    let this = scan.organ.clone().unwrap_or_default();
                    emit(&mut panel, &rules::ORGAN_SIMILAR, || {
                        Finding::at("/organ", layout.label("/organ")).figures(Figure::Text(other), Figure::Text(this))
                    });
                }
            }
            _ => {
                if scan.organ.is_none() {
                    emit(&mut panel, &rules::NO_ORGAN, || {
                        Finding::at("/organ", layout.label("/organ"))
                    });
                }
                if scan.year.is_none() {
                    emit(&mut panel, &rules::NO_YEAR, || {
                        Finding::at("/year", layout.label("/year"))
                    });
                }
            }
        }
        let cross_year = previous_sheet.is_some();
        let Validation {
            mut diagnostics,
            truncated,
        } = check_sheet(
            Some(&sheet),
            em,
            previous_sheet.as_ref().map(Previous::Sheet),
            MAX_INPUT_BYTES,
            self.options.max_diagnostics,
        );
        diagnostics.append(&mut panel.out);
        entry.diagnostics = diagnostics;
        entry.truncated = truncated;
        (entry, cross_year)
    }
}

fn emit(em: &mut Emitter, rule: &'static Rule, build: impl FnOnce() -> Finding) {
    em.emit(rule, build);
}

#[cfg(test)]
mod tests;
