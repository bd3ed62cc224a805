//! Reading the three tables from their text: value runs are matched to the template's
//! rows in printed order, and runs that hold several cells run together are split by the
//! table's arithmetic.

use serde_json::{Value, json};

use super::scan::{Num, Tok};
use super::split::{self, TooMany};
use super::{Note, NoteKind};
use crate::layout::{CellKind, Layout};
use crate::model::Format;

/// A cell read from the report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellRead {
    Value(Value),
    /// Printed blank (or unreadable as a number), raw text kept.
    Blank,
}

/// What a table reader produced: cells by layout index.
pub(crate) type Cells = Vec<(usize, CellRead, String)>;

fn raw_of(tokens: &[Tok]) -> String {
    tokens
        .iter()
        .map(|t| match t {
            Tok::Num(n) => format!("{}{}", n.raw, n.unit.unwrap_or("")),
            Tok::Blank(b) => b.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One token as one cell of `kind`; `None` when it cannot be.
fn single(tok: &Tok, kind: CellKind) -> Option<CellRead> {
    let n: &Num = match tok {
        Tok::Blank(_) => return Some(CellRead::Blank),
        Tok::Num(n) => n,
    };
    match kind {
        CellKind::Amount => {
            let text = match &n.decimals {
                Some(d) => format!("{}.{d}", n.digits),
                None => n.digits.clone(),
            };
            let amount = crate::amount::Amount::parse_decimal(&text)?;
            serde_json::to_value(amount).ok().map(CellRead::Value)
        }
        CellKind::Count => {
            if n.decimals.is_some() || n.sign == Some('-') {
                return None;
            }
            n.digits.parse::<u64>().ok().map(|v| CellRead::Value(json!(v)))
        }
        CellKind::Signed => {
            if n.decimals.is_some() {
                return None;
            }
            let v: i64 = n.digits.parse().ok()?;
            Some(CellRead::Value(json!(if n.sign == Some('-') { -v } else { v })))
        }
    }
}

/// Reads one row of `ids` from its tokens. `check` is the row's arithmetic (applied when
/// cells ran together). Writes notes for splits and for what could not be decided.
pub(crate) fn read_row(
    layout: &Layout,
    ids: &[usize],
    tokens: &[Tok],
    check: &dyn Fn(&[Option<u64>]) -> bool,
    notes: &mut Vec<Note>,
    out: &mut Cells,
) {
    let kinds: Vec<CellKind> = ids.iter().map(|&i| layout.cells[i].kind).collect();
    let raw = raw_of(tokens);
    let row_label = layout.cells[ids[0]]
        .label
        .rsplit_once(" · ")
        .map_or("", |(row, _)| row)
        .to_owned();
    if tokens.len() == ids.len() {
        let cells: Option<Vec<CellRead>> = tokens.iter().zip(&kinds).map(|(t, k)| single(t, *k)).collect();
        if let Some(cells) = cells {
            for (&id, (cell, tok)) in ids.iter().zip(cells.into_iter().zip(tokens)) {
                if cell == CellRead::Blank
                    && let Tok::Blank(b) = tok
                {
                    notes.push(Note::cell(
                        NoteKind::Blank,
                        layout,
                        id,
                        b.clone(),
                        "单元格为空 / cell left blank",
                    ));
                }
                out.push((id, cell, raw_of(std::slice::from_ref(tok))));
            }
            return;
        }
    }
    // Cells ran together: cut the digit runs into cells, kept when the arithmetic holds
    // (or when only one cut exists at all). Decimals stay with the last cell.
    let runs: Vec<Option<&str>> = tokens
        .iter()
        .map(|t| match t {
            Tok::Blank(_) => None,
            Tok::Num(n) => Some(n.digits.as_str()),
        })
        .collect();
    let decimals = match tokens.last() {
        Some(Tok::Num(n)) => n.decimals.clone(),
        _ => None,
    };
    let readings = match split::readings(&runs, ids.len(), check) {
        Ok(found) if !found.is_empty() => found,
        Ok(_) => split::readings(&runs, ids.len(), &|_| true)
            .ok()
            .filter(|f| f.len() == 1)
            .unwrap_or_default(),
        Err(TooMany) => Vec::new(),
    };
    let certain = readings.len() == 1 && (decimals.is_none() || kinds.last() == Some(&CellKind::Amount));
    if certain {
        notes.push(Note::row(NoteKind::Split, &row_label, &raw, &readings));
        let last = ids.len() - 1;
        for (k, (&id, v)) in ids.iter().zip(&readings[0]).enumerate() {
            let cell = match (v, &decimals) {
                (None, _) => CellRead::Blank,
                (Some(v), Some(d)) if k == last => crate::amount::Amount::parse_decimal(&format!("{v}.{d}"))
                    .and_then(|a| serde_json::to_value(a).ok())
                    .map_or(CellRead::Blank, CellRead::Value),
                (Some(v), _) => CellRead::Value(json!(v)),
            };
            out.push((id, cell, raw.clone()));
        }
    } else {
        notes.push(Note::row(NoteKind::Ambiguous, &row_label, &raw, &readings));
        for &id in ids {
            out.push((id, CellRead::Blank, raw.clone()));
        }
    }
}

/// The runs of values of a table, without runs that hold only blanks and are not as wide
/// as a row (empty header cells).
pub(crate) fn value_runs(groups: Vec<Vec<Tok>>, width: usize) -> Vec<Vec<Tok>> {
    groups
        .into_iter()
        .filter(|g| g.iter().any(|t| matches!(t, Tok::Num(_))) || g.len() == width)
        .collect()
}

/// Table 2: rows of fixed widths in printed order, no arithmetic.
pub(crate) fn table2(layout: &Layout, groups: Vec<Vec<Tok>>, notes: &mut Vec<Note>) -> Result<Cells, String> {
    let rows: Vec<Vec<usize>> = match layout.format {
        Format::V2021 => vec![vec![0, 1, 2], vec![3, 4, 5], vec![6], vec![7], vec![8], vec![9]],
        Format::V2019 => vec![
            vec![0, 1, 2],
            vec![3, 4, 5],
            vec![6, 7, 8],
            vec![9, 10, 11],
            vec![12, 13, 14],
            vec![15, 16, 17],
            vec![18, 19],
            vec![20, 21],
        ],
    };
    let runs: Vec<Vec<Tok>> = groups
        .into_iter()
        .filter(|g| g.iter().any(|t| matches!(t, Tok::Num(_))))
        .collect();
    if runs.len() != rows.len() {
        return Err(format!(
            "表二应有 {} 行数字，找到 {} 行 / table 2 should have {} rows of figures, found {}",
            rows.len(),
            runs.len(),
            rows.len(),
            runs.len()
        ));
    }
    let mut out = Vec::new();
    for (ids, tokens) in rows.iter().zip(&runs) {
        read_row(layout, ids, tokens, &|_| true, notes, &mut out);
    }
    Ok(out)
}

/// Table 3: one run of seven values per row, in printed order. The 2021 template's
/// （六）其他处理 printed as a single row is read into `other.other`.
pub(crate) fn table3(
    layout: &Layout,
    text: &str,
    groups: Vec<Vec<Tok>>,
    single_other_row: bool,
    notes: &mut Vec<Note>,
) -> Result<Cells, String> {
    let mut rows: Vec<usize> = (0..layout.rows.len()).collect();
    if single_other_row {
        let skip = [
            "/requests/outcomes/other/no_correction",
            "/requests/outcomes/other/fee_unpaid",
        ];
        rows.retain(|&r| !skip.contains(&layout.rows[r].pointer.as_str()));
        notes.push(Note {
            kind: NoteKind::Variant,
            path: Some("/requests/outcomes/other/other".into()),
            raw: None,
            message: "（六）其他处理印为一行（2019 年格式的写法）：数值记入“3.其他”，1、2 两行留空 / （六） printed as one row: read into other.other, the two other rows left blank".into(),
            candidates: Vec::new(),
        });
    }
    let mut runs = value_runs(groups, 7);
    // Rows printed one after another with no label between them (a PDF page break):
    // cut runs of several rows into rows, eight wide when a subtotal column is printed.
    for width in [8, 7] {
        if runs.iter().all(|r| r.len() % width == 0) && runs.iter().any(|r| r.len() > width) {
            runs = runs
                .into_iter()
                .flat_map(|r| r.chunks(width).map(<[Tok]>::to_vec).collect::<Vec<_>>())
                .collect();
            break;
        }
    }
    drop_subtotal_column(&mut runs, notes);
    if runs.len() != rows.len() {
        // Several rows in one run (a table flattened without labels): cut it into rows.
        let total: usize = runs.iter().map(Vec::len).sum();
        if total == rows.len() * 7 {
            let flat: Vec<Tok> = runs.into_iter().flatten().collect();
            runs = flat.chunks(7).map(<[Tok]>::to_vec).collect();
        }
    }
    if runs.len() != rows.len()
        && let Some(by_label) = runs_by_label(layout, &rows, text, notes)
    {
        runs = by_label;
    }
    if runs.len() != rows.len() {
        return Err(format!(
            "表三应有 {} 行数字，找到 {} 行 / table 3 should have {} rows of figures, found {}",
            rows.len(),
            runs.len(),
            rows.len(),
            runs.len()
        ));
    }
    label_notes(layout, &rows, text, single_other_row, notes);
    let mut out = Vec::new();
    let check = split::row_total(7);
    for (&r, tokens) in rows.iter().zip(&runs) {
        read_row(layout, &layout.rows[r].cells, tokens, &check, notes, &mut out);
    }
    Ok(out)
}

fn plain(tok: &Tok) -> Option<u128> {
    match tok {
        Tok::Num(n) if n.decimals.is_none() && n.sign.is_none() => n.digits.parse().ok(),
        Tok::Blank(_) => Some(0),
        Tok::Num(_) => None,
    }
}

/// Some reports print an extra 法人或其他组织 subtotal column (eight figures a row). It is
/// found by its arithmetic (before 商业企业 or after 其他, equal to the five columns of
/// 法人或其他组织), checked on every row, and not stored.
fn drop_subtotal_column(runs: &mut [Vec<Tok>], notes: &mut Vec<Note>) {
    if runs.is_empty() || !runs.iter().all(|r| r.len() == 8) {
        return;
    }
    let holds = |k: usize, row: &[Tok]| -> Option<bool> {
        let v: Vec<u128> = row.iter().map(plain).collect::<Option<_>>()?;
        let parts = if k == 1 { &v[2..7] } else { &v[1..6] };
        Some(v[k] == parts.iter().sum::<u128>())
    };
    let Some(k) = [1usize, 6]
        .into_iter()
        .max_by_key(|&k| runs.iter().filter(|r| holds(k, r) == Some(true)).count())
    else {
        return;
    };
    for (i, row) in runs.iter_mut().enumerate() {
        if holds(k, row) == Some(false) {
            notes.push(Note {
                kind: NoteKind::Variant,
                path: None,
                raw: Some(raw_of(row)),
                message: format!("第 {} 行的“法人或其他组织”小计不等于五栏之和 / row {}: the 法人或其他组织 subtotal is not the sum of its five columns", i + 1, i + 1),
                candidates: Vec::new(),
            });
        }
        row.remove(k);
    }
    notes.push(Note {
        kind: NoteKind::Variant,
        path: Some("/requests".into()),
        raw: None,
        message: "表三多印了一栏“法人或其他组织”小计：已核对并略去 / table 3 prints an extra 法人或其他组织 subtotal column: checked and left out".into(),
        candidates: Vec::new(),
    });
}

/// Words that find each table-3 row's printed label (alternatives for variants and typos).
fn row_keywords(pointer: &str) -> &'static [&'static str] {
    match pointer.rsplit('/').next().unwrap_or("") {
        "new" => &["本年新收"],
        "carried_over" => &["上年结转"],
        "disclosed" => &["予以公开"],
        "partially_disclosed" => &["部分公开"],
        "state_secret" => &["国家秘密"],
        "prohibited_by_law" => &["禁止公开", "法律行政"],
        "security_stability" => &["三安全", "一稳定"],
        "third_party_rights" => &["第三方"],
        "internal_affairs" => &["内部事务"],
        "process_information" => &["过程性"],
        "enforcement_files" => &["执法案卷"],
        "inquiry_matters" => &["查询事项"],
        "not_held" => &["不掌握"],
        "needs_creation" => &["另行制作", "现成信息"],
        "unclear_after_correction" => &["仍不明确", "补正后"],
        "complaint" => &["信访", "举报"],
        "repeated" => &["重复申请"],
        "publications" => &["出版物"],
        "excessive" => &["大量反复", "反复申请"],
        "confirmation" => &["重新出具", "确认或"],
        "no_correction" => &["不补正"],
        "fee_unpaid" => &["缴纳费用", "收费通知"],
        "total" => &["总计"],
        "carried_forward" => &["结转下"],
        // `other`: the 2019 row （六）其他处理, or the 2021 row 3.其他.
        _ if pointer.ends_with("/other/other") => &["3.其他"],
        _ => &["其他处理"],
    }
}

/// Table 3 read by its row labels: the figures between one row's label and the next
/// row's. For reports that leave whole rows out (printed blank) in crawled text, where
/// counting runs of figures cannot work. `None` when a label is not found in order.
fn runs_by_label(layout: &Layout, rows: &[usize], text: &str, notes: &mut Vec<Note>) -> Option<Vec<Vec<Tok>>> {
    let sq = super::scan::Squashed::new(text);
    let mut starts = Vec::with_capacity(rows.len());
    let mut from = 0;
    for &r in rows {
        let words = row_keywords(&layout.rows[r].pointer);
        let (at, end) = words
            .iter()
            .filter_map(|w| sq.text.get(from..)?.find(w).map(|p| (from + p, from + p + w.len())))
            .min()?;
        starts.push((sq.source_at(at), sq.source_after(end)));
        from = end;
    }
    let mut out = Vec::with_capacity(rows.len());
    for (k, &(_, label_end)) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(text.len(), |s| s.0);
        let tokens: Vec<Tok> = super::scan::groups(text.get(label_end..next).unwrap_or(""))
            .into_iter()
            .flatten()
            .collect();
        if tokens.is_empty() {
            let row = &layout.rows[rows[k]];
            notes.push(Note {
                kind: NoteKind::Blank,
                path: Some(row.pointer.clone()),
                raw: Some(String::new()),
                message: "整行未填写 / the whole row was left blank".into(),
                candidates: Vec::new(),
            });
            out.push(vec![Tok::Blank(String::new()); 7]);
        } else {
            out.push(tokens);
        }
    }
    Some(out)
}

/// The template's title of a table-3 row (`1.属于国家秘密`).
fn row_title(layout: &Layout, row: usize) -> &str {
    let label = &layout.cells[layout.rows[row].cells[0]].label;
    let row_label = label.rsplit_once(" · ").map_or(label.as_str(), |(row, _)| row);
    row_label.rsplit_once(" · ").map_or(row_label, |(_, title)| title)
}

/// Squashed text as chars with each run of figures replaced by `#` (an enumerator such as
/// `1.` stays: it is part of a label), so that a label wrapped around its row's figures
/// (PDF text) still reads as one label.
fn label_chars(text: &str) -> Vec<char> {
    let sq: Vec<char> = super::scan::squash(&super::scan::ascii_digits(text)).chars().collect();
    let mut out = Vec::with_capacity(sq.len());
    let mut i = 0;
    while i < sq.len() {
        if sq[i].is_ascii_digit() {
            let mut j = i;
            while j < sq.len()
                && (sq[j].is_ascii_digit()
                    || sq[j] == ','
                    || (sq[j] == '.' && sq.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                j += 1;
            }
            // A digit before `.` and a non-digit is an enumerator (`1.属于…`), also when the
            // row before ends right before it (`00000001.属于…`).
            let enumerator = sq.get(j) == Some(&'.') && sq[j - 1].is_ascii_digit();
            let figures_end = if enumerator { j - 1 } else { j };
            if figures_end > i && out.last() != Some(&'#') {
                out.push('#');
            }
            if enumerator {
                out.extend_from_slice(&sq[j - 1..=j]);
                i = j + 1;
            } else {
                i = j;
            }
            continue;
        }
        out.push(sq[i]);
        i += 1;
    }
    out
}

/// The first place at or after `from` where `word` is printed, figures (`#`) allowed
/// between its chars: (start, end).
fn find_label(text: &[char], word: &[char], from: usize) -> Option<(usize, usize)> {
    let first = *word.first()?;
    (from..text.len()).filter(|&s| text[s] == first).find_map(|s| {
        let mut i = s;
        for &c in word {
            while text.get(i) == Some(&'#') {
                i += 1;
            }
            if text.get(i) != Some(&c) {
                return None;
            }
            i += 1;
        }
        Some((s, i))
    })
}

/// The label printed around `at..end`: back to the previous figure (or `from`), on to the
/// next figure.
fn printed_label(text: &[char], from: usize, at: usize, end: usize) -> String {
    let mut start = at;
    while start > from && text[start - 1] != '#' {
        start -= 1;
    }
    let mut stop = end;
    while stop < text.len() && text[stop] != '#' {
        stop += 1;
    }
    text[start..stop].iter().collect()
}

/// The template's title of a table-3 row for matching: squashed, without the leading
/// `一、` of the four top rows (the table's text starts after it on some pages).
fn title_chars(title: &str) -> Vec<char> {
    let sq: Vec<char> = super::scan::squash(title).chars().collect();
    let ordinal = sq.iter().take_while(|c| "一二三四五六七八九十".contains(**c)).count();
    if ordinal > 0 && sq.get(ordinal) == Some(&',') {
        sq[ordinal + 1..].to_vec()
    } else {
        sq
    }
}

/// Notes for table-3 row labels printed otherwise than the template prints them: the
/// figures are read by position, so a row label that is missing, abbreviated or reworded
/// does not stop the reading, but the clerk or auditor should know. Each row's label is
/// looked for after the previous row's: the template's own wording (whitespace, bracket,
/// punctuation differences and figures printed inside it ignored), else the row's keywords.
fn label_notes(layout: &Layout, rows: &[usize], text: &str, single_other_row: bool, notes: &mut Vec<Note>) {
    let chars = label_chars(text);
    let mut from = 0;
    for &r in rows {
        let pointer = &layout.rows[r].pointer;
        if single_other_row && pointer == "/requests/outcomes/other/other" {
            continue; // printed as （六）其他处理, noted as a variant already
        }
        let title = title_chars(row_title(layout, r));
        let keyword = row_keywords(pointer)
            .iter()
            .filter_map(|w| find_label(&chars, &super::scan::squash(w).chars().collect::<Vec<_>>(), from))
            .min();
        let exact = find_label(&chars, &title, from);
        match (exact, keyword) {
            // The template's wording, where the row's keyword is (or before it).
            (Some((at, end)), Some((k, _))) if at <= k => from = end,
            (Some((_, end)), None) => from = end,
            (_, Some((at, end))) => {
                let printed = printed_label(&chars, from, at, end);
                notes.push(Note {
                    kind: NoteKind::Label,
                    path: Some(pointer.clone()),
                    raw: Some(printed.clone()),
                    message: format!(
                        "行标签与模板不完全一致：印为「{printed}」，模板为「{}」；按位置读取 / row label differs from the template: read by position",
                        row_title(layout, r)
                    ),
                    candidates: Vec::new(),
                });
                from = end;
            }
            (None, None) => notes.push(Note {
                kind: NoteKind::Label,
                path: Some(pointer.clone()),
                raw: None,
                message: format!(
                    "找不到行标签「{}」；按位置读取 / row label not found: read by position",
                    row_title(layout, r)
                ),
                candidates: Vec::new(),
            }),
        }
    }
}

/// Table 4: fifteen values (three groups of five, each ending with its 总计).
pub(crate) fn table4(layout: &Layout, groups: Vec<Vec<Tok>>, notes: &mut Vec<Note>) -> Result<Cells, String> {
    let tokens: Vec<Tok> = groups.into_iter().flatten().collect();
    if tokens.is_empty() {
        return Err("表四没有数字 / table 4 has no figures".into());
    }
    let ids: Vec<usize> = layout
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pointer.starts_with("/appeals/"))
        .map(|(i, _)| i)
        .collect();
    let check =
        |cells: &[Option<u64>]| -> bool { cells.chunks(5).filter(|g| g.len() == 5).all(|g| split::row_total(5)(g)) };
    let mut out = Vec::new();
    read_row(layout, &ids, &tokens, &check, notes, &mut out);
    Ok(out)
}
