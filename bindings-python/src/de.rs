//! Reads Python objects straight into the typed report model through serde, without a
//! `serde_json::Value` in between: that detour is what makes bindings slow.
//!
//! Any object this reader refuses (a wrong type, a missing key, a huge int …) sends the
//! report down the lenient path (`convert::to_value` + core's structural check), which
//! names the problem; so this reader can stay strict and simple.

use crate::convert::Budget;
use std::fmt;

use pyo3::Borrowed;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// Nesting limit, as for JSON text.
pub(crate) const MAX_DEPTH: usize = 128;

/// The UTF-8 text of a Python str, borrowed from the object's own cache (no copy). `None`
/// for a str that is not valid UTF-8 (lone surrogates); the Python error is cleared.
pub(crate) fn utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<&'a str> {
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live str; the returned buffer is owned by it and lives as long as
    // it does, which the lifetime 'a ties to the borrow of `s`.
    let ptr = unsafe { ffi::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if ptr.is_null() {
        let _ = PyErr::take(s.py());
        return None;
    }
    let len = usize::try_from(size).ok()?;
    // SAFETY: on success CPython returns `size` bytes of UTF-8 at `ptr` (it refuses, and
    // returns NULL for, a str that has no UTF-8 form), so checking them again only costs:
    // it was a sixth of the time of validate(dict).
    unsafe {
        Some(std::str::from_utf8_unchecked(std::slice::from_raw_parts(
            ptr.cast::<u8>(),
            len,
        )))
    }
}

/// Calls `read` with the UTF-8 of a str encoded into a temporary buffer, leaving the str as
/// it was: [`utf8`] keeps the UTF-8 of a non-ASCII str inside the str for its lifetime (a
/// report sent as a JSON str would be held twice). `None` for a str that is not valid UTF-8
/// (the Python error is cleared).
pub(crate) fn with_utf8_uncached<T>(s: &Bound<'_, PyString>, read: impl FnOnce(Option<&str>) -> T) -> T {
    // SAFETY: `s` is a live str; the result is a new bytes object or NULL with an error set.
    let bytes = unsafe { ffi::PyUnicode_AsUTF8String(s.as_ptr()) };
    // SAFETY: a new reference (owned here, released when `bytes` drops), or NULL.
    let Some(bytes) = (unsafe { Bound::from_owned_ptr_or_opt(s.py(), bytes) }) else {
        let _ = PyErr::take(s.py());
        return read(None);
    };
    // SAFETY: `bytes` is an exact bytes object (PyUnicode_AsUTF8String makes one).
    let data = unsafe { bytes.cast_unchecked::<pyo3::types::PyBytes>() }.as_bytes();
    // The encoder wrote UTF-8 (it refuses lone surrogates); checked again all the same.
    read(std::str::from_utf8(data).ok())
}

/// Why a Python object could not be read strictly (only used to choose the lenient path).
#[derive(Debug)]
pub(crate) struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Refused {}
impl de::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refused(msg.to_string())
    }
}

/// A serde deserializer over one Python object, by borrowed reference: the walk holds the
/// report for its whole length and runs no Python code, so nothing it borrows can change or
/// go away, and no reference count is touched per value.
///
/// Why no Python code runs: ints, strs, floats, None and the containers are read through
/// the C API only, the GIL is held throughout, and the walk runs inside [`without_gc`]. The
/// C calls can allocate (a str's UTF-8 cache, the exception of an int beyond 64 bits or of a
/// str with lone surrogates), and on CPython ≤ 3.11 an allocation can start the cyclic
/// collector, whose finalizers are Python code that could change the dict being walked:
/// with the collector paused, nothing but these C calls runs until the walk ends.
pub(crate) struct PyDe<'a, 'py> {
    obj: Borrowed<'a, 'py, PyAny>,
    depth: usize,
    /// Values that may still be read (shared sub-objects count each time they are met).
    budget: &'a Budget<'a, 'py>,
}

impl<'a, 'py> PyDe<'a, 'py> {
    /// A deserializer over a value met `depth` containers deep in a walk. Only inside
    /// [`without_gc`] (see the type's documentation).
    pub(crate) fn at(obj: Borrowed<'a, 'py, PyAny>, depth: usize, budget: &'a Budget<'a, 'py>) -> Self {
        PyDe { obj, depth, budget }
    }
}

/// Runs `walk` with CPython's cyclic garbage collector paused (and restores it after, also
/// on a panic). The caller holds the GIL (`_py`).
pub(crate) fn without_gc<T>(_py: Python<'_>, walk: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            if self.0 {
                // SAFETY: the GIL is held (the guard lives inside a call that holds it).
                unsafe { ffi::PyGC_Enable() };
            }
        }
    }
    // SAFETY: the GIL is held (`_py`); PyGC_Disable returns whether it was enabled.
    let _restore = Restore(unsafe { ffi::PyGC_Disable() } == 1);
    walk()
}

impl<'de> de::Deserializer<'de> for PyDe<'_, '_> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        let obj = self.obj;
        if !self.budget.take() {
            return Err(Refused("too many values".into()));
        }
        // Most values of a report are exact ints (cells), then exact strs: their types are
        // compared by address first (one load; under the stable ABI a `cast` is a call).
        let ptr = obj.as_ptr();
        // SAFETY: `ptr` is a live object (borrowed for the walk); its type is a live type.
        let ty = unsafe { ffi::Py_TYPE(ptr) };
        if std::ptr::eq(ty, &raw mut ffi::PyLong_Type) {
            let mut overflow: std::ffi::c_int = 0;
            // SAFETY: an exact int; with `overflow` given, no exception is set for a value
            // beyond 64 bits (then -1 and overflow ≠ 0).
            let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(ptr, &mut overflow) };
            if overflow == 0 {
                return visitor.visit_i64(v);
            }
        } else if std::ptr::eq(ty, &raw mut ffi::PyUnicode_Type) {
            // SAFETY: an exact str.
            let s = unsafe { obj.cast_unchecked::<PyString>() };
            return match utf8(&s) {
                Some(text) => visitor.visit_str(text),
                None => Err(Refused("str is not UTF-8".into())),
            };
        }
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if std::ptr::eq(ty, &raw mut ffi::PyDict_Type) && self.depth < MAX_DEPTH {
            // SAFETY: an exact dict.
            let dict = unsafe { obj.cast_unchecked::<PyDict>() };
            return visitor.visit_map(Entries::new(dict, self.depth + 1, self.budget));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(b) = obj.cast::<PyBool>() {
                return visitor.visit_bool(b.is_true());
            }
            if let Ok(v) = i.extract::<i64>() {
                return visitor.visit_i64(v);
            }
            return match i.extract::<u64>() {
                Ok(v) => visitor.visit_u64(v),
                Err(_) => Err(Refused("int beyond 64 bits".into())),
            };
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return match utf8(&s) {
                Some(text) => visitor.visit_str(text),
                None => Err(Refused("str is not UTF-8".into())),
            };
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        if self.depth >= MAX_DEPTH {
            return Err(Refused("nested too deeply".into()));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return visitor.visit_map(Entries::new(d, self.depth + 1, self.budget));
        }
        let (list, len) = match (obj.cast::<PyList>(), obj.cast::<PyTuple>()) {
            (Ok(l), _) => (true, l.len()),
            (_, Ok(t)) => (false, t.len()),
            _ => return Err(Refused("not a JSON type".into())),
        };
        visitor.visit_seq(Items {
            seq: obj,
            list,
            next: 0,
            len,
            depth: self.depth + 1,
            budget: self.budget,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        if self.obj.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        // Only unit variants written as strings (`"2021"`, `"万元"`) exist in the model.
        match self.obj.cast::<PyString>().ok().as_deref().and_then(utf8) {
            Some(text) => visitor.visit_enum(text.into_deserializer()),
            None => Err(Refused("expected a string".into())),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct
        map struct identifier ignored_any
    }
}

struct Entries<'a, 'py> {
    dict: Borrowed<'a, 'py, PyDict>,
    pos: ffi::Py_ssize_t,
    /// Entries read so far.
    read: usize,
    value: Option<Borrowed<'a, 'py, PyAny>>,
    depth: usize,
    budget: &'a Budget<'a, 'py>,
}

impl<'a, 'py> Entries<'a, 'py> {
    fn new(dict: Borrowed<'a, 'py, PyDict>, depth: usize, budget: &'a Budget<'a, 'py>) -> Self {
        Entries {
            dict,
            pos: 0,
            read: 0,
            value: None,
            depth,
            budget,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Refused> {
        let mut key: *mut ffi::PyObject = std::ptr::null_mut();
        let mut value: *mut ffi::PyObject = std::ptr::null_mut();
        // SAFETY: `dict` is a live dict; PyDict_Next hands out borrowed references owned by
        // it, valid while the dict is unchanged, which it is for the whole walk (see PyDe).
        if unsafe { ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut key, &mut value) } == 0 {
            return Ok(None);
        }
        let py = self.dict.py();
        // SAFETY: both pointers were just set to live objects by PyDict_Next.
        let (key, value) = unsafe { (Borrowed::from_ptr(py, key), Borrowed::from_ptr(py, value)) };
        self.read += 1;
        self.value = Some(value);
        // A key is a str: read as text at once (counted as a value, as by the lenient reader).
        // An exact str is told by its type's address (a `cast` is a call under the stable ABI).
        // SAFETY: `key` is live; its type is a live type object.
        let exact = std::ptr::eq(unsafe { ffi::Py_TYPE(key.as_ptr()) }, &raw mut ffi::PyUnicode_Type);
        let key = if exact {
            // SAFETY: an exact str.
            unsafe { key.cast_unchecked::<PyString>() }
        } else {
            match key.cast::<PyString>() {
                Ok(key) => key,
                Err(_) => return Err(Refused("a key is not a str".into())),
            }
        };
        if !self.budget.take() {
            return Err(Refused("too many values".into()));
        }
        match utf8(&key) {
            Some(text) => seed
                .deserialize(IntoDeserializer::<Refused>::into_deserializer(text))
                .map(Some),
            None => Err(Refused("str is not UTF-8".into())),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        match self.value.take() {
            Some(obj) => seed.deserialize(PyDe {
                obj,
                depth: self.depth,
                budget: self.budget,
            }),
            None => Err(Refused("value without a key".into())),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.dict.len().saturating_sub(self.read))
    }
}

struct Items<'a, 'py> {
    seq: Borrowed<'a, 'py, PyAny>,
    list: bool,
    next: usize,
    len: usize,
    depth: usize,
    budget: &'a Budget<'a, 'py>,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Refused> {
        if self.next >= self.len {
            return Ok(None);
        }
        let index = ffi::Py_ssize_t::try_from(self.next).map_err(|_| Refused("sequence too long".into()))?;
        self.next += 1;
        // SAFETY: `seq` is a live list or tuple of `len` items (unchanged during the walk);
        // both calls return a borrowed reference, or NULL with an error set.
        let item = unsafe {
            if self.list {
                ffi::PyList_GetItem(self.seq.as_ptr(), index)
            } else {
                ffi::PyTuple_GetItem(self.seq.as_ptr(), index)
            }
        };
        let py = self.seq.py();
        // SAFETY: a non-NULL result is a live object owned by the sequence.
        match unsafe { Borrowed::from_ptr_or_opt(py, item) } {
            Some(obj) => seed
                .deserialize(PyDe {
                    obj,
                    depth: self.depth,
                    budget: self.budget,
                })
                .map(Some),
            None => {
                let _ = PyErr::take(py);
                Err(Refused("sequence changed while read".into()))
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len - self.next)
    }
}
