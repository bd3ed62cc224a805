//! The rows a table printed, as the aligner reads them: a grid row's trailing cells that
//! hold figures or blanks, with its label cells; or, in text, each run of figures with the
//! label text printed before and after it.

use super::align::Obs;
use super::page::{self, Block, GridCell, Page};
use super::scan::{self, LeftOut, Num, Seg, Tok, squash};

/// A row as printed: its figures and the label text around them.
pub(crate) struct Printed {
    pub tokens: Vec<Tok>,
    pub obs: Obs,
    /// The label as printed (for notes).
    pub label: String,
}

/// The rows of table text: each run of figures with the label text before and after it.
pub(crate) fn from_text(text: &str, left_out: &mut LeftOut) -> Vec<Printed> {
    let segs = scan::segments(text, left_out);
    let mut out = Vec::new();
    let mut before = String::new();
    for (i, seg) in segs.iter().enumerate() {
        match seg {
            Seg::Label(l) => before = l.clone(),
            Seg::Run(tokens) => {
                let after = match segs.get(i + 1) {
                    Some(Seg::Label(l)) => squash(l),
                    _ => String::new(),
                };
                out.push(Printed {
                    tokens: tokens.clone(),
                    obs: Obs {
                        before: squash(&before),
                        after: Some(after),
                        own: false,
                    },
                    label: std::mem::take(&mut before),
                });
            }
        }
    }
    out
}

/// The tokens of a grid cell when it holds only figures or a blank; `None` for label text.
fn cell_tokens(text: &str, left_out: &mut LeftOut) -> Option<Vec<Tok>> {
    if text.trim().is_empty() {
        return Some(vec![Tok::Blank(String::new())]);
    }
    // Most cells hold a plain count.
    if text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(vec![Tok::Num(Num {
            raw: text.to_owned(),
            sign: None,
            digits: text.to_owned(),
            decimals: None,
            unit: None,
        })]);
    }
    let mut local = LeftOut::default();
    let segs = scan::segments(text, &mut local);
    let tokens = match segs.as_slice() {
        [Seg::Run(tokens)] => tokens.clone(),
        _ => return None,
    };
    left_out.remarks.append(local.remarks);
    Some(tokens)
}

/// The rows of grids: a row's trailing cells that hold figures or blanks are its values,
/// the cells before them its label (spanned copies of label cells above count only when
/// the row has no label cell of its own).
pub(crate) fn from_grid(rows: &[&[GridCell]], left_out: &mut LeftOut) -> Vec<Printed> {
    let mut out = Vec::new();
    for row in rows {
        let mut values: Vec<Tok> = Vec::new();
        let mut first_value = row.len();
        for (i, cell) in row.iter().enumerate().rev() {
            if cell.spanned {
                continue;
            }
            match cell_tokens(&cell.text, left_out) {
                Some(mut tokens) => {
                    tokens.extend(values);
                    values = tokens;
                    first_value = i;
                }
                None => break,
            }
        }
        let own: Vec<&str> = row[..first_value]
            .iter()
            .filter(|c| !c.spanned && !c.text.is_empty())
            .map(|c| c.text.as_str())
            .collect();
        let label = if own.is_empty() {
            let context: Vec<&str> = row[..first_value].iter().map(|c| c.text.as_str()).collect();
            context.join(" ")
        } else {
            own.join(" ")
        };
        let has_figure = values.iter().any(|t| matches!(t, Tok::Num(_)));
        // A row of blanks counts when it has a label: a row printed without figures.
        if values.is_empty() || !has_figure && (label.trim().is_empty() || first_value == 0) {
            continue;
        }
        // Leading blanks beyond the figures (an empty cell between label and values) stay:
        // the reader trims them when the row is wider than the template's.
        out.push(Printed {
            tokens: values,
            obs: Obs {
                before: squash(&label),
                after: None,
                own: true,
            },
            label,
        });
    }
    out
}

/// The rows a table region printed: its grid rows where the page has grids there, else the
/// runs of figures of its text (from the first of `start_labels` on).
pub(crate) fn printed_rows(
    page: &Page,
    rendered: &page::Rendered,
    from: usize,
    to: usize,
    start_labels: &[&str],
    left_out: &mut LeftOut,
) -> Vec<Printed> {
    let mut grid_rows: Vec<&[GridCell]> = Vec::new();
    for line in rendered.lines_in(from, to) {
        let place = rendered.places[line];
        if let Some(Block::Grid { rows, .. }) = page.blocks.get(place.block) {
            grid_rows.push(&rows[place.row]);
        }
    }
    if !grid_rows.is_empty() {
        let mut local = LeftOut::default();
        let rows = from_grid(&grid_rows, &mut local);
        if has_figures(&rows) {
            left_out.remarks.append(local.remarks);
            return rows;
        }
    }
    let region = rendered.text.get(from..to).unwrap_or("");
    from_text(super::sections::table_start(region, start_labels), left_out)
}

/// Whether any row printed a figure.
pub(crate) fn has_figures(rows: &[Printed]) -> bool {
    rows.iter().any(|r| r.tokens.iter().any(|t| matches!(t, Tok::Num(_))))
}
