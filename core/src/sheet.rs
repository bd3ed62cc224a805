//! The view the rules read: every cell of a report as a flat array in layout order, plus
//! the document fields the rules need. Built from the typed model (fast path) or, for a
//! document that failed the typed read, leniently from its JSON value: a cell that is
//! structurally broken becomes [`Cell::Invalid`] and the rules that read it stay silent
//! (its structural diagnostic already names it), while every well-formed part is checked.

use serde_json::Value;

use crate::amount::Amount;
use crate::layout::{CellKind, Layout, Node};
use crate::model::*;

/// Report years the template covers; a year outside them is reported by `S-RANGE` and
/// the rules that read the year stay silent.
pub(crate) use crate::model::YEARS;

/// One cell as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell {
    /// `null`: left blank.
    Blank,
    /// An integer (count or signed).
    Int(i128),
    /// A decimal amount.
    Amount(Amount),
    /// Missing or of the wrong type; already reported.
    Invalid,
}

/// A text section's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    /// Absent, `null` or only whitespace.
    Empty,
    /// Has content; whether it mentions 处理费 (for `DOC-FEE-NOT-REPORTED`).
    Present { mentions_fee: bool },
    /// Not a string; already reported.
    Invalid,
}

impl Text {
    pub(crate) fn of(v: Option<&str>) -> Text {
        match v {
            // Only what the rules ask of a section is kept, not the text itself.
            Some(s) if !s.trim().is_empty() => Text::Present {
                mentions_fee: s.contains("处理费"),
            },
            _ => Text::Empty,
        }
    }
    fn of_field(f: Field<'_>) -> Text {
        match f {
            Field::Missing => Text::Empty,
            Field::Str(s) => Text::of(Some(s)),
            Field::Number(_) | Field::Other => Text::Invalid,
        }
    }
}

/// Whether a text speaks of its organ as a department does: `我局`, `本委`, `本单位`, ….
/// One vectorised search for each of 我 and 本, then the words that may follow: ten word
/// searches over a long overview cost more.
pub(crate) fn speaks_as_department(text: &str) -> bool {
    const AFTER_WO: [&str; 5] = ["局", "委", "办", "单位", "厅"];
    const AFTER_BEN: [&str; 5] = ["局", "委", "办", "单位", "部门"];
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static WO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("我"));
    static BEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("本"));
    let follows = |first: &Finder<'static>, after: &[&str]| {
        let len = first.needle().len();
        first.find_iter(text.as_bytes()).any(|at| {
            after
                .iter()
                .any(|w| text.as_bytes()[at + len..].starts_with(w.as_bytes()))
        })
    };
    follows(&WO, &AFTER_WO) || follows(&BEN, &AFTER_BEN)
}

/// A document field as a structural reader found it: what the sheet keeps of it.
#[derive(Clone, Copy)]
pub(crate) enum Field<'a> {
    /// Absent or `null`.
    Missing,
    Str(&'a str),
    /// A number, and its value when it is an integer ≥ 0 of 64 bits.
    Number(Option<u64>),
    /// Any other value.
    Other,
}

impl<'a> Field<'a> {
    fn as_str(self) -> Option<&'a str> {
        match self {
            Field::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The rules' view of one document.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub layout: &'static Layout,
    pub cells: Vec<Cell>,
    pub year: Option<u32>,
    pub organ: Option<String>,
    pub title: Option<String>,
    /// Whether the overview speaks of its organ as a department does (我局, 本单位, …).
    pub speaks_as_department: bool,
    /// `(year, month, day)` when `published` is a valid date.
    pub published: Option<(u32, u32, u32)>,
    pub overview: Text,
    pub problems: Text,
    pub other_matters: Text,
}

trait PushCells {
    fn push_cells(&self, out: &mut Vec<Cell>);
}

fn count(v: Option<u64>) -> Cell {
    v.map_or(Cell::Blank, |n| Cell::Int(n.into()))
}
fn signed(v: Option<i64>) -> Cell {
    v.map_or(Cell::Blank, |n| Cell::Int(n.into()))
}
fn amount(v: Option<Amount>) -> Cell {
    v.map_or(Cell::Blank, Cell::Amount)
}

macro_rules! push_counts {
    ($t:ty: $($f:ident),+) => {
        impl PushCells for $t {
            fn push_cells(&self, out: &mut Vec<Cell>) {
                $( out.push(count(self.$f)); )+
            }
        }
    };
}
push_counts!(Row: natural_person, commercial, research, social_welfare, legal_services, other, total);
push_counts!(AppealGroup: upheld, corrected, other, pending, total);
push_counts!(Documents2021: issued, repealed, in_force);
push_counts!(Documents2019: made, published, total_published);
push_counts!(Decisions: decisions);

macro_rules! push_children {
    ($t:ty: $($f:ident),+) => {
        impl PushCells for $t {
            fn push_cells(&self, out: &mut Vec<Cell>) {
                $( self.$f.push_cells(out); )+
            }
        }
    };
}
push_children!(Withheld: state_secret, prohibited_by_law, security_stability, third_party_rights,
    internal_affairs, process_information, enforcement_files, inquiry_matters);
push_children!(Unavailable: not_held, needs_creation, unclear_after_correction);
push_children!(NotProcessed: complaint, repeated, publications, excessive, confirmation);
push_children!(OtherOutcomes: no_correction, fee_unpaid, other);
push_children!(Appeals: review, litigation_direct, litigation_after_review);
push_children!(Proactive2021: regulations, normative_documents, licensing, penalty, coercion, fees);
push_children!(Proactive2019: regulations, normative_documents, licensing, other_services, penalty,
    coercion, fees, procurement);

impl<O: PushCells> PushCells for Outcomes<O> {
    fn push_cells(&self, out: &mut Vec<Cell>) {
        self.disclosed.push_cells(out);
        self.partially_disclosed.push_cells(out);
        self.withheld.push_cells(out);
        self.unavailable.push_cells(out);
        self.not_processed.push_cells(out);
        self.other.push_cells(out);
        self.total.push_cells(out);
    }
}
impl<O: PushCells> PushCells for Requests<O> {
    fn push_cells(&self, out: &mut Vec<Cell>) {
        self.new.push_cells(out);
        self.carried_over.push_cells(out);
        self.outcomes.push_cells(out);
        self.carried_forward.push_cells(out);
    }
}
impl PushCells for Fees2021 {
    fn push_cells(&self, out: &mut Vec<Cell>) {
        out.push(amount(self.amount));
    }
}
impl PushCells for Items2019 {
    fn push_cells(&self, out: &mut Vec<Cell>) {
        out.extend([count(self.previous_items), signed(self.change), count(self.decisions)]);
    }
}
impl PushCells for Fees2019 {
    fn push_cells(&self, out: &mut Vec<Cell>) {
        out.extend([count(self.previous_items), signed(self.change)]);
    }
}
impl PushCells for Procurement2019 {
    fn push_cells(&self, out: &mut Vec<Cell>) {
        out.extend([count(self.projects), amount(self.amount)]);
    }
}

/// Parses `YYYY-MM-DD` into a real calendar date.
pub(crate) fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

macro_rules! sheet_from_typed {
    ($r:expr, $layout:expr) => {{
        let r = $r;
        let mut cells = Vec::with_capacity($layout.cells.len());
        r.proactive.push_cells(&mut cells);
        r.requests.push_cells(&mut cells);
        r.appeals.push_cells(&mut cells);
        Sheet {
            layout: $layout,
            cells,
            year: Some(r.year).filter(|y| YEARS.contains(y)),
            organ: r.organ.clone(),
            title: r.title.clone(),
            speaks_as_department: r.overview.as_deref().is_some_and(speaks_as_department),
            published: r.published.as_deref().and_then(parse_date),
            overview: Text::of(r.overview.as_deref()),
            problems: Text::of(r.problems.as_deref()),
            other_matters: Text::of(r.other_matters.as_deref()),
        }
    }};
}

impl Sheet {
    /// The sheet of a typed report.
    pub(crate) fn from_report(report: &Report) -> Sheet {
        let layout = Layout::of(report.format());
        match report {
            Report::V2019(r) => sheet_from_typed!(r, layout),
            Report::V2021(r) => sheet_from_typed!(r, layout),
        }
    }

    /// The sheet of a JSON value that may be partly broken. Calls `extra` for problems
    /// the JSON Schema cannot see (an integral float where an integer belongs, a number
    /// beyond 64 bits): `(cell index, is_range_problem)`.
    pub(crate) fn from_value(value: &Value, layout: &'static Layout, mut extra: impl FnMut(usize, bool)) -> Sheet {
        let mut cells = Vec::with_capacity(layout.cells.len());
        for (table, _) in crate::layout::TABLES {
            if let Some(node) = layout.tree.child(table) {
                collect(node, value.get(table), &mut cells, &mut extra);
            }
        }
        Sheet::with_fields(layout, cells, |key| match value.get(key) {
            None | Some(Value::Null) => Field::Missing,
            Some(Value::String(s)) => Field::Str(s),
            Some(Value::Number(n)) => Field::Number(n.as_u64()),
            Some(_) => Field::Other,
        })
    }

    /// The sheet of `cells` and the document fields `field` gives by key (both structural
    /// readers: a `Value`, and the light tree of `validate/lenient.rs`).
    pub(crate) fn with_fields<'a>(
        layout: &'static Layout,
        cells: Vec<Cell>,
        field: impl Fn(&str) -> Field<'a>,
    ) -> Sheet {
        let year = match field("year") {
            Field::Number(y) => y.and_then(|y| u32::try_from(y).ok()).filter(|y| YEARS.contains(y)),
            _ => None,
        };
        let overview = field("overview");
        Sheet {
            layout,
            cells,
            year,
            organ: field("organ").as_str().map(str::to_owned),
            title: field("title").as_str().map(str::to_owned),
            speaks_as_department: overview.as_str().is_some_and(speaks_as_department),
            published: field("published").as_str().and_then(parse_date),
            overview: Text::of_field(overview),
            problems: Text::of_field(field("problems")),
            other_matters: Text::of_field(field("other_matters")),
        }
    }

    /// The value of a cell for arithmetic: a blank total stands for the sum of its parts,
    /// any other blank for 0; `None` when the cell (or a part it stands for) is invalid.
    #[inline(always)]
    pub(crate) fn effective(&self, id: usize) -> Option<i128> {
        match self.cells[id] {
            Cell::Int(v) => Some(v),
            Cell::Amount(_) | Cell::Invalid => None,
            Cell::Blank => self.blank_effective(id),
        }
    }

    /// [`Sheet::effective`] of a blank cell (apart, so that the common case inlines).
    fn blank_effective(&self, id: usize) -> Option<i128> {
        match self.layout.sum_of[id] {
            Some(s) => self.layout.sums[s]
                .parts
                .iter()
                .try_fold(0i128, |acc, &p| Some(acc + self.effective(p)?)),
            None => Some(0),
        }
    }

    /// A cell read as a plain number (blank = 0), `None` when invalid.
    pub(crate) fn plain(&self, id: usize) -> Option<i128> {
        match self.cells[id] {
            Cell::Int(v) => Some(v),
            Cell::Blank => Some(0),
            _ => None,
        }
    }
}

/// Reads the cells under `node` in layout order (the order of the schema's properties),
/// walking the value alongside the schema tree: one map lookup per cell.
fn collect(node: &Node, value: Option<&Value>, cells: &mut Vec<Cell>, extra: &mut impl FnMut(usize, bool)) {
    let map = value.and_then(Value::as_object);
    // Documents usually list keys in template order: walk both in step and look a key up
    // by hash only when the next entry is not the expected one.
    let mut entries = map.map(|m| m.iter().peekable());
    for (key, child) in &node.children {
        let next_matches = entries.as_mut().and_then(|e| e.peek()).is_some_and(|(k, _)| *k == key);
        let v = if next_matches {
            entries.as_mut().and_then(Iterator::next).map(|(_, v)| v)
        } else {
            map.and_then(|m| m.get(key))
        };
        if let Some(kind) = child.kind {
            let id = cells.len();
            cells.push(match v {
                Some(Value::Null) => Cell::Blank,
                Some(Value::Number(n)) => classify(n, kind, |range| extra(id, range)),
                _ => Cell::Invalid,
            });
        } else {
            collect(child, v, cells, extra);
        }
    }
}

pub(crate) fn classify(n: &serde_json::Number, kind: CellKind, mut extra: impl FnMut(bool)) -> Cell {
    if let Some(u) = n.as_u64() {
        return match kind {
            CellKind::Signed if i64::try_from(u).is_err() => {
                extra(true);
                Cell::Invalid
            }
            CellKind::Amount => Cell::Amount(Amount::from_u64(u)),
            _ => Cell::Int(u.into()),
        };
    }
    if let Some(i) = n.as_i64() {
        // Negative: a count's `minimum` is reported by the schema.
        return if kind == CellKind::Signed {
            Cell::Int(i.into())
        } else {
            Cell::Invalid
        };
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    match kind {
        CellKind::Amount => match Amount::from_f64(f) {
            Ok(a) => Cell::Amount(a),
            Err(crate::amount::AmountError::OutOfRange) => {
                extra(true);
                Cell::Invalid
            }
            Err(crate::amount::AmountError::Negative) => Cell::Invalid,
        },
        _ => {
            // The schema's `integer` accepts 1.0; the template does not. Non-integral
            // floats are already a schema type error.
            if f.fract() == 0.0 {
                let limit = if kind == CellKind::Signed {
                    9.223_372_036_854_776e18
                } else {
                    1.844_674_407_370_955_2e19
                };
                extra(f.abs() >= limit);
            }
            Cell::Invalid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    #[test]
    fn a_department_is_told_by_any_of_its_words() {
        const WORDS: [&str; 10] = [
            "我局",
            "本局",
            "我委",
            "本委",
            "我办",
            "本办",
            "我单位",
            "本单位",
            "本部门",
            "我厅",
        ];
        for w in WORDS {
            assert!(speaks_as_department(&format!("2023年，{w}认真贯彻《条例》")), "{w}");
            assert!(speaks_as_department(w), "{w}");
        }
        for text in ["我区", "本市", "我部门", "本厅", "本", "我", "", "根本局面", "我们单位"] {
            let old = WORDS.iter().any(|w| text.contains(w));
            assert_eq!(speaks_as_department(text), old, "{text}");
        }
    }

    /// The typed path writes the cells in an order of its own (`PushCells`); it must be the
    /// layout's, which comes from the schema. Every cell gets a value of its own, so any
    /// difference of order shows.
    #[test]
    fn the_typed_path_reads_every_cell_where_the_layout_has_it() {
        for format in Format::ALL {
            let layout = Layout::of(format);
            let mut value = serde_json::to_value(crate::ops::template(format, 2024)).unwrap();
            for (i, def) in layout.cells.iter().enumerate() {
                *value.pointer_mut(&def.pointer).unwrap() = Value::from(i as u64 + 1);
            }
            let report = crate::validate::typed_value(&value).expect("a well-formed report");
            let typed = Sheet::from_report(&report);
            let read = Sheet::from_value(&value, layout, |_, _| panic!("nothing to report"));
            assert_eq!(typed.cells.len(), layout.cells.len(), "{format}");
            assert_eq!(typed.cells, read.cells, "{format}");
            for (i, cell) in typed.cells.iter().enumerate() {
                let n = i as u64 + 1;
                let want = match layout.cells[i].kind {
                    CellKind::Amount => Cell::Amount(Amount::from_u64(n)),
                    _ => Cell::Int(n.into()),
                };
                assert_eq!(*cell, want, "{format} {}", layout.cells[i].pointer);
            }
        }
    }
}
