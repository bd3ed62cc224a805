//! One printed row read as the cells of one template row: each figure as a count, a signed
//! figure or an amount, and figures that ran together split by the row's arithmetic (every
//! reading the arithmetic allows kept, so that an undecided split stays `null`).

use serde_json::{Value, json};

use crate::layout::{CellKind, Layout};
use crate::parse::scan::{Num, Tok};
use crate::parse::split::{self, Piece, Reading, TooMany};
use crate::parse::{Note, NoteKind};

/// A cell read from the report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellRead {
    Value(Value),
    /// Printed blank (or unreadable as a number), raw text kept.
    Blank,
}

/// What a table reader produced: cells by layout index, with the text each came from.
pub(crate) type Cells = Vec<(usize, CellRead, String)>;

/// Tokens as printed, for notes.
pub(crate) fn raw_of(tokens: &[Tok]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match t {
            Tok::Num(n) => {
                out.push_str(&n.raw);
                out.push_str(n.unit.unwrap_or(""));
            }
            Tok::Blank(b) => out.push_str(b),
        }
    }
    out
}

/// The most cells `tokens` can be read as: one per digit, one per blank.
pub(super) fn most_cells(tokens: &[Tok]) -> usize {
    tokens
        .iter()
        .map(|t| match t {
            Tok::Blank(_) => 1,
            Tok::Num(n) => n.digits.len().max(1),
        })
        .sum()
}

/// Whether `tokens` can be read as `width` cells: one cell per token at least, at most one
/// per digit (a cell printed blank among fused digits allowed).
pub(super) fn fits(tokens: &[Tok], width: usize) -> bool {
    let most = most_cells(tokens);
    let blanks_before = tokens.iter().take_while(|t| matches!(t, Tok::Blank(_))).count();
    (tokens.len() <= width || tokens.len() - blanks_before.min(tokens.len() - width) <= width) && width <= most + 1
}

/// `tokens` without leading blanks beyond `width` (an empty cell between a grid row's label
/// and its values).
pub(super) fn trimmed(tokens: &[Tok], width: usize) -> &[Tok] {
    let mut t = tokens;
    while t.len() > width && matches!(t.first(), Some(Tok::Blank(_))) {
        t = &t[1..];
    }
    t
}

/// One token as one cell of `kind`; `None` when it cannot be.
pub(super) fn single(tok: &Tok, kind: CellKind) -> Option<CellRead> {
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

/// The row label of a cell's printed label (`表三 · （一）予以公开 · 总计` → `表三 · （一）予以公开`).
pub(super) fn row_label(layout: &Layout, id: usize) -> String {
    let label = &layout.cells[id].label;
    label
        .rsplit_once(" · ")
        .map_or(label.as_str(), |(row, _)| row)
        .to_owned()
}

/// The pointer of a row (the common prefix of its cells' pointers).
pub(super) fn row_pointer(layout: &Layout, ids: &[usize]) -> String {
    let first = &layout.cells[ids[0]].pointer;
    if ids.len() == 1 {
        return first.clone();
    }
    first.rsplit_once('/').map_or(first.as_str(), |(p, _)| p).to_owned()
}

/// The readings of a row's tokens as `ids.len()` cells under `check`.
pub(super) fn row_readings(
    layout: &Layout,
    ids: &[usize],
    tokens: &[Tok],
    check: &dyn Fn(&[Option<i64>]) -> bool,
) -> Vec<Reading> {
    let pieces: Vec<Piece> = tokens
        .iter()
        .map(|t| match t {
            Tok::Blank(_) => Piece::Blank,
            Tok::Num(n) => Piece::Digits {
                digits: n.digits.as_str(),
                sign: n.sign,
            },
        })
        .collect();
    let signed = |cell: usize| {
        ids.get(cell)
            .is_some_and(|&id| layout.cells[id].kind == CellKind::Signed)
    };
    match split::readings(&pieces, ids.len(), &signed, check) {
        Ok(found) if !found.is_empty() => found,
        Ok(_) => split::readings(&pieces, ids.len(), &signed, &|_| true)
            .ok()
            .filter(|f| f.len() == 1)
            .unwrap_or_default(),
        Err(TooMany) => Vec::new(),
    }
}

/// What reading a row gave: its cells, or `None` (ambiguous: every cell `null`).
pub(super) fn read_row(
    layout: &Layout,
    ids: &[usize],
    tokens: &[Tok],
    check: &dyn Fn(&[Option<i64>]) -> bool,
    notes: &mut Vec<Note>,
) -> Option<Vec<(usize, CellRead, String)>> {
    let kinds: Vec<CellKind> = ids.iter().map(|&i| layout.cells[i].kind).collect();
    let tokens = trimmed(tokens, ids.len());
    let raw = raw_of(tokens);
    let label = row_label(layout, ids[0]);
    let pointer = row_pointer(layout, ids);
    if tokens.len() == ids.len() {
        let cells: Option<Vec<CellRead>> = tokens.iter().zip(&kinds).map(|(t, k)| single(t, *k)).collect();
        if let Some(cells) = cells {
            let mut out = Vec::new();
            for (&id, (cell, tok)) in ids.iter().zip(cells.into_iter().zip(tokens)) {
                if cell == CellRead::Blank {
                    let b = match tok {
                        Tok::Blank(b) => b.clone(),
                        Tok::Num(n) => n.raw.clone(),
                    };
                    notes.push(Note::new(
                        NoteKind::Blank,
                        Some(layout.cells[id].pointer.clone()),
                        Some(b),
                        "单元格为空".into(),
                        "cell left blank".into(),
                    ));
                }
                out.push((id, cell, raw_of(std::slice::from_ref(tok))));
            }
            return Some(out);
        }
    }
    // Cells ran together: cut the digit runs into cells, kept when the arithmetic holds
    // (or when only one cut exists at all). Decimals stay with the last cell.
    let decimals = match tokens.last() {
        Some(Tok::Num(n)) => n.decimals.clone(),
        _ => None,
    };
    let readings = row_readings(layout, ids, tokens, check);
    let certain = readings.len() == 1 && (decimals.is_none() || kinds.last() == Some(&CellKind::Amount));
    if !certain {
        notes.push(
            Note::new(
                NoteKind::Ambiguous,
                Some(pointer),
                Some(raw),
                format!(
                    "「{label}」各栏数字连在一起，无法唯一拆分（{} 种可能），留空",
                    readings.len()
                ),
                format!(
                    "「{label}」: figures ran together and cannot be split with certainty ({} readings): left blank",
                    readings.len()
                ),
            )
            .with_candidates(readings),
        );
        return None;
    }
    notes.push(
        Note::new(
            NoteKind::Split,
            Some(pointer),
            Some(raw.clone()),
            format!("「{label}」各栏数字连在一起，按表内勾稽关系（或唯一可能的拆法）拆分"),
            format!("「{label}」: figures ran together; split by the table's arithmetic (or the only possible way)"),
        )
        .with_candidates(readings.clone()),
    );
    let last = ids.len() - 1;
    let mut out = Vec::new();
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
    Some(out)
}
