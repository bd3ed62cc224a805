//! Reading tables 2–4: the rows a page printed (grid rows, or runs of figures in text) are
//! placed on the template's rows by [`align`], then each placed row's figures are read as
//! its cells, figures that ran together split by the table's arithmetic.
//!
//! A figure is reported only when the input determines it: a row placed by position alone
//! must be confirmed by the table's arithmetic, a row that best alignments disagree on and
//! a split the arithmetic does not decide are `null` with their candidate readings.

use super::align::{self, Basis, Obs, Placed, Want};
use super::rows::Printed;
use super::scan::Tok;
use super::split::{self, Reading};
use super::{Note, NoteKind, labels};
use crate::layout::Layout;

mod read;

use read::*;
pub(crate) use read::{CellRead, Cells, raw_of};

/// A template row to read: its cells, label words and arithmetic.
struct RowSpec<'a> {
    ids: Vec<usize>,
    words: Vec<String>,
    check: &'a dyn Fn(&[Option<i64>]) -> bool,
}

/// What became of each template row.
struct Placement {
    /// The cells read, by template row (`None`: left `null`).
    rows: Vec<Option<Vec<(usize, CellRead, String)>>>,
    /// Rows placed by position alone.
    by_position: Vec<usize>,
}

fn all_blank(ids: &[usize], raw: &str) -> Vec<(usize, CellRead, String)> {
    ids.iter().map(|&id| (id, CellRead::Blank, raw.to_owned())).collect()
}

/// Most printed rows a table is read from (a real table prints fewer than a hundred runs of
/// figures; the alignment's memory grows with this number).
use crate::limits::MAX_PRINTED_ROWS;

/// Places `specs` on `printed` and reads each placed row.
fn place(layout: &Layout, specs: &[RowSpec], printed: &[Printed], table: &str, notes: &mut Vec<Note>) -> Placement {
    if printed.len() > MAX_PRINTED_ROWS {
        notes.push(Note::new(
            NoteKind::Skipped,
            None,
            None,
            format!("{table}中有 {} 组数字，只读前 {MAX_PRINTED_ROWS} 组", printed.len()),
            format!(
                "{table} prints {} runs of figures: only the first {MAX_PRINTED_ROWS} are read",
                printed.len()
            ),
        ));
    }
    let printed = &printed[..printed.len().min(MAX_PRINTED_ROWS)];
    let wants: Vec<Want> = specs
        .iter()
        .map(|s| Want {
            words: s.words.clone(),
            fits: printed.iter().map(|p| fits(&p.tokens, s.ids.len())).collect(),
        })
        .collect();
    let obs: Vec<&Obs> = printed.iter().map(|p| &p.obs).collect();
    let placed = align::align(&wants, &obs);
    let mut used = vec![false; printed.len()];
    let mut rows = Vec::with_capacity(specs.len());
    let mut by_position = Vec::new();
    let all_labels: String = printed
        .iter()
        .map(|p| p.obs.before.as_str())
        .collect::<Vec<_>>()
        .join("|")
        + printed.last().and_then(|p| p.obs.after.as_deref()).unwrap_or("");
    for (t, (spec, placed)) in specs.iter().zip(&placed).enumerate() {
        let pointer = row_pointer(layout, &spec.ids);
        let label = row_label(layout, spec.ids[0]);
        match placed {
            Placed::At(k, basis) => {
                used[*k] = true;
                if *basis == Basis::Position {
                    by_position.push(t);
                }
                let cells = read_row(layout, &spec.ids, &printed[*k].tokens, spec.check, notes)
                    .unwrap_or_else(|| all_blank(&spec.ids, &raw_of(&printed[*k].tokens)));
                rows.push(Some(cells));
            }
            Placed::Missing => {
                let printed_label = spec.words.iter().any(|w| all_labels.contains(w.as_str()));
                let (zh, en) = if printed_label {
                    ("整行未填写：留空", "the whole row was left blank")
                } else {
                    (
                        "表中没有这一行：留空",
                        "the row is not printed in the table: left blank",
                    )
                };
                notes.push(Note::new(
                    if printed_label {
                        NoteKind::Blank
                    } else {
                        NoteKind::Missing
                    },
                    Some(pointer),
                    None,
                    format!("「{label}」{zh}"),
                    format!("「{label}」: {en}"),
                ));
                rows.push(None);
            }
            Placed::Ambiguous(options) => {
                let mut candidates: Vec<Reading> = Vec::new();
                let mut raws = Vec::new();
                // A few candidates say enough; a hostile page could offer thousands.
                for option in options.iter().take(8) {
                    match option {
                        Some(k) => {
                            raws.push(raw_of(&printed[*k].tokens));
                            for r in row_readings(
                                layout,
                                &spec.ids,
                                trimmed(&printed[*k].tokens, spec.ids.len()),
                                spec.check,
                            ) {
                                if !candidates.contains(&r) {
                                    candidates.push(r);
                                }
                            }
                        }
                        None => {
                            raws.push("—".into());
                            let none = vec![None; spec.ids.len()];
                            if !candidates.contains(&none) {
                                candidates.push(none);
                            }
                        }
                    }
                }
                notes.push(
                    Note::new(
                        NoteKind::Ambiguous,
                        Some(pointer),
                        Some(raws.join(" | ")),
                        format!("「{label}」在{table}中的位置无法确定（{} 种可能），留空", options.len()),
                        format!(
                            "「{label}」: its place in {table} cannot be told ({} possibilities): left blank",
                            options.len()
                        ),
                    )
                    .with_candidates(candidates),
                );
                rows.push(None);
            }
        }
    }
    for (k, p) in printed.iter().enumerate() {
        if !used[k] && p.tokens.iter().any(|t| matches!(t, Tok::Num(_))) {
            let shown: String = p.label.chars().take(40).collect();
            notes.push(Note::new(
                NoteKind::Skipped,
                None,
                Some(format!("{shown} {}", raw_of(&p.tokens)).trim().to_owned()),
                format!("{table}中的这些数字不属于模板的任何一行，已略去"),
                format!("figures in {table} that belong to no template row: left out"),
            ));
        }
    }
    Placement { rows, by_position }
}

fn write(placement: Placement, specs: &[RowSpec], out: &mut Cells) {
    for (row, spec) in placement.rows.into_iter().zip(specs) {
        out.extend(row.unwrap_or_else(|| all_blank(&spec.ids, "")));
    }
}

/// Table 2: one template row per block, placed by its label. Table 2 has no arithmetic,
/// so a row placed by position alone is left `null`.
pub(crate) fn table2(layout: &Layout, printed: &[Printed], notes: &mut Vec<Note>) -> Cells {
    let mut blocks: Vec<(String, Vec<usize>)> = Vec::new();
    for (id, cell) in layout.cells.iter().enumerate() {
        let Some(rest) = cell.pointer.strip_prefix("/proactive/") else {
            continue;
        };
        let block = rest.split('/').next().unwrap_or("").to_owned();
        match blocks.last_mut() {
            Some((b, ids)) if *b == block => ids.push(id),
            _ => blocks.push((block, vec![id])),
        }
    }
    let any = |_: &[Option<i64>]| true;
    let specs: Vec<RowSpec> = blocks
        .iter()
        .map(|(block, ids)| RowSpec {
            ids: ids.clone(),
            words: align::words(labels::table2(block)),
            check: &any,
        })
        .collect();
    let mut placement = place(layout, &specs, printed, "表二", notes);
    for &t in &placement.by_position {
        if placement.rows[t].is_some() {
            position_only(layout, &specs[t].ids, notes);
            placement.rows[t] = None;
        }
    }
    let mut out = Vec::new();
    write(placement, &specs, &mut out);
    out
}

fn position_only(layout: &Layout, ids: &[usize], notes: &mut Vec<Note>) {
    let label = row_label(layout, ids[0]);
    notes.push(Note::new(
        NoteKind::Ambiguous,
        Some(row_pointer(layout, ids)),
        None,
        format!("「{label}」的行标签未印出，只能按位置推断且表内勾稽关系无法印证：留空"),
        format!("「{label}」: no label printed; placed by position only and not confirmed by the table's arithmetic: left blank"),
    ));
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
fn drop_subtotal_column(printed: &mut [Printed], notes: &mut Vec<Note>) {
    let rows: Vec<usize> = (0..printed.len()).filter(|&k| printed[k].tokens.len() >= 7).collect();
    if rows.len() < 5 || !rows.iter().all(|&k| printed[k].tokens.len() == 8) {
        return;
    }
    let holds = |k: usize, row: &[Tok]| -> Option<bool> {
        let v: Vec<u128> = row.iter().map(plain).collect::<Option<_>>()?;
        let parts = if k == 1 { &v[2..7] } else { &v[1..6] };
        Some(v[k] == parts.iter().sum::<u128>())
    };
    let Some(k) = [1usize, 6].into_iter().max_by_key(|&k| {
        rows.iter()
            .filter(|&&r| holds(k, &printed[r].tokens) == Some(true))
            .count()
    }) else {
        return;
    };
    for &r in &rows {
        let row = &mut printed[r].tokens;
        if holds(k, row) == Some(false) {
            notes.push(Note::new(
                NoteKind::Variant,
                None,
                Some(raw_of(row)),
                "这一行的“法人或其他组织”小计不等于五栏之和".into(),
                "this row's 法人或其他组织 subtotal is not the sum of its five columns".into(),
            ));
        }
        row.remove(k);
    }
    notes.push(Note::new(
        NoteKind::Variant,
        Some("/requests".into()),
        None,
        "表三多印了一栏“法人或其他组织”小计：已核对并略去".into(),
        "table 3 prints an extra 法人或其他组织 subtotal column: checked and left out".into(),
    ));
}

/// Runs holding several rows (rows run together across a page break, a table flattened
/// without labels) cut into rows of seven figures, or eight when every long run is a
/// multiple of eight (a subtotal column); the rows after the first have no label.
fn cut_multi_row_runs(printed: Vec<Printed>) -> Vec<Printed> {
    let long: Vec<usize> = printed.iter().map(|p| p.tokens.len()).filter(|&n| n >= 7).collect();
    let width = if long.iter().filter(|&&n| n == 8).count() >= 5 && long.iter().all(|n| n % 8 == 0) {
        8
    } else {
        7
    };
    let mut out = Vec::with_capacity(printed.len());
    for p in printed {
        let n = p.tokens.len();
        if n > width && n % width == 0 && !p.obs.own {
            let chunks: Vec<Vec<Tok>> = p.tokens.chunks(width).map(<[Tok]>::to_vec).collect();
            let last = chunks.len() - 1;
            for (i, tokens) in chunks.into_iter().enumerate() {
                out.push(Printed {
                    tokens,
                    obs: Obs {
                        before: if i == 0 { p.obs.before.clone() } else { String::new() },
                        after: if i == last {
                            p.obs.after.clone()
                        } else {
                            Some(String::new())
                        },
                        own: false,
                    },
                    label: if i == 0 { p.label.clone() } else { String::new() },
                });
            }
        } else {
            out.push(p);
        }
    }
    out
}

/// Table 3: seven cells a row. The 2021 template's （六）其他处理 printed as a single row
/// is read into `other.other`. Rows placed by position alone are kept only when the table's
/// column sums then hold.
pub(crate) fn table3(layout: &Layout, printed: Vec<Printed>, single_other_row: bool, notes: &mut Vec<Note>) -> Cells {
    let rows: Vec<usize> = (0..layout.rows.len())
        .filter(|&r| !single_other_row || !labels::folded_into_single_other(&layout.rows[r].pointer))
        .collect();
    if single_other_row {
        notes.push(Note::new(
            NoteKind::Variant,
            Some("/requests/outcomes/other/other".into()),
            None,
            "（六）其他处理印为一行（2019 年格式的写法）：数值记入“3.其他”，1、2 两行留空".into(),
            "（六） printed as one row (as in the 2019 template): read into other.other, its rows 1 and 2 left blank"
                .into(),
        ));
    }
    let mut printed = cut_multi_row_runs(printed);
    drop_subtotal_column(&mut printed, notes);
    let check = split::row_total(7);
    let specs: Vec<RowSpec> = rows
        .iter()
        .map(|&r| RowSpec {
            ids: layout.rows[r].cells.to_vec(),
            words: align::words(labels::table3(&layout.rows[r].pointer, single_other_row)),
            check: &check,
        })
        .collect();
    let mut placement = place(layout, &specs, &printed, "表三", notes);
    if !placement.by_position.is_empty() && !columns_hold(layout, &rows, &placement) {
        for t in std::mem::take(&mut placement.by_position) {
            if placement.rows[t].is_some() {
                position_only(layout, &specs[t].ids, notes);
                placement.rows[t] = None;
            }
        }
    } else {
        for &t in &placement.by_position {
            let label = row_label(layout, specs[t].ids[0]);
            notes.push(Note::new(
                NoteKind::Position,
                Some(row_pointer(layout, &specs[t].ids)),
                None,
                format!("「{label}」的行标签未印出：按位置读取，表内勾稽关系印证无误"),
                format!("「{label}」: no label printed; placed by position and confirmed by the table's column sums"),
            ));
        }
    }
    let mut out = Vec::new();
    write(placement, &specs, &mut out);
    out
}

/// Whether every column of table 3 adds up with the rows as placed: （七）总计 is the sum
/// of the outcome rows, and 新收 + 上年结转 = 总计 + 结转下年度. Blank cells count as 0.
fn columns_hold(layout: &Layout, rows: &[usize], placement: &Placement) -> bool {
    let value = |r: usize, c: usize| -> Option<i128> {
        let t = rows.iter().position(|&x| x == r)?;
        let cells = placement.rows[t].as_ref()?;
        match &cells[c].1 {
            CellRead::Value(v) => v.as_i64().map(i128::from),
            CellRead::Blank => Some(0),
        }
    };
    let total = layout.outcomes_total_row;
    let outcome_rows: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| r != total && layout.rows[r].pointer.starts_with("/requests/outcomes/"))
        .collect();
    (0..7).all(|c| {
        let sum: Option<i128> = outcome_rows.iter().map(|&r| value(r, c)).sum();
        let outcome_ok = sum.is_some() && sum == value(total, c);
        let balance = (|| {
            Some(
                value(layout.new_row, c)? + value(layout.carried_over_row, c)?
                    == value(total, c)? + value(layout.carried_forward_row, c)?,
            )
        })();
        outcome_ok && balance == Some(true)
    })
}

/// Table 4: fifteen values (three groups of five, each ending with its 总计), printed as
/// one row; the first rows whose figures make fifteen cells are read, the rest left out.
pub(crate) fn table4(layout: &Layout, printed: &[Printed], notes: &mut Vec<Note>) -> Option<Cells> {
    let ids: Vec<usize> = layout
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pointer.starts_with("/appeals/"))
        .map(|(i, _)| i)
        .collect();
    let with_figures: Vec<&Printed> = printed
        .iter()
        .filter(|p| p.tokens.iter().any(|t| matches!(t, Tok::Num(_))))
        .collect();
    let mut tokens: Vec<Tok> = Vec::new();
    let mut used = 0;
    for p in &with_figures {
        tokens.extend(p.tokens.iter().cloned());
        used += 1;
        if most_cells(&tokens) >= ids.len() {
            break;
        }
    }
    if tokens.is_empty() {
        return None;
    }
    for p in &with_figures[used..] {
        notes.push(Note::new(
            NoteKind::Skipped,
            None,
            Some(raw_of(&p.tokens)),
            "表四之后的这些数字不属于表四，已略去".into(),
            "figures after table 4 that are not part of it: left out".into(),
        ));
    }
    let check =
        |cells: &[Option<i64>]| -> bool { cells.chunks(5).filter(|g| g.len() == 5).all(|g| split::row_total(5)(g)) };
    let cells = read_row(layout, &ids, &tokens, &check, notes).unwrap_or_else(|| all_blank(&ids, &raw_of(&tokens)));
    Some(cells)
}
