//! Notes for table-3 row labels printed otherwise than the template prints them
//! (abbreviated, reworded, misprinted, missing): the clerk or auditor should know, even
//! when the figures were placed by other evidence.

use super::{Note, NoteKind};
use crate::layout::Layout;

/// The template's title of a table-3 row (`1.属于国家秘密`).
pub(crate) fn row_title(layout: &Layout, row: usize) -> &str {
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
pub(crate) fn label_notes(layout: &Layout, rows: &[usize], text: &str, single_other_row: bool, notes: &mut Vec<Note>) {
    let chars = label_chars(text);
    let mut from = 0;
    for &r in rows {
        let pointer = &layout.rows[r].pointer;
        if single_other_row && pointer == "/requests/outcomes/other/other" {
            continue; // printed as （六）其他处理, noted as a variant already
        }
        let title = title_chars(row_title(layout, r));
        let keyword = super::labels::table3(pointer, single_other_row)
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
                let title = row_title(layout, r);
                notes.push(Note::new(
                    NoteKind::Label,
                    Some(pointer.clone()),
                    Some(printed.clone()),
                    format!("行标签与模板不完全一致：印为「{printed}」，模板为「{title}」"),
                    format!("row label printed as 「{printed}」, the template prints 「{title}」"),
                ));
                from = end;
            }
            (None, None) => {
                let title = row_title(layout, r);
                notes.push(Note::new(
                    NoteKind::Label,
                    Some(pointer.clone()),
                    None,
                    format!("找不到行标签「{title}」"),
                    format!("row label 「{title}」 not found"),
                ))
            }
        }
    }
}
