//! Reads a dict report through core's [`Walker`]: the walk iterates the dicts itself and
//! reads exact ints and `None` directly, and hands every other value to the walker through
//! the serde reader ([`PyDe`]), so each value means what it means in JSON text. Core decides
//! what each key stands for, which keys are required and how a value is read; this only
//! converts.
//!
//! A key is told by identity when it can be: a report's rows repeat the same seven keys,
//! and both `json.loads` (which shares the key objects of one document) and dicts written
//! in code (whose keys are interned) give the same str object each time. Each key position
//! of the template remembers the last key object found there during this walk; that object
//! is alive, unchanged and held by its dict until the walk ends (no Python code runs
//! during it, see [`PyDe`]), so an equal address is the same str. Nothing is remembered
//! across calls.

use pyo3::Borrowed;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use zfxxgk::walk::{ObjectId, Slot, Walker};

use crate::convert::Budget;
use crate::de::{MAX_DEPTH, PyDe, utf8};

/// Asks the processor to bring the cache line at `p` in (a hint: nothing is read).
#[inline(always)]
fn prefetch(p: *const ffi::PyObject) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads no memory and cannot fault, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Why a dict was not read (the lenient path then names the problem).
pub(crate) struct Refused;

struct Walk<'a, 'py> {
    walker: Walker,
    /// Per key position of the template, the key object last found there (or null).
    seen_keys: Vec<*mut ffi::PyObject>,
    budget: &'a Budget<'a, 'py>,
}

/// Reads `dict` as a report of `format`. Only inside [`crate::de::without_gc`].
pub(crate) fn read(
    dict: Borrowed<'_, '_, PyDict>,
    format: zfxxgk::Format,
    budget: &Budget<'_, '_>,
) -> Result<zfxxgk::ReadReport, Refused> {
    let walker = Walker::new(format);
    let mut walk = Walk {
        seen_keys: vec![std::ptr::null_mut(); walker.key_total()],
        walker,
        budget,
    };
    if !budget.take() {
        return Err(Refused);
    }
    let root = walk.walker.root();
    walk.object(dict, root, 1)?;
    walk.walker.into_report().ok_or(Refused)
}

impl<'a, 'py> Walk<'a, 'py> {
    fn object(&mut self, dict: Borrowed<'_, 'py, PyDict>, obj: ObjectId, depth: usize) -> Result<(), Refused> {
        let py = dict.py();
        let mut pos: ffi::Py_ssize_t = 0;
        let mut entry = || {
            let mut key: *mut ffi::PyObject = std::ptr::null_mut();
            let mut value: *mut ffi::PyObject = std::ptr::null_mut();
            // SAFETY: `dict` is a live dict; PyDict_Next hands out borrowed references owned
            // by it, valid while the dict is unchanged, which it is for the whole walk (see PyDe).
            (unsafe { ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut key, &mut value) } != 0).then_some((key, value))
        };
        let mut seen: u128 = 0;
        let mut next = 0;
        // One entry ahead: the next value (a nested dict far away in memory) is asked for
        // before this one is read, so that its load overlaps with this value's work.
        let mut ahead = entry();
        while let Some((key, value)) = ahead {
            ahead = entry();
            if let Some((_, v)) = ahead {
                prefetch(v);
            }
            // The key counts as a value (as `convert::to_value` counts it); so does the
            // value, in `value` or by the serde reader.
            if !self.budget.take() {
                return Err(Refused);
            }
            let i = self.index(py, obj, key, next)?;
            let bit = 1u128 << i;
            if seen & bit != 0 {
                return Err(Refused);
            }
            seen |= bit;
            next = i + 1;
            // SAFETY: set to a live object by PyDict_Next.
            let value = unsafe { Borrowed::from_ptr(py, value) };
            self.value(value, obj, i, depth)?;
        }
        if self.walker.complete(obj, seen) {
            Ok(())
        } else {
            Err(Refused)
        }
    }

    /// The index of `key` among the object's keys.
    #[inline]
    fn index(
        &mut self,
        py: Python<'py>,
        obj: ObjectId,
        key: *mut ffi::PyObject,
        next: usize,
    ) -> Result<usize, Refused> {
        if next < self.walker.key_count(obj) && self.seen_keys[self.walker.key_position(obj, next)] == key {
            return Ok(next);
        }
        // SAFETY: `key` is a live object (owned by the dict for the walk).
        let key_obj = unsafe { Borrowed::from_ptr(py, key) };
        // SAFETY: a live object's type is a live type object.
        let exact = std::ptr::eq(unsafe { ffi::Py_TYPE(key) }, &raw mut ffi::PyUnicode_Type);
        let key_str = if exact {
            // SAFETY: an exact str.
            unsafe { key_obj.cast_unchecked::<PyString>() }
        } else {
            key_obj.cast::<PyString>().map_err(|_| Refused)?
        };
        let i = utf8(&key_str)
            .and_then(|t| self.walker.index_of(obj, t, next))
            .ok_or(Refused)?;
        if exact {
            self.seen_keys[self.walker.key_position(obj, i)] = key;
        }
        Ok(i)
    }

    #[inline]
    fn value(&mut self, value: Borrowed<'_, 'py, PyAny>, obj: ObjectId, i: usize, depth: usize) -> Result<(), Refused> {
        let ptr = value.as_ptr();
        // SAFETY: a live object's type is a live type object.
        let ty = unsafe { ffi::Py_TYPE(ptr) };
        match self.walker.slot(obj, i) {
            Slot::Cell(kind, id) => {
                if std::ptr::eq(ty, &raw mut ffi::PyLong_Type) {
                    let mut overflow: std::ffi::c_int = 0;
                    // SAFETY: an exact int; with `overflow` given, no exception is set for a
                    // value beyond 64 bits (then -1 and overflow ≠ 0).
                    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(ptr, &mut overflow) };
                    if overflow == 0 && self.walker.set_int(kind, id, v) {
                        return if self.budget.take() { Ok(()) } else { Err(Refused) };
                    }
                } else if value.is_none() {
                    self.walker.set_blank(id);
                    return if self.budget.take() { Ok(()) } else { Err(Refused) };
                }
                // Beyond 64 bits, negative, an amount, another type: as serde reads it.
                self.read(value, obj, i, depth)
            }
            Slot::Object(child) => {
                if depth >= MAX_DEPTH || !self.budget.take() {
                    return Err(Refused);
                }
                let dict = if std::ptr::eq(ty, &raw mut ffi::PyDict_Type) {
                    // SAFETY: an exact dict.
                    unsafe { value.cast_unchecked::<PyDict>() }
                } else {
                    value.cast::<PyDict>().map_err(|_| Refused)?
                };
                self.object(dict, child, depth + 1)
            }
            Slot::Field => self.read(value, obj, i, depth),
            Slot::Unsupported => Err(Refused),
        }
    }

    /// Any other value, read by core through serde (which counts it).
    fn read(&mut self, value: Borrowed<'_, 'py, PyAny>, obj: ObjectId, i: usize, depth: usize) -> Result<(), Refused> {
        self.walker
            .read_value(obj, i, PyDe::at(value, depth, self.budget))
            .map_err(|_| Refused)
    }
}
