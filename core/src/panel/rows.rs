//! A panel as one tidy table: a row per report × cell, per diagnostic and per parse note,
//! the same for the command line's CSV and Excel output and the bindings' records.

use std::io::{self, Write};

use super::Entry;
use crate::diagnostic::Figure;

/// The columns of every row, in order.
///
/// - `kind`: `cell`, `diagnostic` or `note`;
/// - `organ` (as the report prints it), `panel_organ` (the organ it was grouped under),
///   `year`, `format`, `file`, `role` (`primary`, `copy`, `conflict`, `unplaced`): the report;
/// - `pointer`, `label`, `label_en`: the cell (JSON Pointer and printed label);
/// - `value`: a cell's figure (blank: empty), exact;
/// - `rule`, `severity`, `expected`, `actual`, `message`, `message_en`: a diagnostic (for
///   a note: `rule` is its kind, `actual` the text as printed, `candidates` the readings
///   that fit, as JSON).
pub const COLUMNS: [&str; 18] = [
    "kind",
    "organ",
    "panel_organ",
    "year",
    "format",
    "file",
    "role",
    "pointer",
    "label",
    "label_en",
    "value",
    "rule",
    "severity",
    "expected",
    "actual",
    "message",
    "message_en",
    "candidates",
];

/// One field of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// Empty.
    Null,
    /// Text.
    Text(String),
    /// An exact integer.
    Int(i128),
    /// An exact decimal, as its digits (`12.50`).
    Decimal(String),
}

/// The English label of every cell of a template version, translated once.
fn english_labels(format: crate::Format) -> &'static [String] {
    static LABELS: std::sync::LazyLock<[Vec<String>; 2]> = std::sync::LazyLock::new(|| {
        [crate::Format::V2019, crate::Format::V2021].map(|f| {
            crate::layout::Layout::of(f)
                .cells
                .iter()
                .map(|c| crate::label_en::english_label(&c.label))
                .collect()
        })
    });
    &LABELS[usize::from(format == crate::Format::V2021)]
}

/// One row: a field per [`COLUMNS`] entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub [Field; 18]);

/// A field borrowed from the entry while its rows are visited.
#[derive(Clone, Copy)]
enum Ref<'a> {
    Null,
    Text(&'a str),
    Int(i128),
    Decimal(&'a str),
}

impl<'a> Ref<'a> {
    fn opt(s: Option<&'a str>) -> Ref<'a> {
        s.map_or(Ref::Null, Ref::Text)
    }
    fn owned(self) -> Field {
        match self {
            Ref::Null => Field::Null,
            Ref::Text(t) => Field::Text(t.to_owned()),
            Ref::Int(v) => Field::Int(v),
            Ref::Decimal(d) => Field::Decimal(d.to_owned()),
        }
    }
}

/// A row from the report's fields and the row's own.
fn join<'a>(head: [Ref<'a>; 7], tail: [Ref<'a>; 11]) -> [Ref<'a>; 18] {
    let mut row = [Ref::Null; 18];
    row[..7].copy_from_slice(&head);
    row[7..].copy_from_slice(&tail);
    row
}

/// Calls `f` with a figure as a field (a decimal is written out in a scratch buffer).
fn with_figure<R>(f: Option<&Figure>, then: impl FnOnce(Ref<'_>) -> R) -> R {
    match f {
        None => then(Ref::Null),
        Some(Figure::Integer(v)) => then(Ref::Int(*v)),
        Some(Figure::Decimal(a)) => then(Ref::Decimal(&a.to_string())),
        Some(Figure::Text(t)) => then(Ref::Text(t)),
    }
}

impl Entry {
    /// Visits the rows of this report in order without copying its texts.
    fn each_row<E>(&self, mut f: impl FnMut(&[Ref<'_>; 18]) -> Result<(), E>) -> Result<(), E> {
        let file = self.file.display().to_string();
        let head = |kind: &'static str| -> [Ref<'_>; 7] {
            [
                Ref::Text(kind),
                Ref::opt(self.organ.as_deref()),
                Ref::opt(self.panel_organ.as_deref()),
                self.year.map_or(Ref::Null, |y| Ref::Int(y.into())),
                Ref::opt(self.format.map(|f| f.as_str())),
                Ref::Text(&file),
                Ref::Text(self.role.as_str()),
            ]
        };
        use Ref::Null;
        if let (Some(layout), Some(format)) = (self.layout(), self.format) {
            let english = english_labels(format);
            let cell_head = head("cell");
            for ((cell, value), label_en) in layout.cells.iter().zip(&self.values).zip(english) {
                with_figure(value.as_ref(), |value| {
                    f(&join(
                        cell_head,
                        [
                            Ref::Text(cell.pointer.as_str()),
                            Ref::Text(cell.label.as_str()),
                            Ref::Text(label_en),
                            value,
                            Null,
                            Null,
                            Null,
                            Null,
                            Null,
                            Null,
                            Null,
                        ],
                    ))
                })?;
            }
        }
        for d in &self.diagnostics {
            with_figure(d.expected.as_ref(), |expected| {
                with_figure(d.actual.as_ref(), |actual| {
                    f(&join(
                        head("diagnostic"),
                        [
                            Ref::Text(d.path.as_str()),
                            Ref::Text(d.label.as_str()),
                            Ref::Text(d.label_en.as_str()),
                            Null,
                            Ref::Text(d.rule.as_ref()),
                            Ref::Text(d.severity.as_str()),
                            expected,
                            actual,
                            Ref::Text(d.message.as_str()),
                            Ref::Text(d.message_en.as_str()),
                            Null,
                        ],
                    ))
                })
            })?;
        }
        for n in &self.notes {
            let (label, label_en) = match (&n.path, self.layout()) {
                (Some(p), Some(layout)) => {
                    let label = layout.label(p);
                    let en = crate::label_en::english_label(&label);
                    (Some(label), Some(en))
                }
                _ => (None, None),
            };
            let kind = serde_json::to_value(n.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            let candidates = if n.candidates.is_empty() {
                None
            } else {
                serde_json::to_string(&n.candidates).ok()
            };
            f(&join(
                head("note"),
                [
                    Ref::opt(n.path.as_deref()),
                    Ref::opt(label.as_deref()),
                    Ref::opt(label_en.as_deref()),
                    Null,
                    Ref::opt(kind.as_deref()),
                    Null,
                    Null,
                    Ref::opt(n.raw.as_deref()),
                    Ref::Text(n.message.as_str()),
                    Ref::Text(n.message_en.as_str()),
                    Ref::opt(candidates.as_deref()),
                ],
            ))?;
        }
        Ok(())
    }

    /// The rows of this report: a cell row per cell of its template (blank cells too), then
    /// a row per diagnostic, then a row per parse note.
    pub fn rows(&self) -> Vec<Row> {
        let mut out = Vec::new();
        let _ = self.each_row(|r| -> Result<(), std::convert::Infallible> {
            out.push(Row(r.map(Ref::owned)));
            Ok(())
        });
        out
    }

    /// Writes the rows of this report as CSV lines (the same as [`write_csv_row`] of each
    /// of [`Entry::rows`], without building them).
    pub fn write_csv(&self, w: &mut impl Write) -> io::Result<()> {
        self.each_row(|r| {
            for (i, field) in r.iter().enumerate() {
                if i > 0 {
                    w.write_all(b",")?;
                }
                write_field(w, *field)?;
            }
            w.write_all(b"\n")
        })
    }
}

fn write_field(w: &mut impl Write, field: Ref<'_>) -> io::Result<()> {
    match field {
        Ref::Null => Ok(()),
        Ref::Int(v) => write!(w, "{v}"),
        Ref::Decimal(d) => w.write_all(d.as_bytes()),
        Ref::Text(t) => {
            if t.contains([',', '"', '\n', '\r']) {
                w.write_all(b"\"")?;
                for (i, part) in t.split('"').enumerate() {
                    if i > 0 {
                        w.write_all(b"\"\"")?;
                    }
                    w.write_all(part.as_bytes())?;
                }
                w.write_all(b"\"")
            } else {
                w.write_all(t.as_bytes())
            }
        }
    }
}

/// Writes the CSV header line ([`COLUMNS`]).
pub fn write_csv_header(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "{}", COLUMNS.join(","))
}

/// Writes one row as a CSV line (RFC 4180: a field with a comma, quote or line break is
/// quoted, its quotes doubled; lines end with `\n`).
pub fn write_csv_row(w: &mut impl Write, row: &Row) -> io::Result<()> {
    for (i, field) in row.0.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let field = match field {
            Field::Null => Ref::Null,
            Field::Int(v) => Ref::Int(*v),
            Field::Decimal(d) => Ref::Decimal(d),
            Field::Text(t) => Ref::Text(t),
        };
        write_field(w, field)?;
    }
    w.write_all(b"\n")
}
