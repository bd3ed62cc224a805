//! Conversions between Python objects and the core's data: the lenient reading of a
//! report that the strict reader refused, JSON values back to Python, and diagnostics as
//! plain dicts.

use pyo3::IntoPyObjectExt;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use zfxxgk::{Diagnostic, Figure, Validation};

use crate::de::{MAX_DEPTH, utf8};

/// Why an object could not be read at all.
pub(crate) enum Refused {
    /// It nests deeper than [`MAX_DEPTH`] (or contains itself).
    TooDeep,
    /// It stands for more than [`zfxxgk::MAX_INPUT_VALUES`] values (shared sub-objects
    /// count once per place they appear).
    TooManyValues,
}

impl Refused {
    pub(crate) fn validation(&self) -> Validation {
        match self {
            Refused::TooDeep => Validation::too_deep(),
            Refused::TooManyValues => Validation::too_many_values(zfxxgk::MAX_INPUT_VALUES),
        }
    }
}

/// Values read before the whole object is counted once: a real report has a few hundred,
/// so only an object this large pays for the count.
const COUNT_AFTER: usize = 50_000;

/// The values a reader may still read from one native object, a shared part counted each
/// time it appears. After [`COUNT_AFTER`] values the whole object is counted once, nothing
/// built, so that an object whose parts are shared (`x = [x, x]` …) is refused when a small
/// part of it has been read, not when the limit's worth of values has been built.
pub(crate) struct Budget<'a, 'py> {
    left: std::cell::Cell<usize>,
    root: &'a Bound<'py, PyAny>,
}

impl<'a, 'py> Budget<'a, 'py> {
    pub(crate) fn new(root: &'a Bound<'py, PyAny>) -> Self {
        Budget {
            left: std::cell::Cell::new(zfxxgk::MAX_INPUT_VALUES),
            root,
        }
    }

    /// Takes one value; false when the object stands for more than the limit.
    pub(crate) fn take(&self) -> bool {
        let Some(left) = self.left.get().checked_sub(1) else {
            return false;
        };
        self.left.set(left);
        if left == zfxxgk::MAX_INPUT_VALUES - COUNT_AFTER && !within(self.root, zfxxgk::MAX_INPUT_VALUES) {
            self.left.set(0);
            return false;
        }
        true
    }

    /// Whether the limit was reached (the reader stopped for it).
    pub(crate) fn exhausted(&self) -> bool {
        self.left.get() == 0
    }
}

/// Whether `obj` stands for at most `limit` values, counted as the readers count them.
/// Only dicts, lists and tuples are entered and nothing is built; no Python code runs
/// (items are read through the C API), so the object cannot change while it is counted.
/// Nesting beyond [`MAX_DEPTH`] is not entered: the readers refuse it as too deep.
fn within(obj: &Bound<'_, PyAny>, limit: usize) -> bool {
    fn walk(obj: &Bound<'_, PyAny>, depth: usize, left: &mut usize) -> bool {
        let Some(rest) = left.checked_sub(1) else {
            return false;
        };
        *left = rest;
        if depth >= MAX_DEPTH {
            return true;
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return d.iter().all(|(_, v)| walk(&v, depth + 1, left));
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return l.iter().all(|v| walk(&v, depth + 1, left));
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return t.iter().all(|v| walk(&v, depth + 1, left));
        }
        true
    }
    let mut left = limit;
    walk(obj, 0, &mut left)
}

/// [`read_value`] with the default limit on values.
pub(crate) fn to_value(obj: &Bound<'_, PyAny>) -> Result<Value, Refused> {
    let budget = Budget::new(obj);
    read_value(obj, 0, &budget)
}

/// Reads any Python object as the JSON it stands for, leniently, so that core's checks can
/// name what is wrong: an int beyond 64 bits becomes a float (reported as out of range),
/// a float that JSON cannot hold (NaN, infinity) or an object of another type becomes its
/// `repr` as a string (reported as a wrong type at its cell), a key that is not a str
/// becomes `str(key)` (reported as an unknown key).
///
/// Python code may run here (`str`, `repr` of foreign objects) and change the containers
/// being read: every object is held by an owned reference, and a dict is read from a
/// snapshot of its items, so that a change is read as it was made, never as a crash.
fn read_value(obj: &Bound<'_, PyAny>, depth: usize, budget: &Budget<'_, '_>) -> Result<Value, Refused> {
    if !budget.take() {
        return Err(Refused::TooManyValues);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(
            utf8(s).map_or_else(|| s.to_string_lossy().into_owned(), str::to_owned),
        ));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if let Ok(v) = i.extract::<i64>() {
            return Ok(Value::from(v));
        }
        if let Ok(v) = i.extract::<u64>() {
            return Ok(Value::from(v));
        }
        let f: f64 = i.extract().unwrap_or(f64::INFINITY);
        return Ok(Number::from_f64(f).map_or_else(|| Value::String(repr(obj)), Value::Number));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Number::from_f64(f.value()).map_or_else(|| Value::String(repr(obj)), Value::Number));
    }
    if depth >= MAX_DEPTH {
        return Err(Refused::TooDeep);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        // A snapshot: pyo3's dict iterator panics when the dict changes size under it.
        let items = d.items();
        for item in items.iter() {
            let Ok((k, v)) = item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>() else {
                continue;
            };
            let key = match k.cast::<PyString>() {
                Ok(s) => utf8(s).map_or_else(|| s.to_string_lossy().into_owned(), str::to_owned),
                Err(_) => k
                    .str()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|_| repr(&k)),
            };
            map.insert(key, read_value(&v, depth + 1, budget)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| read_value(&v, depth + 1, budget))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| read_value(&v, depth + 1, budget))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    Ok(Value::String(repr(obj)))
}

fn repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map(|r| r.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "<object>".to_owned())
}

/// A JSON value as Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, value, &mut std::collections::HashMap::new())
}

/// [`value_to_py`], with one str object per distinct key of the document (as `json.loads`
/// gives): less memory, and a report read back is told key by key by identity (`walk.rs`).
fn to_py<'py, 'v>(
    py: Python<'py>,
    value: &'v Value,
    keys: &mut std::collections::HashMap<&'v str, Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_bound_py_any(py)?,
            (_, Some(i)) => i.into_bound_py_any(py)?,
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item, keys)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                let key = keys.entry(k.as_str()).or_insert_with(|| PyString::new(py, k)).clone();
                dict.set_item(key, to_py(py, v, keys)?)?;
            }
            dict.into_any()
        }
    })
}

fn figure<'py>(py: Python<'py>, f: Option<&Figure>) -> PyResult<Bound<'py, PyAny>> {
    match f {
        None => Ok(py.None().into_bound(py)),
        // Through i64 when it fits: under the stable ABI an i128 is built from two halves
        // with Python arithmetic (several calls), and nearly every figure fits.
        Some(Figure::Integer(v)) => match i64::try_from(*v) {
            Ok(small) => small.into_bound_py_any(py),
            Err(_) => v.into_bound_py_any(py),
        },
        // The same number JSON gives (a float); the exact digits are in the message.
        Some(Figure::Decimal(a)) => a.to_f64().into_bound_py_any(py),
        Some(Figure::Text(t)) => Ok(PyString::new(py, t).into_any()),
    }
}

/// One diagnostic as a plain dict with the keys of the diagnostic record.
pub(crate) fn diagnostic<'py>(py: Python<'py>, d: &Diagnostic) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "rule"), PyString::new(py, &d.rule))?;
    dict.set_item(intern!(py, "severity"), PyString::intern(py, d.severity.as_str()))?;
    dict.set_item(intern!(py, "path"), PyString::new(py, &d.path))?;
    dict.set_item(intern!(py, "label"), PyString::new(py, &d.label))?;
    dict.set_item(intern!(py, "label_en"), PyString::new(py, &d.label_en))?;
    dict.set_item(intern!(py, "message"), PyString::new(py, &d.message))?;
    dict.set_item(intern!(py, "message_en"), PyString::new(py, &d.message_en))?;
    dict.set_item(intern!(py, "expected"), figure(py, d.expected.as_ref())?)?;
    dict.set_item(intern!(py, "actual"), figure(py, d.actual.as_ref())?)?;
    dict.set_item(intern!(py, "related"), PyList::new(py, &d.related)?)?;
    let params = PyDict::new(py);
    for (name, value) in &d.params {
        params.set_item(PyString::new(py, name), figure(py, Some(value))?)?;
    }
    dict.set_item(intern!(py, "params"), params)?;
    Ok(dict)
}

/// Every diagnostic of a validation as a list of dicts.
pub(crate) fn diagnostics<'py>(py: Python<'py>, v: &Validation) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for d in &v.diagnostics {
        list.append(diagnostic(py, d)?)?;
    }
    Ok(list)
}
