//! Reads Python objects straight into the typed report model through serde, without a
//! `serde_json::Value` in between: that detour is what makes bindings slow.
//!
//! Any object this reader refuses (a wrong type, a missing key, a huge int …) sends the
//! report down the lenient path (`convert::to_value` + core's structural check), which
//! names the problem; so this reader can stay strict and simple.

use std::ffi::c_char;
use std::fmt;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// Nesting limit, as for JSON text.
pub(crate) const MAX_DEPTH: usize = 128;

unsafe extern "C" {
    // Part of every CPython 3 (and of the limited API from 3.10). pyo3 exposes it only for
    // 3.10+ abi3 builds; this wheel targets 3.9+, where the symbol exists all the same.
    fn PyUnicode_AsUTF8AndSize(unicode: *mut ffi::PyObject, size: *mut ffi::Py_ssize_t) -> *const c_char;
}

/// The UTF-8 text of a Python str, borrowed from the object's own cache (no copy). `None`
/// for a str that is not valid UTF-8 (lone surrogates); the Python error is cleared.
pub(crate) fn utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<&'a str> {
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live str; the returned buffer is owned by it and lives as long as
    // it does, which the lifetime 'a ties to the borrow of `s`.
    let ptr = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if ptr.is_null() {
        let _ = PyErr::take(s.py());
        return None;
    }
    let len = usize::try_from(size).ok()?;
    // SAFETY: CPython guarantees `size` bytes of valid UTF-8 at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes).ok()
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

/// A serde deserializer over one Python object.
pub(crate) struct PyDe<'py> {
    obj: Bound<'py, PyAny>,
    depth: usize,
}

impl<'py> PyDe<'py> {
    pub(crate) fn new(obj: Bound<'py, PyAny>) -> Self {
        PyDe { obj, depth: 0 }
    }
}

impl<'de> de::Deserializer<'de> for PyDe<'_> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        let obj = &self.obj;
        // Most values of a report are ints (cells), then strs (keys): test those first.
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
            return match utf8(s) {
                Some(text) => visitor.visit_str(text),
                None => Err(Refused("str is not UTF-8".into())),
            };
        }
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        if self.depth >= MAX_DEPTH {
            return Err(Refused("nested too deeply".into()));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return visitor.visit_map(Entries {
                items: d.iter(),
                value: None,
                depth: self.depth + 1,
            });
        }
        if let Ok(l) = obj.cast::<PyList>() {
            let items: Vec<Bound<'_, PyAny>> = l.iter().collect();
            return visitor.visit_seq(Items {
                items: items.into_iter(),
                depth: self.depth + 1,
            });
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            let items: Vec<Bound<'_, PyAny>> = t.iter().collect();
            return visitor.visit_seq(Items {
                items: items.into_iter(),
                depth: self.depth + 1,
            });
        }
        Err(Refused("not a JSON type".into()))
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
        match self.obj.cast::<PyString>().ok().and_then(utf8) {
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

struct Entries<'py> {
    items: pyo3::types::iter::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Refused> {
        match self.items.next() {
            Some((key, value)) => {
                if !key.is_instance_of::<PyString>() {
                    return Err(Refused("a key is not a str".into()));
                }
                self.value = Some(value);
                seed.deserialize(PyDe {
                    obj: key,
                    depth: self.depth,
                })
                .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        match self.value.take() {
            Some(obj) => seed.deserialize(PyDe { obj, depth: self.depth }),
            None => Err(Refused("value without a key".into())),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Items<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Refused> {
        match self.items.next() {
            Some(obj) => seed.deserialize(PyDe { obj, depth: self.depth }).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}
