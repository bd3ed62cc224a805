//! The fast path: a well-formed report read by any serde deserializer (JSON text, a
//! Python dict, a `Value`) straight into the [`Sheet`] the rules read, walking a compact
//! plan of the template (its objects, their keys, what each key stands for) beside the
//! document. Nothing of the typed model is built: no struct per row, no copy of the long
//! text sections (only what the rules ask of them is kept). [`Walker`] is the same reader
//! for a binding that walks its native objects itself.
//!
//! It is at least as strict as the published schema: anything the schema refuses (an
//! unknown or repeated key, a missing one, a wrong type, an array where an object belongs)
//! is an error, and the caller then takes the structural path, which names the problem.
//! It may refuse more than the schema (an unusual shape it does not know): that only costs
//! time. Leaves are read by the same serde types as the typed model (`u64`, `i64`,
//! [`Amount`], `u32`, [`AmountUnit`], [`Extensions`]), so a cell means the same on both.

use std::fmt;
use std::sync::LazyLock;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::amount::Amount;
use crate::extensions::Extensions;
use crate::layout::{CellKind, Layout, Node, TABLES};
use crate::model::{AmountUnit, Format, YEARS};
use crate::sheet::{Cell, Field, Sheet, Text, parse_date, speaks_as_department};

/// What the seed read: the sheet, and what `document_ranges` checks.
#[derive(Debug, Clone)]
pub(crate) struct Read {
    pub sheet: Sheet,
    /// The `year` as written (the sheet keeps it only within [`YEARS`]).
    pub year: u32,
    /// `published` when it is not a valid date (kept only then, for its diagnostic).
    pub bad_date: Option<String>,
}

/// Reads a report of `format` from `d`; an error for anything not well-formed.
pub(crate) fn read<'de, D: Deserializer<'de>>(format: Format, d: D) -> Result<Read, D::Error> {
    let mut walker = Walker::new(format);
    let root = walker.root();
    d.deserialize_map(Object {
        obj: root,
        walker: &mut walker,
    })?;
    walker.finish().ok_or_else(|| de::Error::missing_field("year"))
}

/// What has been read so far: the sheet (its `year` set at the end), and the year and
/// date as written.
struct State {
    sheet: Sheet,
    year: Option<u32>,
    bad_date: Option<String>,
}

/// A report being read by a driver that walks a document itself: the serde deserializer
/// here, or a binding's walk over its native objects (a Python dict), which reads common
/// values (ints, `None`) directly and hands anything else to [`Walker::read_value`]. The
/// walker knows the template: what each key of each object stands for, which keys are
/// required and how each value is read; a driver reports each key it meets and whether
/// an object had every required key.
pub struct Walker {
    plan: &'static Plan,
    state: State,
}

/// An object of the template (an index into the walker's plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectId(usize);

/// What the value of a key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A cell of this kind (its index into the layout's cells).
    Cell(CellKind, usize),
    /// A nested object of the template.
    Object(ObjectId),
    /// A document field (`format`, `year`, a text section …): read with [`Walker::read_value`].
    Field,
    /// A key this reader does not know how to read: the document takes the structural path.
    Unsupported,
}

impl Walker {
    /// A walker of a report on the template of `format`.
    pub fn new(format: Format) -> Walker {
        let layout = Layout::of(format);
        Walker {
            plan: Plan::of(format),
            state: State {
                sheet: Sheet::with_fields(layout, vec![Cell::Invalid; layout.cells.len()], |_| Field::Missing),
                year: None,
                bad_date: None,
            },
        }
    }

    /// The document itself.
    pub fn root(&self) -> ObjectId {
        ObjectId(0)
    }

    /// How many keys the object has in the template (at most 128).
    pub fn key_count(&self, obj: ObjectId) -> usize {
        self.plan.objects[obj.0].keys.len()
    }

    /// The index of `key` among the object's keys (`hint` is tried first: documents list
    /// keys in template order, so the one after the previous key is the likely one).
    #[inline]
    pub fn index_of(&self, obj: ObjectId, key: &str, hint: usize) -> Option<usize> {
        self.plan.objects[obj.0].index_of(key, hint)
    }

    /// How many key positions [`Walker::key_position`] numbers (`0..key_total()`), for a
    /// driver's memory of what it met at each.
    pub fn key_total(&self) -> usize {
        self.plan.key_total
    }

    /// The position of the key at `index` of the object: objects with the same keys in the
    /// same order (the rows of table 3, the groups of table 4) share their positions.
    #[inline]
    pub fn key_position(&self, obj: ObjectId, index: usize) -> usize {
        self.plan.objects[obj.0].base + index
    }

    /// The key at `index` of the object.
    pub fn key(&self, obj: ObjectId, index: usize) -> &'static str {
        self.plan.objects[obj.0].keys[index]
    }

    /// What the key at `index` of the object stands for.
    #[inline]
    pub fn slot(&self, obj: ObjectId, index: usize) -> Slot {
        match self.plan.objects[obj.0].roles[index] {
            Role::Cell(kind, id) => Slot::Cell(kind, id),
            Role::Object(o) => Slot::Object(ObjectId(o)),
            Role::Unsupported => Slot::Unsupported,
            _ => Slot::Field,
        }
    }

    /// Whether an object whose keys `seen` (bit `i` for key `i`) were met has every key
    /// the template requires.
    #[inline]
    pub fn complete(&self, obj: ObjectId, seen: u128) -> bool {
        self.plan.objects[obj.0].required & !seen == 0
    }

    /// Sets a count or signed cell to an integer; false (nothing set) when the cell cannot
    /// hold it (a negative count) or is an amount (read amounts with [`Walker::read_value`]).
    #[inline]
    pub fn set_int(&mut self, kind: CellKind, id: usize, v: i64) -> bool {
        let ok = match kind {
            CellKind::Count => v >= 0,
            CellKind::Signed => true,
            CellKind::Amount => false,
        };
        if ok {
            self.state.sheet.cells[id] = Cell::Int(v.into());
        }
        ok
    }

    /// Sets a cell to blank (`null`).
    #[inline]
    pub fn set_blank(&mut self, id: usize) {
        self.state.sheet.cells[id] = Cell::Blank;
    }

    /// Reads the value of the key at `index` of the object (a cell or a field, as the typed
    /// model reads it) from `d`; an object slot is refused (walk it instead).
    pub fn read_value<'de, D: Deserializer<'de>>(&mut self, obj: ObjectId, index: usize, d: D) -> Result<(), D::Error> {
        let State { sheet, year, bad_date } = &mut self.state;
        match self.plan.objects[obj.0].roles[index] {
            Role::Cell(kind, id) => CellSeed(kind, &mut sheet.cells[id]).deserialize(d)?,
            Role::Object(_) | Role::Unsupported => {
                return Err(de::Error::custom("an object of the template is walked, not read"));
            }
            Role::Format => FormatSeed(sheet.layout.format).deserialize(d)?,
            Role::Year => *year = Some(u32::deserialize(d)?),
            Role::Organ => sheet.organ = Option::deserialize(d)?,
            Role::Title => sheet.title = Option::deserialize(d)?,
            Role::Published => {
                if let Some(Date(date, bad)) = Option::<Date>::deserialize(d)? {
                    sheet.published = date;
                    *bad_date = bad;
                }
            }
            Role::Preface => {
                TextSeed(Ask::Nothing).deserialize(d)?;
            }
            Role::Overview => {
                let s = TextSeed(Ask::TextAndDepartment).deserialize(d)?;
                sheet.speaks_as_department = s.as_ref().is_some_and(|s| s.department);
                sheet.overview = Summary::text(s);
            }
            Role::Problems => sheet.problems = Summary::text(TextSeed(Ask::Text).deserialize(d)?),
            Role::OtherMatters => sheet.other_matters = Summary::text(TextSeed(Ask::Text).deserialize(d)?),
            Role::Extensions => {
                Option::<Extensions>::deserialize(d)?;
            }
            Role::AmountUnit => {
                AmountUnit::deserialize(d)?;
            }
        }
        Ok(())
    }

    /// What was read, once the whole document has been walked (every object checked with
    /// [`Walker::complete`]); `None` without a `year`.
    pub(crate) fn finish(self) -> Option<Read> {
        let State {
            mut sheet,
            year,
            bad_date,
        } = self.state;
        let year = year?;
        sheet.year = Some(year).filter(|y| YEARS.contains(y));
        Some(Read { sheet, year, bad_date })
    }
}

/// What a child key of an object stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Cell(CellKind, usize),
    /// An object: its index in [`Plan::objects`].
    Object(usize),
    /// A key of a shape this reader does not know: refused (the structural path reads it).
    Unsupported,
    Format,
    Year,
    Organ,
    Title,
    Published,
    Preface,
    Overview,
    Problems,
    OtherMatters,
    Extensions,
    AmountUnit,
}

impl Role {
    /// Whether the template requires the key (cells and tables always; of the document
    /// fields only `format` and `year`; `amount_unit` may be left out). A key of a shape the
    /// reader does not know counts as required, so that its object is refused whether the
    /// key is there or not.
    fn required(self) -> bool {
        matches!(
            self,
            Role::Cell(..) | Role::Object(_) | Role::Format | Role::Year | Role::Unsupported
        )
    }
}

/// The objects of a template, each with its keys and what they stand for, laid out
/// compactly: the walk reads these beside the document (the schema tree is larger and
/// scattered in memory).
pub(super) struct Plan {
    pub(super) objects: Vec<Obj>,
    /// How many keys the distinct key lists have together.
    key_total: usize,
}

pub(super) struct Obj {
    /// The position of this object's first key among the keys of all distinct key lists
    /// of the plan (the 29 rows of table 3 share one list).
    base: usize,
    pub(super) keys: Vec<&'static str>,
    pub(super) roles: Vec<Role>,
    /// Bit `i` set when key `i` is required.
    pub(super) required: u128,
}

impl Obj {
    /// The index of `key` among the object's keys, `hint` tried first.
    #[inline]
    pub(super) fn index_of(&self, key: &str, hint: usize) -> Option<usize> {
        let key = key.as_bytes();
        if self.keys.get(hint).is_some_and(|k| same(k.as_bytes(), key)) {
            return Some(hint);
        }
        self.keys.iter().position(|k| same(k.as_bytes(), key))
    }
}

impl Plan {
    pub(super) fn of(format: Format) -> &'static Plan {
        static PLANS: LazyLock<[Plan; 2]> = LazyLock::new(|| Format::ALL.map(|f| Plan::build(Layout::of(f))));
        &PLANS[format as usize]
    }

    fn build(layout: &'static Layout) -> Plan {
        let mut plan = Plan {
            objects: Vec::new(),
            key_total: 0,
        };
        plan.add(&layout.tree, true);
        // An object whose key list an earlier object has takes that object's positions.
        for i in 0..plan.objects.len() {
            let earlier = (0..i).find(|&j| plan.objects[j].keys == plan.objects[i].keys);
            plan.objects[i].base = match earlier {
                Some(j) => plan.objects[j].base,
                None => {
                    let base = plan.key_total;
                    plan.key_total += plan.objects[i].keys.len();
                    base
                }
            };
        }
        plan
    }

    /// Adds the object `node` (and the objects under it); returns its index.
    fn add(&mut self, node: &'static Node, top: bool) -> usize {
        let at = self.objects.len();
        self.objects.push(Obj {
            base: 0,
            keys: Vec::new(),
            roles: Vec::new(),
            required: 0,
        });
        let (mut keys, mut roles) = (Vec::new(), Vec::new());
        for (key, child) in &node.children {
            let role = match (child.kind, child.cell) {
                (Some(kind), Some(id)) => Role::Cell(kind, id),
                _ if top => match key.as_str() {
                    "format" => Role::Format,
                    "year" => Role::Year,
                    "organ" => Role::Organ,
                    "title" => Role::Title,
                    "published" => Role::Published,
                    "preface" => Role::Preface,
                    "overview" => Role::Overview,
                    "problems" => Role::Problems,
                    "other_matters" => Role::OtherMatters,
                    "extensions" => Role::Extensions,
                    k if TABLES.iter().any(|(t, _)| *t == k) && !child.children.is_empty() => {
                        Role::Object(self.add(child, false))
                    }
                    _ => Role::Unsupported,
                },
                _ if key == "amount_unit" => Role::AmountUnit,
                _ if !child.children.is_empty() => Role::Object(self.add(child, false)),
                _ => Role::Unsupported,
            };
            keys.push(key.as_str());
            roles.push(role);
        }
        // Keys are numbered by the bits of a u128 (the templates' largest object has 13).
        assert!(keys.len() <= 128, "a template object has at most 128 keys");
        let obj = &mut self.objects[at];
        obj.required = roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.required())
            .fold(0, |m, (i, _)| m | (1u128 << i));
        obj.keys = keys;
        obj.roles = roles;
        at
    }
}

/// One object of the template, read through serde.
struct Object<'s> {
    obj: ObjectId,
    walker: &'s mut Walker,
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of the template")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (obj, w) = (self.obj, self.walker);
        let mut seen: u128 = 0;
        let mut next = 0;
        while let Some(i) = map.next_key_seed(Key { walker: w, obj, next })? {
            let bit = 1u128 << i;
            if seen & bit != 0 {
                return Err(de::Error::custom(format_args!("duplicate field `{}`", w.key(obj, i))));
            }
            seen |= bit;
            next = i + 1;
            match w.slot(obj, i) {
                Slot::Object(child) => map.next_value_seed(Object { obj: child, walker: w })?,
                Slot::Unsupported => {
                    return Err(de::Error::custom(format_args!("unsupported field `{}`", w.key(obj, i))));
                }
                Slot::Cell(..) | Slot::Field => map.next_value_seed(Value {
                    walker: w,
                    obj,
                    index: i,
                })?,
            }
        }
        if !w.complete(obj, seen) {
            return Err(de::Error::custom("missing field"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Object<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// The value of a cell or a field, read in place.
struct Value<'s> {
    walker: &'s mut Walker,
    obj: ObjectId,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for Value<'_> {
    type Value = ();

    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.walker.read_value(self.obj, self.index, d)
    }
}

/// A key of an object: the index of its child. Documents list keys in template order, so
/// the child after the previous key is tried first.
struct Key<'a> {
    walker: &'a Walker,
    obj: ObjectId,
    next: usize,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key of the template")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        self.walker
            .index_of(self.obj, key, self.next)
            .ok_or_else(|| E::custom(format_args!("unknown field `{key}`")))
    }
}

/// Byte equality of two short keys, compared in words: most keys are 3 to 24 bytes, where
/// a call to `memcmp` costs more than the comparison (it was an eighth of a dict's read).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or_default());
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or_default());
    match n {
        0 => true,
        1..=3 => a.iter().zip(b).fold(true, |eq, (x, y)| eq & (x == y)),
        4..=8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        9..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=24 => word(a, 0) == word(b, 0) && word(a, 8) == word(b, 8) && word(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

/// A cell, read as the typed model reads it, written in place.
struct CellSeed<'c>(CellKind, &'c mut Cell);

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = ();

    // The cell is written in place and only `Result<(), _>` (one register) comes back:
    // returned through memory, a cell was read back before its bytes were all written (a
    // store-forwarding stall that cost a sixth of the walk).
    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        *self.1 = match self.0 {
            CellKind::Count => Option::<u64>::deserialize(d)?.map_or(Cell::Blank, |n| Cell::Int(n.into())),
            CellKind::Signed => Option::<i64>::deserialize(d)?.map_or(Cell::Blank, |n| Cell::Int(n.into())),
            CellKind::Amount => Option::<Amount>::deserialize(d)?.map_or(Cell::Blank, Cell::Amount),
        };
        Ok(())
    }
}

/// `format`: exactly the string of the version being read.
struct FormatSeed(Format);

impl<'de> DeserializeSeed<'de> for FormatSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FormatSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0.as_str())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if v == self.0.as_str() {
            Ok(())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
}

/// A text section: only what the rules ask of it.
struct Summary {
    text: Text,
    department: bool,
}

impl Summary {
    fn text(s: Option<Summary>) -> Text {
        s.map_or(Text::Empty, |s| s.text)
    }
}

/// What to learn from a text section (each is a pass over a text of some kilobytes).
#[derive(Clone, Copy)]
enum Ask {
    /// Only that it is a string or `null` (the preface).
    Nothing,
    /// Whether it has content and mentions 处理费.
    Text,
    /// That, and whether it speaks as a department does (the overview).
    TextAndDepartment,
}

/// An optional text section (`null` or absent is `None`), read as an `Option<String>` field is.
struct TextSeed(Ask);

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Option<Summary>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Summary>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = Option<Summary>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Summary>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Summary>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Summary>, D::Error> {
        d.deserialize_str(Str(self.0)).map(Some)
    }
}

/// The string of a text section.
struct Str(Ask);

impl Visitor<'_> for Str {
    type Value = Summary;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Summary, E> {
        Ok(Summary {
            text: match self.0 {
                Ask::Nothing => Text::Empty,
                Ask::Text | Ask::TextAndDepartment => Text::of(Some(v)),
            },
            department: matches!(self.0, Ask::TextAndDepartment) && speaks_as_department(v),
        })
    }
    // As a `String` field reads them.
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Summary, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }
}

/// `published`: the date when valid, else the text (for its diagnostic).
struct Date(Option<(u32, u32, u32)>, Option<String>);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Ok(match parse_date(v) {
                    Some(date) => Date(Some(date), None),
                    None => Date(None, Some(v.to_owned())),
                })
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Date, E> {
                match std::str::from_utf8(v) {
                    Ok(s) => self.visit_str(s),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
                }
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::Validation;
    use super::super::structural::slow;
    use super::super::testing::{base, checked, key_mutations, pointers};
    use super::super::typed::{fast, fast_read_owned, seed_text, seed_value, typed_value};
    use crate::rules::Emitter;

    /// What the seed path gives (`None` when the seed refuses the document).
    fn by_seed(v: &Value) -> Option<Validation> {
        let read = seed_value(v)?;
        let mut em = Emitter::new(None);
        let sheet = fast_read_owned(read, &mut em);
        Some(checked(Some(sheet), em))
    }

    /// What the typed model gives (`None` when it refuses the document).
    fn by_typed(v: &Value) -> Option<Validation> {
        let report = typed_value(v)?;
        let mut em = Emitter::new(None);
        let sheet = fast(&report, &mut em);
        Some(checked(Some(sheet), em))
    }

    /// The structural path's findings.
    fn structural(v: &Value) -> Vec<(String, String)> {
        let mut em = Emitter::new(None);
        slow(v, &[], &mut em);
        em.out.into_iter().map(|d| (d.rule.to_string(), d.path)).collect()
    }

    /// The seed accepts exactly the documents the structural path finds well-formed, and
    /// then gives what the typed model gives; JSON text and a `Value` are read alike.
    fn agree(v: &Value, what: &str) {
        let seed = by_seed(v);
        let text = serde_json::to_string(v).unwrap();
        assert_eq!(
            seed_text(&text).is_some(),
            seed.is_some(),
            "{what}: text and value differ"
        );
        let found = structural(v);
        match seed {
            Some(seed) => {
                // The range checks of `year` and `published` are made on both paths.
                let found: Vec<_> = found
                    .iter()
                    .filter(|(rule, path)| !(rule == "S-RANGE" && (path == "/year" || path == "/published")))
                    .collect();
                assert!(found.is_empty(), "{what}: the seed accepted a document with {found:?}");
                let typed = by_typed(v).unwrap_or_else(|| panic!("{what}: the typed model refuses it"));
                assert_eq!(seed, typed, "{what}");
                let mut em = Emitter::new(None);
                let from_text = fast_read_owned(seed_text(&text).unwrap(), &mut em);
                assert_eq!(checked(Some(from_text), em), seed, "{what}: from text");
            }
            None => assert!(!found.is_empty(), "{what}: the seed refused a well-formed document"),
        }
    }

    #[test]
    fn the_bundled_reports_take_the_seed() {
        for name in ["2021-county.json", "2019-town.json"] {
            let v = base(name);
            assert!(seed_value(&v).is_some(), "{name}");
            agree(&v, name);
        }
    }

    #[test]
    fn every_fixture_agrees() {
        let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path().join("report.json");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(v) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) else {
                continue;
            };
            if v.get("format").and_then(Value::as_str).is_none() {
                continue;
            }
            agree(&v, &path.display().to_string());
            seen += 1;
        }
        assert!(seen > 40, "{seen} fixtures");
    }

    /// Every key removed, an unknown key added beside it, and its value replaced by each
    /// kind of wrong value: the seed and the structural path agree on each document.
    #[test]
    fn every_mutation_agrees() {
        let replacements = [
            json!(null),
            json!(-1),
            json!(0),
            json!(1.5),
            json!(2.0),
            json!("7"),
            json!(true),
            json!([]),
            json!({}),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1e300),
        ];
        for name in ["2021-county.json", "2019-town.json"] {
            let doc = base(name);
            let mut paths = Vec::new();
            pointers(&doc, String::new(), &mut paths);
            for p in &paths {
                for (v, what) in key_mutations(&doc, p) {
                    agree(&v, &format!("{name}: {what}"));
                }
                if let Some(Value::Object(m)) = doc.pointer(p) {
                    let mut v = doc.clone();
                    *v.pointer_mut(p).unwrap() = Value::Array(m.values().cloned().collect());
                    agree(&v, &format!("{name}: {p} as an array"));
                }
                for r in &replacements {
                    let mut v = doc.clone();
                    *v.pointer_mut(p).unwrap() = r.clone();
                    agree(&v, &format!("{name}: {p} = {r}"));
                }
            }
        }
    }

    #[test]
    fn keys_compare_by_every_byte() {
        let words = [
            "",
            "a",
            "ab",
            "new",
            "fees",
            "other",
            "amount",
            "natural_person",
            "legal_services",
        ];
        let long = "unclear_after_correction_and_more";
        for a in words.iter().chain([&long]) {
            for b in words.iter().chain([&long]) {
                assert_eq!(super::same(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
            // One byte changed at each position.
            for i in 0..a.len() {
                let mut c = a.as_bytes().to_vec();
                c[i] ^= 1;
                assert!(!super::same(a.as_bytes(), &c), "{a} at {i}");
            }
        }
    }

    #[test]
    fn repeated_keys_and_another_format_are_refused() {
        let text = include_str!("../../data/2021-county.json");
        assert!(seed_text(text).is_some());
        let repeated = text.replacen("\"natural_person\": ", "\"natural_person\": 1, \"natural_person\": ", 1);
        assert_ne!(repeated, text);
        assert!(seed_text(&repeated).is_none());
        let mut v: Value = serde_json::from_str(text).unwrap();
        assert!(super::read(crate::Format::V2019, &v).is_err());
        v["format"] = json!("2019");
        assert!(seed_value(&v).is_none());
    }
}
