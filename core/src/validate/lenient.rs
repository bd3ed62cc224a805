//! The structural path for JSON text without a `serde_json::Value` or the `jsonschema`
//! crate: the text is parsed once into a light tree (objects as lists of entries, strings
//! borrowed from the text), which is walked beside the template's plan, reporting what the
//! published schema would report, in the order the schema validator reports it:
//!
//! - in each object, first the required keys that are missing (in template order), then
//!   each entry in the order written (a nested object's findings in place), then the keys
//!   the template does not have (in the order written); an object with a single required
//!   key (one cell) has that key's absence reported last;
//! - for a value, its type first, then its bounds.
//!
//! After them come the findings of [`tail`] (cells the schema accepts but the model cannot
//! hold, a year written as a float, the ranges of `year` and `published`), as on the
//! `Value` path. Anything this reader does not handle exactly so (a repeated key, a unit
//! that is not 元 or 万元, a document that is not an object of a known template, JSON it
//! cannot parse) makes it give up (`None`), and the caller takes the `Value` path; a test
//! checks that both paths give the same diagnostics for every fixture and for thousands
//! of broken variants of the bundled reports.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::seed::{Plan, Role};
use super::structural::{Findings, tail};
use crate::layout::{CellKind, Layout};
use crate::model::{Format, YEARS};
use crate::pointer;
use crate::rules::Emitter;
use crate::sheet::{Cell, Field, Sheet, classify};

/// A JSON value, light: no map, strings borrowed from the text when they have no escapes.
enum J<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Vec<(Cow<'a, str>, J<'a>)>),
}

impl J<'_> {
    /// The value as a `serde_json::Value` (only for the few values a finding describes).
    fn to_value(&self) -> Value {
        match self {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Num(n) => Value::Number(n.clone()),
            J::Str(s) => Value::String(s.to_string()),
            J::Arr(items) => Value::Array(items.iter().map(J::to_value).collect()),
            J::Obj(entries) => Value::Object(entries.iter().map(|(k, v)| (k.to_string(), v.to_value())).collect()),
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether an object has a key twice, at any depth.
    fn has_duplicates(&self) -> bool {
        match self {
            J::Arr(items) => items.iter().any(J::has_duplicates),
            J::Obj(entries) => {
                let mut keys: HashSet<&str> = HashSet::with_capacity(entries.len());
                entries.iter().any(|(k, v)| !keys.insert(k) || v.has_duplicates())
            }
            _ => false,
        }
    }
}

impl<'de> Deserialize<'de> for J<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J<'de>, D::Error> {
        d.deserialize_any(JVisitor)
    }
}

struct JVisitor;

impl<'de> Visitor<'de> for JVisitor {
    type Value = J<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<J<'de>, E> {
        Ok(J::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<J<'de>, E> {
        Ok(J::Num(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<J<'de>, E> {
        Ok(J::Num(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<J<'de>, E> {
        Number::from_f64(v)
            .map(J::Num)
            .ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(J::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
        // Most objects of a report have up to eight keys (a row has seven).
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8).min(64));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            entries.push((key, map.next_value()?));
        }
        Ok(J::Obj(entries))
    }
}

/// A key, borrowed from the text when it can be.
struct KeySeed;

impl<'de> de::DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// The most entries an object of the template is read with here (128 keys at most, plus
/// unknown ones); an object with more is left to the `Value` path.
const MAX_ENTRIES: usize = 160;

/// The reader gives up: the caller takes the `Value` path.
struct GiveUp;

/// Reads JSON text that the strict reader refused; `None` when this reader gives up (then
/// nothing was reported).
pub(super) fn read(text: &str, em: &mut Emitter) -> Option<Sheet> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = J::deserialize(&mut de).ok()?;
    de.end().ok()?;
    let J::Obj(entries) = &doc else { return None };
    let format = match entries.iter().find(|(k, _)| k == "format") {
        Some((_, J::Str(s))) => Format::from_name(s)?,
        _ => return None,
    };
    let layout = Layout::of(format);
    // What was reported before, restored if the walk gives up half-way.
    let (kept, cut) = (em.out.len(), em.cut.clone());
    let mut seen = HashSet::new();
    let mut walk = Walk {
        plan: Plan::of(format),
        layout,
        out: Findings {
            layout,
            em: &mut *em,
            seen: &mut seen,
        },
        cells: vec![Cell::Invalid; layout.cells.len()],
        extras: Vec::new(),
    };
    if walk.object(0, String::new(), &doc).is_err() {
        em.out.truncate(kept);
        em.cut = cut;
        return None;
    }
    let Walk { cells, extras, .. } = walk;
    let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let mut extras: Vec<(usize, bool, Value)> = extras;
    extras.sort_by_key(|&(id, _, _)| id);
    let extras: Vec<(usize, bool, Option<&Value>)> = extras.iter().map(|(id, r, v)| (*id, *r, Some(v))).collect();
    let year = get("year").map(J::to_value);
    tail(
        layout,
        &extras,
        year.as_ref(),
        get("published").and_then(J::as_str),
        em,
        &mut seen,
    );
    Some(Sheet::with_fields(layout, cells, |key| match get(key) {
        None | Some(J::Null) => Field::Missing,
        Some(J::Str(s)) => Field::Str(s),
        Some(J::Num(n)) => Field::Number(n.as_u64()),
        Some(_) => Field::Other,
    }))
}

struct Walk<'e> {
    plan: &'static Plan,
    layout: &'static Layout,
    out: Findings<'e>,
    cells: Vec<Cell>,
    /// Cells the schema accepts but the model cannot hold: (cell, is a range problem, value).
    extras: Vec<(usize, bool, Value)>,
}

impl Walk<'_> {
    /// The object `obj` of the plan, at pointer `at`.
    fn object(&mut self, obj: usize, at: String, v: &J<'_>) -> Result<(), GiveUp> {
        let J::Obj(entries) = v else {
            self.out.wrong_type(&at, &v.to_value());
            return Ok(());
        };
        let plan: &'static Plan = self.plan;
        let o = &plan.objects[obj];
        // The index of each entry's key (documents list keys in template order: the key
        // after the previous one is tried first); a repeated key gives up.
        if entries.len() > MAX_ENTRIES {
            return Err(GiveUp);
        }
        let mut indices = [None; MAX_ENTRIES];
        let mut present: u128 = 0;
        let mut next = 0;
        for (n, (k, _)) in entries.iter().enumerate() {
            let i = o.index_of(k, next);
            match i {
                Some(i) => {
                    if present & (1u128 << i) != 0 {
                        return Err(GiveUp);
                    }
                    present |= 1u128 << i;
                    next = i + 1;
                }
                None if entries[..n].iter().any(|(other, _)| other == k) => return Err(GiveUp),
                None => {}
            }
            indices[n] = i.and_then(|i| u8::try_from(i).ok());
        }
        let indices = &indices[..entries.len()];
        let missing = |w: &mut Self| {
            for (i, key) in o.keys.iter().enumerate() {
                if o.required & (1u128 << i) != 0 && present & (1u128 << i) == 0 {
                    w.out.required_key(&at, key);
                }
            }
        };
        // The schema validator checks a list of required keys before the entries, and a
        // single required key (an object of one cell) after them.
        let single = o.required.count_ones() == 1;
        if !single {
            missing(self);
        }
        for ((k, value), i) in entries.iter().zip(indices) {
            let Some(i) = i.map(usize::from) else { continue };
            let path = || pointer::child(&at, k);
            match o.roles[i] {
                Role::Object(child) => self.object(child, path(), value)?,
                Role::Cell(kind, id) => self.cell(kind, id, path, value),
                Role::Year => self.year(value),
                Role::Organ
                | Role::Title
                | Role::Published
                | Role::Preface
                | Role::Overview
                | Role::Problems
                | Role::OtherMatters => {
                    if !matches!(value, J::Str(_) | J::Null) {
                        self.out.wrong_type(&path(), &value.to_value());
                    }
                }
                // Free-form, but a repeated key inside is reported by the `Value` path.
                Role::Extensions if value.has_duplicates() => return Err(GiveUp),
                Role::Extensions => {
                    if !matches!(value, J::Obj(_)) {
                        self.out.wrong_type(&path(), &value.to_value());
                    }
                }
                // Checked before the walk.
                Role::Format if value.as_str() == Some(self.layout.format.as_str()) => {}
                Role::AmountUnit if matches!(value.as_str(), Some("元" | "万元")) => {}
                Role::Format | Role::AmountUnit | Role::Unsupported => return Err(GiveUp),
            }
        }
        for ((k, _), i) in entries.iter().zip(indices) {
            if i.is_none() {
                self.out.unknown_key(&at, k);
            }
        }
        if single {
            missing(self);
        }
        Ok(())
    }

    /// A cell: `integer | null` (≥ 0 for a count) or `number | null` ≥ 0 for an amount.
    fn cell(&mut self, kind: CellKind, id: usize, at: impl Fn() -> String, v: &J<'_>) {
        let number = match v {
            J::Null => {
                self.cells[id] = Cell::Blank;
                return;
            }
            J::Num(n) => n,
            other => {
                self.out.wrong_type(&at(), &other.to_value());
                return;
            }
        };
        if kind != CellKind::Amount && !integral(number) {
            self.out.wrong_type(&at(), &Value::Number(number.clone()));
        }
        if kind != CellKind::Signed && below_zero(number) {
            self.out.negative(&at(), &Value::Number(number.clone()));
        }
        let mut extra = None;
        self.cells[id] = classify(number, kind, |range| extra = Some(range));
        if let Some(range) = extra {
            self.extras.push((id, range, Value::Number(number.clone())));
        }
    }

    /// `year`: an integer from 2019 to 2100.
    fn year(&mut self, v: &J<'_>) {
        let J::Num(n) = v else {
            self.out.wrong_type("/year", &v.to_value());
            return;
        };
        let value = Value::Number(n.clone());
        if !integral(n) {
            self.out.wrong_type("/year", &value);
        }
        let (first, last) = (f64::from(*YEARS.start()), f64::from(*YEARS.end()));
        let x = as_f64(n);
        if x > last || x < first {
            self.out.out_of_bounds("/year", &value);
        }
    }
}

/// The number as a float (exact for the bounds compared here).
fn as_f64(n: &Number) -> f64 {
    n.as_f64().unwrap_or(f64::NAN)
}

/// Whether JSON Schema's `integer` accepts the number (an integral float does).
fn integral(n: &Number) -> bool {
    n.is_u64() || n.is_i64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
}

fn below_zero(n: &Number) -> bool {
    match (n.as_u64(), n.as_i64()) {
        (Some(_), _) => false,
        (_, Some(i)) => i < 0,
        _ => as_f64(n) < 0.0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::Validation;
    use super::super::structural::slow;
    use super::super::testing::{base, checked, key_mutations, pointers};
    use crate::rules::Emitter;

    /// What the `Value` path (the `jsonschema` crate) gives for the text.
    fn by_value(text: &str) -> Validation {
        let parsed = crate::json::read(text).unwrap();
        let mut em = Emitter::new(None);
        let sheet = slow(&parsed.value, &parsed.duplicates, &mut em);
        checked(sheet, em)
    }

    /// What this reader gives (`None` when it gives up).
    fn by_tree(text: &str) -> Option<Validation> {
        let mut em = Emitter::new(None);
        let sheet = super::read(text, &mut em)?;
        Some(checked(Some(sheet), em))
    }

    /// Both paths agree whenever this reader does not give up; returns whether it read it.
    fn agree(v: &Value, what: &str) -> bool {
        let text = serde_json::to_string(v).unwrap();
        match by_tree(&text) {
            Some(found) => {
                let expected = by_value(&text);
                assert_eq!(found, expected, "{what}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn every_fixture_agrees() {
        let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
        let (mut seen, mut read) = (0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path().join("report.json");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let text = text.trim_start_matches('\u{feff}');
            if serde_json::from_str::<Value>(text).is_err() {
                continue;
            }
            seen += 1;
            if let Some(found) = by_tree(text) {
                assert_eq!(found, by_value(text), "{}", path.display());
                read += 1;
            }
        }
        assert!(seen > 40 && read > 40, "{read} of {seen} fixtures read");
    }

    /// Every key removed or doubled beside an unknown one, every value replaced by each kind
    /// of wrong value, and pairs of them far apart (the order of findings across objects).
    #[test]
    fn every_mutation_agrees() {
        let replacements = [
            json!(null),
            json!(-1),
            json!(-1.5),
            json!(1.5),
            json!(2.0),
            json!("7"),
            json!(true),
            json!([]),
            json!([1, 2]),
            json!({}),
            json!({"a": 1}),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1e300),
            json!(-0.0),
            json!(3000),
            json!(1e-30),
        ];
        let mut read = 0;
        let mut total = 0;
        for name in ["2021-county.json", "2019-town.json"] {
            let doc = base(name);
            let mut paths = Vec::new();
            pointers(&doc, String::new(), &mut paths);
            for (n, p) in paths.iter().enumerate() {
                let mut cases = Vec::from(key_mutations(&doc, p));
                for r in &replacements {
                    let mut v = doc.clone();
                    *v.pointer_mut(p).unwrap() = r.clone();
                    cases.push((v.clone(), format!("{p} = {r}")));
                    // With a second finding elsewhere: before, after, or in the same object.
                    let other = &paths[(n * 7 + 3) % paths.len()];
                    if !other.starts_with(p.as_str()) && !p.starts_with(other.as_str()) {
                        *v.pointer_mut(other).unwrap() = json!("x");
                        let (op, ok) = other.rsplit_once('/').unwrap();
                        if let Some(m) = v.pointer_mut(op).and_then(Value::as_object_mut) {
                            m.remove(ok);
                            m.insert("yy".into(), json!(1));
                        }
                        cases.push((v, format!("{p} = {r}, {other} moved to yy")));
                    }
                }
                for (v, what) in cases {
                    total += 1;
                    if agree(&v, &format!("{name}: {what}")) {
                        read += 1;
                    }
                }
            }
        }
        // It reads nearly all of them (it gives up only on the few shapes it leaves to the
        // `Value` path).
        assert!(read * 10 > total * 9, "read {read} of {total}");
    }
}
