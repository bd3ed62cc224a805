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

impl Field {
    fn text(s: impl Into<String>) -> Field {
        Field::Text(s.into())
    }
    fn opt(s: Option<impl Into<String>>) -> Field {
        s.map_or(Field::Null, |s| Field::Text(s.into()))
    }
    fn figure(f: Option<&Figure>) -> Field {
        match f {
            None => Field::Null,
            Some(Figure::Integer(v)) => Field::Int(*v),
            Some(Figure::Decimal(a)) => Field::Decimal(a.to_string()),
            Some(Figure::Text(t)) => Field::Text(t.clone()),
        }
    }
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

impl Entry {
    /// The rows of this report: a cell row per cell of its template (blank cells too), then
    /// a row per diagnostic, then a row per parse note.
    pub fn rows(&self) -> Vec<Row> {
        let mut out = Vec::new();
        let head = |kind: &'static str| -> [Field; 7] {
            [
                Field::text(kind),
                Field::opt(self.organ.clone()),
                Field::opt(self.panel_organ.clone()),
                self.year.map_or(Field::Null, |y| Field::Int(y.into())),
                Field::opt(self.format.map(|f| f.as_str())),
                Field::text(self.file.display().to_string()),
                Field::text(self.role.as_str()),
            ]
        };
        let row = |head: [Field; 7], tail: [Field; 11]| {
            let mut fields = head.into_iter().chain(tail);
            Row(std::array::from_fn(|_| fields.next().unwrap_or(Field::Null)))
        };
        if let (Some(layout), Some(format)) = (self.layout(), self.format) {
            let english = english_labels(format);
            for ((cell, value), label_en) in layout.cells.iter().zip(&self.values).zip(english) {
                out.push(row(
                    head("cell"),
                    [
                        Field::text(cell.pointer.as_str()),
                        Field::text(cell.label.as_str()),
                        Field::text(label_en.as_str()),
                        Field::figure(value.as_ref()),
                        Field::Null,
                        Field::Null,
                        Field::Null,
                        Field::Null,
                        Field::Null,
                        Field::Null,
                        Field::Null,
                    ],
                ));
            }
        }
        for d in &self.diagnostics {
            out.push(row(
                head("diagnostic"),
                [
                    Field::text(d.path.as_str()),
                    Field::text(d.label.as_str()),
                    Field::text(d.label_en.as_str()),
                    Field::Null,
                    Field::text(d.rule.as_ref()),
                    Field::text(d.severity.as_str()),
                    Field::figure(d.expected.as_ref()),
                    Field::figure(d.actual.as_ref()),
                    Field::text(d.message.as_str()),
                    Field::text(d.message_en.as_str()),
                    Field::Null,
                ],
            ));
        }
        for n in &self.notes {
            let (label, label_en) = match (&n.path, self.layout()) {
                (Some(p), Some(layout)) => {
                    let label = layout.label(p);
                    let en = crate::label_en::english_label(&label);
                    (Field::Text(label), Field::Text(en))
                }
                _ => (Field::Null, Field::Null),
            };
            let kind = serde_json::to_value(n.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            out.push(row(
                head("note"),
                [
                    Field::opt(n.path.clone()),
                    label,
                    label_en,
                    Field::Null,
                    Field::opt(kind),
                    Field::Null,
                    Field::Null,
                    Field::opt(n.raw.clone()),
                    Field::text(n.message.as_str()),
                    Field::text(n.message_en.as_str()),
                    if n.candidates.is_empty() {
                        Field::Null
                    } else {
                        Field::opt(serde_json::to_string(&n.candidates).ok())
                    },
                ],
            ));
        }
        out
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
        match field {
            Field::Null => {}
            Field::Int(v) => write!(w, "{v}")?,
            Field::Decimal(d) => w.write_all(d.as_bytes())?,
            Field::Text(t) => {
                if t.contains([',', '"', '\n', '\r']) {
                    w.write_all(b"\"")?;
                    w.write_all(t.replace('"', "\"\"").as_bytes())?;
                    w.write_all(b"\"")?;
                } else {
                    w.write_all(t.as_bytes())?;
                }
            }
        }
    }
    w.write_all(b"\n")
}
