//! The C API of zfxxgk (`libzfxxgk`, header `include/zfxxgk.h`).
//!
//! Conventions, after rustls-ffi:
//! - every name is prefixed `zfxxgk_`;
//! - results are a `zfxxgk_result`; outputs are written only when it is `ZFXXGK_OK`;
//! - a `zfxxgk_diagnostics` handle is opaque, immutable once created, and may be read from
//!   any number of threads at once; free it with `zfxxgk_diagnostics_free`;
//! - strings returned through `char **` are owned by the caller and freed with
//!   `zfxxgk_string_free`; strings returned as `const char *` belong to the handle (or are
//!   static) and live as long as it;
//! - inputs are byte buffers with a length: they need no NUL terminator;
//! - no panic crosses the boundary (`ZFXXGK_PANIC`, or NULL / 0 from accessors).
#![allow(non_camel_case_types)]

use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;
use std::sync::OnceLock;

use zfxxgk::{Diagnostic, Format, Input, Options};
use zfxxgk_core as zfxxgk;

/// The outcome of a call.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zfxxgk_result {
    /// Success: the outputs were written.
    ZFXXGK_OK = 0,
    /// A required pointer argument was NULL.
    /// Nothing was written.
    ZFXXGK_NULL_ARGUMENT = 1,
    /// An argument is out of range (an unknown format or kind, a year outside 2019-2100, a length above PTRDIFF_MAX).
    ZFXXGK_INVALID_ARGUMENT = 2,
    /// The input is not a report (not JSON, not an object, no known `format`); validate it to learn why.
    ZFXXGK_NOT_A_REPORT = 3,
    /// An internal error (a bug): nothing was written.
    /// Please report it.
    ZFXXGK_PANIC = 4,
    /// A file or directory could not be read or written (a directory of a panel that cannot be listed, its output file).
    ZFXXGK_IO_ERROR = 5,
}

/// Template versions, for `zfxxgk_schema` and `zfxxgk_template` (passed as `uint32_t`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zfxxgk_format {
    /// Either version (only for `zfxxgk_schema`: the schema that accepts both).
    ZFXXGK_FORMAT_ANY = 0,
    /// The 2019 template (reports of 2019 and 2020).
    ZFXXGK_FORMAT_2019 = 2019,
    /// The 2021 template (reports of 2021 onwards).
    ZFXXGK_FORMAT_2021 = 2021,
}

/// The strings of one diagnostic, NUL-terminated, in one buffer (one allocation per
/// diagnostic instead of one per string: the C API then costs little over core).
struct Item {
    buf: Vec<u8>,
    /// Start offsets in `buf` of rule, path, label, message, message_en, expected, actual
    /// (`usize::MAX` for an absent figure), label_en, then every related pointer, then the name and
    /// the value of every parameter.
    starts: Vec<usize>,
    /// How many related pointers there are.
    related: usize,
    severity: &'static std::ffi::CStr,
}

const RULE: usize = 0;
const PATH: usize = 1;
const LABEL: usize = 2;
const MESSAGE: usize = 3;
const MESSAGE_EN: usize = 4;
const EXPECTED: usize = 5;
const ACTUAL: usize = 6;
const LABEL_EN: usize = 7;
const RELATED: usize = 8;

impl Item {
    fn push(&mut self, text: Option<&str>) {
        let Some(text) = text else {
            self.starts.push(usize::MAX);
            return;
        };
        self.starts.push(self.buf.len());
        if text.as_bytes().contains(&0) {
            // A NUL inside (possible only in a key the caller wrote) would cut the C string.
            self.buf.extend_from_slice(text.replace('\0', "\u{fffd}").as_bytes());
        } else {
            self.buf.extend_from_slice(text.as_bytes());
        }
        self.buf.push(0);
    }

    fn get(&self, which: usize) -> *const c_char {
        match self.starts.get(which) {
            // SAFETY: every start is the offset of a NUL-terminated string inside `buf`.
            Some(&start) if start != usize::MAX => unsafe { self.buf.as_ptr().add(start).cast() },
            _ => ptr::null(),
        }
    }
}

/// The diagnostics of one validation (opaque). Immutable: safe to read from several
/// threads at once. Free with `zfxxgk_diagnostics_free`.
pub struct zfxxgk_diagnostics {
    items: Vec<Item>,
    diagnostics: Vec<Diagnostic>,
    /// Rendered on first request (most callers read the items and never ask).
    json: OnceLock<CString>,
    valid: bool,
    truncated: usize,
}

/// A C string from Rust text; a NUL inside (possible only in a key the caller wrote) is
/// shown as U+FFFD so that the string is not cut short.
fn c_string(s: &str) -> CString {
    CString::new(s).unwrap_or_else(|_| CString::new(s.replace('\0', "\u{fffd}")).unwrap_or_default())
}

fn item(d: &Diagnostic) -> Item {
    let expected = d.expected.as_ref().map(ToString::to_string);
    let actual = d.actual.as_ref().map(ToString::to_string);
    let size = d.rule.len()
        + d.path.len()
        + d.label.len()
        + d.label_en.len()
        + d.message.len()
        + d.message_en.len()
        + 64
        + d.related.iter().map(|r| r.len() + 1).sum::<usize>()
        + d.params.keys().map(|k| k.len() + 24).sum::<usize>();
    let mut item = Item {
        buf: Vec::with_capacity(size),
        starts: Vec::with_capacity(RELATED + d.related.len() + 2 * d.params.len()),
        related: d.related.len(),
        severity: match d.severity {
            zfxxgk::Severity::Error => c"error",
            zfxxgk::Severity::Warning => c"warning",
            zfxxgk::Severity::Info => c"info",
        },
    };
    for text in [
        Some(&*d.rule),
        Some(&d.path),
        Some(&d.label),
        Some(&d.message),
        Some(&d.message_en),
    ] {
        item.push(text);
    }
    item.push(expected.as_deref());
    item.push(actual.as_deref());
    item.push(Some(&d.label_en));
    for r in &d.related {
        item.push(Some(r));
    }
    for (name, value) in &d.params {
        item.push(Some(name));
        item.push(Some(&value.to_string()));
    }
    item
}

impl Item {
    fn params(&self) -> usize {
        (self.starts.len() - RELATED - self.related) / 2
    }
    /// Name (`value` false) or value (`value` true) of parameter `k`.
    fn param(&self, k: usize, value: bool) -> *const c_char {
        if k >= self.params() {
            return ptr::null();
        }
        self.get(RELATED + self.related + 2 * k + usize::from(value))
    }
}

/// What an export returns when a panic is caught at the boundary: `ZFXXGK_PANIC`, NULL, 0
/// or false.
trait OnPanic {
    fn on_panic() -> Self;
}

impl OnPanic for zfxxgk_result {
    fn on_panic() -> Self {
        zfxxgk_result::ZFXXGK_PANIC
    }
}

impl OnPanic for *const c_char {
    fn on_panic() -> Self {
        ptr::null()
    }
}

impl OnPanic for usize {
    fn on_panic() -> Self {
        0
    }
}

impl OnPanic for bool {
    fn on_panic() -> Self {
        false
    }
}

impl OnPanic for () {
    fn on_panic() -> Self {}
}

/// The panic boundary of every export: the whole body runs inside `catch_unwind`, and a
/// panic becomes the return type's [`OnPanic`] value. Every `extern "C" fn` of this file
/// starts with it (a test of `zfxxgk-c-header` checks).
macro_rules! boundary {
    ($($body:tt)*) => {
        match catch_unwind(AssertUnwindSafe(|| { $($body)* })) {
            Ok(value) => value,
            Err(_) => OnPanic::on_panic(),
        }
    };
}

/// An input buffer: `Err(ZFXXGK_NULL_ARGUMENT)` for NULL, `Err(ZFXXGK_INVALID_ARGUMENT)` for a
/// length no buffer can have (above `isize::MAX`, where a slice would be undefined behaviour).
///
/// # Safety
/// `data` must be NULL or point to `len` readable bytes.
unsafe fn bytes<'a>(data: *const u8, len: usize) -> Result<&'a [u8], zfxxgk_result> {
    if data.is_null() {
        Err(zfxxgk_result::ZFXXGK_NULL_ARGUMENT)
    } else if isize::try_from(len).is_err() {
        Err(zfxxgk_result::ZFXXGK_INVALID_ARGUMENT)
    } else {
        // SAFETY: the caller guarantees `len` readable bytes at `data`; `len` ≤ isize::MAX.
        Ok(unsafe { std::slice::from_raw_parts(data, len) })
    }
}

/// An optional input buffer: NULL is `None`.
///
/// # Safety
/// As [`bytes`].
unsafe fn optional_bytes<'a>(data: *const u8, len: usize) -> Result<Option<&'a [u8]>, zfxxgk_result> {
    if data.is_null() {
        Ok(None)
    } else {
        // SAFETY: as documented for the caller.
        unsafe { bytes(data, len) }.map(Some)
    }
}

/// Writes an owned string to `*out` / `*out_len`.
///
/// # Safety
/// `out` and `out_len` must be valid for writes (checked non-NULL by the caller).
unsafe fn give_string(text: String, out: *mut *mut c_char, out_len: *mut usize) {
    let c = c_string(&text);
    let len = c.as_bytes().len();
    // SAFETY: checked non-NULL by every caller; the caller owns the storage.
    unsafe {
        *out_len = len;
        *out = c.into_raw();
    }
}

/// Checks a report given as UTF-8 JSON bytes (`report`, `report_len`; no NUL terminator
/// needed) and creates a diagnostics handle in `*out`.
///
/// `previous` / `previous_len`: last year's report of the same organ, for the cross-year
/// rules, or NULL. `max_diagnostics`: keep at most this many (0 = `ZFXXGK_MAX_DIAGNOSTICS`,
/// 10,000; `SIZE_MAX` for all); the rest are counted by `zfxxgk_diagnostics_truncated` and
/// each rule cut is named by one `DOC-TRUNCATED` diagnostic after the ones kept.
///
/// Input that is not JSON, not UTF-8 or not a report is not an error of this call: it is a
/// diagnostic (`DOC-NOT-JSON`, …) in the handle, as in every zfxxgk language.
///
/// Returns `ZFXXGK_NULL_ARGUMENT` when `report` or `out` is NULL; `*out` is written only
/// on `ZFXXGK_OK`, and then must be freed with `zfxxgk_diagnostics_free`.
///
/// Thread-safe: may be called from any number of threads at once.
///
/// # Safety
/// `report` must point to `report_len` readable bytes; `previous` must be NULL or point
/// to `previous_len` readable bytes; `out` must be valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_validate(
    report: *const u8,
    report_len: usize,
    previous: *const u8,
    previous_len: usize,
    max_diagnostics: usize,
    out: *mut *mut zfxxgk_diagnostics,
) -> zfxxgk_result {
    boundary! {
        // SAFETY: the same contract.
        unsafe { zfxxgk_validate_limited(report, report_len, previous, previous_len, max_diagnostics, 0, out) }
    }
}

/// `zfxxgk_validate` with a limit on the input's size: a report (or previous report) longer
/// than `max_input_bytes` bytes is not read and gets the diagnostic `DOC-TOO-LARGE`
/// (`0` = the default, `ZFXXGK_MAX_INPUT_BYTES`, 64 MiB, which `zfxxgk_validate` uses).
///
/// # Safety
/// As `zfxxgk_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_validate_limited(
    report: *const u8,
    report_len: usize,
    previous: *const u8,
    previous_len: usize,
    max_diagnostics: usize,
    max_input_bytes: usize,
    out: *mut *mut zfxxgk_diagnostics,
) -> zfxxgk_result {
    boundary! {
        if out.is_null() {
            return zfxxgk_result::ZFXXGK_NULL_ARGUMENT;
        }
        // SAFETY: as documented for the caller.
        let report = match unsafe { bytes(report, report_len) } {
            Ok(report) => report,
            Err(e) => return e,
        };
        // SAFETY: as documented for the caller.
        let previous = match unsafe { optional_bytes(previous, previous_len) } {
            Ok(previous) => previous,
            Err(e) => return e,
        };
        let options = Options {
            previous: previous.map(Input::Bytes),
            max_diagnostics: (max_diagnostics > 0).then_some(max_diagnostics),
            max_input_bytes: if max_input_bytes == 0 { zfxxgk::MAX_INPUT_BYTES } else { max_input_bytes },
        };
        let v = zfxxgk::validate_with(report, &options);
        let handle = Box::new(zfxxgk_diagnostics {
            items: v.diagnostics.iter().map(item).collect(),
            valid: v.is_valid(),
            truncated: v.truncated.iter().map(|(_, n)| n).sum(),
            diagnostics: v.diagnostics,
            json: OnceLock::new(),
        });
        // SAFETY: `out` is non-NULL and valid for a write.
        unsafe { *out = Box::into_raw(handle) };
        zfxxgk_result::ZFXXGK_OK
    }
}

/// Frees a handle from `zfxxgk_validate`. NULL is ignored. The handle and every string
/// read from it are invalid afterwards.
///
/// # Safety
/// `diagnostics` must be NULL or a handle from `zfxxgk_validate` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostics_free(diagnostics: *mut zfxxgk_diagnostics) {
    boundary! {
        if !diagnostics.is_null() {
            // SAFETY: created by Box::into_raw in zfxxgk_validate, freed once.
            drop(unsafe { Box::from_raw(diagnostics) });
        }
    }
}

/// # Safety
/// `d` must be NULL or a live handle.
unsafe fn handle<'a>(d: *const zfxxgk_diagnostics) -> Option<&'a zfxxgk_diagnostics> {
    // SAFETY: the caller passes NULL or a live handle.
    unsafe { d.as_ref() }
}

/// The number of diagnostics in the handle (0 for NULL).
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostics_count(diagnostics: *const zfxxgk_diagnostics) -> usize {
    boundary! {
        // SAFETY: as documented.
        unsafe { handle(diagnostics) }.map_or(0, |d| d.items.len())
    }
}

/// True when the report has no error-severity diagnostic (false for NULL).
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostics_is_valid(diagnostics: *const zfxxgk_diagnostics) -> bool {
    boundary! {
        // SAFETY: as documented.
        unsafe { handle(diagnostics) }.is_some_and(|d| d.valid)
    }
}

/// How many diagnostics `max_diagnostics` left out (0 for NULL).
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostics_truncated(diagnostics: *const zfxxgk_diagnostics) -> usize {
    boundary! {
        // SAFETY: as documented.
        unsafe { handle(diagnostics) }.map_or(0, |d| d.truncated)
    }
}

/// Every diagnostic as a JSON array (the same text as `zfxxgk validate --output json` for
/// one file), NUL-terminated, owned by the handle. NULL for a NULL handle.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostics_json(diagnostics: *const zfxxgk_diagnostics) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { handle(diagnostics) }.map_or(ptr::null(), |d| {
            d.json
                .get_or_init(|| {
                    c_string(&serde_json::to_string_pretty(&d.diagnostics).unwrap_or_else(|_| "[]".to_owned()))
                })
                .as_ptr()
        })
    }
}

/// Diagnostic `index` of a handle; `None` for a NULL handle or an index out of range.
///
/// # Safety
/// `d` must be NULL or a live handle.
unsafe fn item_of<'a>(d: *const zfxxgk_diagnostics, index: usize) -> Option<&'a Item> {
    // SAFETY: the caller passes NULL or a live handle.
    unsafe { handle(d) }.and_then(|d| d.items.get(index))
}

/// String `which` of diagnostic `index`, or NULL.
///
/// # Safety
/// `d` must be NULL or a live handle.
unsafe fn field(d: *const zfxxgk_diagnostics, index: usize, which: usize) -> *const c_char {
    // SAFETY: the caller passes NULL or a live handle.
    unsafe { item_of(d, index) }.map_or(ptr::null(), |i| i.get(which))
}

/// The rule id of diagnostic `index` (e.g. `"T3-ROW-TOTAL"`), owned by the handle; NULL
/// when the handle is NULL or `index` is out of range. The same holds for every
/// `zfxxgk_diagnostic_*` accessor below.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_rule(diagnostics: *const zfxxgk_diagnostics, index: usize) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, RULE) }
    }
}

/// `"error"`, `"warning"` or `"info"` (static), or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_severity(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { item_of(diagnostics, index) }.map_or(ptr::null(), |i| i.severity.as_ptr())
    }
}

/// The JSON Pointer of the cell (`""` for the whole document), or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_path(diagnostics: *const zfxxgk_diagnostics, index: usize) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, PATH) }
    }
}

/// The printed label (e.g. `"表三 · （一）予以公开 · 总计"`), UTF-8, or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_label(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, LABEL) }
    }
}

/// The printed label in English (e.g. `"Table 3 · (1) Disclosed · total"`), UTF-8, or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_label_en(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, LABEL_EN) }
    }
}

/// The Chinese message, UTF-8, or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_message(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, MESSAGE) }
    }
}

/// The English message, UTF-8, or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_message_en(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, MESSAGE_EN) }
    }
}

/// The expected figure as text (an exact integer or decimal, or text), or NULL when the
/// rule has none.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_expected(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, EXPECTED) }
    }
}

/// The actual (reported) figure as text, or NULL when the rule has none.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_actual(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { field(diagnostics, index, ACTUAL) }
    }
}

/// How many related cells diagnostic `index` names (0 when out of range).
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_related_count(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
) -> usize {
    boundary! {
        // SAFETY: as documented.
        unsafe { item_of(diagnostics, index) }.map_or(0, |i| i.related)
    }
}

/// The JSON Pointer of related cell `related` of diagnostic `index`, or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_related(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
    related: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { item_of(diagnostics, index) }
            .filter(|i| related < i.related)
            .map_or(ptr::null(), |i| i.get(RELATED + related))
    }
}

/// How many named parameters diagnostic `index` carries (0 when out of range): the values
/// that fill its message (`key`, `suggestion`, `new`, …; every rule's list is in
/// docs/rules.md).
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_param_count(diagnostics: *const zfxxgk_diagnostics, index: usize) -> usize {
    boundary! {
        // SAFETY: as documented.
        unsafe { item_of(diagnostics, index) }.map_or(0, Item::params)
    }
}

/// The name of parameter `param` of diagnostic `index` (in name order), or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_param_name(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
    param: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { item_of(diagnostics, index) }.map_or(ptr::null(), |i| i.param(param, false))
    }
}

/// The value of parameter `param` of diagnostic `index` as text (an exact integer or
/// decimal, or text), or NULL.
///
/// # Safety
/// `diagnostics` must be NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_param_value(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
    param: usize,
) -> *const c_char {
    boundary! {
        // SAFETY: as documented.
        unsafe { item_of(diagnostics, index) }.map_or(ptr::null(), |i| i.param(param, true))
    }
}

/// The value of the parameter called `name` (NUL-terminated) of diagnostic `index` as text,
/// or NULL when it has none (or `name` is NULL).
///
/// # Safety
/// `diagnostics` must be NULL or a live handle; `name` NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_param(
    diagnostics: *const zfxxgk_diagnostics,
    index: usize,
    name: *const c_char,
) -> *const c_char {
    boundary! {
        if name.is_null() {
            return ptr::null();
        }
        // SAFETY: `name` is a NUL-terminated string (documented).
        let name = unsafe { std::ffi::CStr::from_ptr(name) }.to_bytes();
        // SAFETY: as documented.
        let Some(item) = (unsafe { item_of(diagnostics, index) }) else {
            return ptr::null();
        };
        (0..item.params())
            .find(|&k| {
                // SAFETY: every name pointer is a NUL-terminated string inside the item.
                unsafe { std::ffi::CStr::from_ptr(item.param(k, false)) }.to_bytes() == name
            })
            .map_or(ptr::null(), |k| item.param(k, true))
    }
}

/// Writes a caller-owned string computed by `make` (which returns `Err` to pass a result).
fn string_call(
    out: *mut *mut c_char,
    out_len: *mut usize,
    make: impl FnOnce() -> Result<String, zfxxgk_result>,
) -> zfxxgk_result {
    if out.is_null() || out_len.is_null() {
        return zfxxgk_result::ZFXXGK_NULL_ARGUMENT;
    }
    match make() {
        Ok(text) => {
            // SAFETY: both checked non-NULL; the caller owns the storage.
            unsafe { give_string(text, out, out_len) };
            zfxxgk_result::ZFXXGK_OK
        }
        Err(r) => r,
    }
}

fn pretty(v: &impl serde::Serialize) -> Result<String, zfxxgk_result> {
    serde_json::to_string_pretty(v).map_err(|_| zfxxgk_result::ZFXXGK_PANIC)
}

fn template_format(format: u32) -> Option<Format> {
    match format {
        2019 => Some(Format::V2019),
        2021 => Some(Format::V2021),
        _ => None,
    }
}

/// The published JSON Schema of `format` (a `zfxxgk_format`: `ZFXXGK_FORMAT_ANY` for the
/// schema accepting either version) into `*out` (NUL-terminated UTF-8, length without
/// the NUL in `*out_len`). Free `*out` with `zfxxgk_string_free`.
///
/// # Safety
/// `out` and `out_len` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_schema(format: u32, out: *mut *mut c_char, out_len: *mut usize) -> zfxxgk_result {
    boundary! {
        string_call(out, out_len, || match format {
            0 => pretty(&zfxxgk::schema::any_report_schema()),
            _ => template_format(format).map_or(Err(zfxxgk_result::ZFXXGK_INVALID_ARGUMENT), |f| {
                pretty(zfxxgk::schema::report_schema(f))
            }),
        })
    }
}

/// The JSON Schema of one diagnostic record. Ownership as `zfxxgk_schema`.
///
/// # Safety
/// `out` and `out_len` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_diagnostic_schema(out: *mut *mut c_char, out_len: *mut usize) -> zfxxgk_result {
    boundary! {
        string_call(out, out_len, || pretty(&zfxxgk::schema::diagnostic_schema()))
    }
}

/// A blank (zero-filled) report of `format` (2019 or 2021) for `year` (2019–2100), as
/// JSON. Ownership as `zfxxgk_schema`. `ZFXXGK_INVALID_ARGUMENT` for other values.
///
/// # Safety
/// `out` and `out_len` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_template(
    format: u32,
    year: u32,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> zfxxgk_result {
    boundary! {
        string_call(out, out_len, || match template_format(format) {
            Some(f) => pretty(&zfxxgk::checked_template(f, year.into()).map_err(|_| zfxxgk_result::ZFXXGK_INVALID_ARGUMENT)?),
            _ => Err(zfxxgk_result::ZFXXGK_INVALID_ARGUMENT),
        })
    }
}

/// Computes every total of tables 3 and 4 from its parts and writes the completed report
/// as JSON to `*out`: the input's text with only the total cells changed (a missing total
/// added at the end of its row), every other byte as given. `ZFXXGK_NOT_A_REPORT` when the
/// input is not a JSON object with a known `format`, or writes a key twice in one object.
/// Ownership as `zfxxgk_schema`.
///
/// # Safety
/// `report` must point to `report_len` readable bytes; `out`, `out_len` valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_fill_totals(
    report: *const u8,
    report_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> zfxxgk_result {
    boundary! {
        // SAFETY: as documented for the caller.
        let report = match unsafe { bytes(report, report_len) } {
            Ok(report) => report,
            Err(e) => return e,
        };
        string_call(out, out_len, || {
            zfxxgk::fill_totals_text(report).map_err(|_| zfxxgk_result::ZFXXGK_NOT_A_REPORT)
        })
    }
}

/// The rule catalog as JSON (`[{"id", "severity", "formats", "title", "title_en",
/// "message", "message_en"}, …]`). Ownership as `zfxxgk_schema`.
///
/// # Safety
/// `out` and `out_len` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_rules(out: *mut *mut c_char, out_len: *mut usize) -> zfxxgk_result {
    boundary! {
        string_call(out, out_len, || pretty(&zfxxgk::RULES))
    }
}

/// Reads a published report (a web page, text copied or crawled from one or extracted
/// from a PDF, a PDF or Word file; `report_len` bytes, no NUL needed) into the canonical document.
/// `kind`: 0 decide from the content, 1 HTML, 2 text, 3 PDF file, 4 Word (`.docx`) file. Writes JSON to `*out`: either
/// `{"report": …, "notes": […], "sources": [[pointer, raw], …]}`, or
/// `{"error": {"code": "SECTION_MISSING" …, "message": …}}` when the input is not a
/// readable template report (that is a result, so the call still returns `ZFXXGK_OK`).
/// `ZFXXGK_INVALID_ARGUMENT` for another `kind`. Ownership as `zfxxgk_schema`.
/// Thread-safe.
///
/// # Safety
/// `report` must point to `report_len` readable bytes; `out`, `out_len` valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_parse(
    report: *const u8,
    report_len: usize,
    kind: u32,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> zfxxgk_result {
    boundary! {
        // SAFETY: as documented for the caller.
        let report = match unsafe { bytes(report, report_len) } {
            Ok(report) => report,
            Err(e) => return e,
        };
        string_call(out, out_len, || {
            let kind = match kind {
                0 => zfxxgk::parse::Kind::Auto,
                1 => zfxxgk::parse::Kind::Html,
                2 => zfxxgk::parse::Kind::Text,
                3 => zfxxgk::parse::Kind::Pdf,
                4 => zfxxgk::parse::Kind::Docx,
                _ => return Err(zfxxgk_result::ZFXXGK_INVALID_ARGUMENT),
            };
            match zfxxgk::parse::parse(report, kind) {
                Ok(parsed) => pretty(&parsed),
                Err(e) => pretty(&serde_json::json!({ "error": e })),
            }
        })
    }
}

/// A NUL-terminated path: any bytes on Unix, UTF-8 elsewhere. `ZFXXGK_NULL_ARGUMENT` for NULL.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string.
unsafe fn path_arg(p: *const c_char) -> Result<std::path::PathBuf, zfxxgk_result> {
    if p.is_null() {
        return Err(zfxxgk_result::ZFXXGK_NULL_ARGUMENT);
    }
    // SAFETY: the caller guarantees a NUL-terminated string.
    let bytes = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    #[cfg(unix)]
    return Ok(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes).into());
    #[cfg(not(unix))]
    return std::str::from_utf8(bytes)
        .map(std::path::PathBuf::from)
        .map_err(|_| zfxxgk_result::ZFXXGK_INVALID_ARGUMENT);
}

/// The request of a panel call: `count` NUL-terminated paths and the options JSON.
///
/// # Safety
/// As documented for [`zfxxgk_panel_json`].
unsafe fn panel_request(
    paths: *const *const c_char,
    count: usize,
    options: *const u8,
    options_len: usize,
) -> Result<zfxxgk::panel::Request, zfxxgk_result> {
    if paths.is_null() && count > 0 {
        return Err(zfxxgk_result::ZFXXGK_NULL_ARGUMENT);
    }
    if count > isize::MAX as usize / std::mem::size_of::<*const c_char>() {
        return Err(zfxxgk_result::ZFXXGK_INVALID_ARGUMENT);
    }
    let list: &[*const c_char] = if count == 0 {
        &[]
    } else {
        // SAFETY: the caller guarantees `count` readable pointers at `paths`; the size fits isize.
        unsafe { std::slice::from_raw_parts(paths, count) }
    };
    let mut out = Vec::with_capacity(count);
    for &p in list {
        // SAFETY: as documented for the caller.
        out.push(unsafe { path_arg(p) }?);
    }
    // SAFETY: as documented for the caller.
    let options = unsafe { optional_bytes(options, options_len) }?.unwrap_or_default();
    zfxxgk::panel::Request::from_json(out, options).map_err(|_| zfxxgk_result::ZFXXGK_INVALID_ARGUMENT)
}

/// Checks many reports together as a panel of organs × years (each report against the
/// previous year's report of the same organ) and writes the whole panel as JSON to `*out`:
/// `{"organs", "duplicates", "similar_names", "reports", "totals"}`, the document of
/// `zfxxgk check --panel --output json`. Ownership as `zfxxgk_schema`.
///
/// `paths`: `paths_count` NUL-terminated paths of files and directories (searched for
/// published reports, or for the `extensions` of the options). `options` /
/// `options_len`: a JSON object or NULL: `{"extensions": ["json"], "aliases": {"name":
/// "canonical name"}, "kind": "auto" | "html" | "text" | "pdf" | "docx",
/// "max_diagnostics": N}`, every key optional. Files that cannot be read are results
/// (`P-UNREADABLE`), not errors. Returns `ZFXXGK_INVALID_ARGUMENT` for options that are
/// not such an object (an unknown key, a wrong type), `ZFXXGK_IO_ERROR` when a directory
/// cannot be listed. Everything is held in memory: write large panels with
/// `zfxxgk_panel_csv`. Thread-safe (the checks run on a pool of threads).
///
/// # Safety
/// `paths` must point to `paths_count` NUL-terminated strings (NULL only when
/// `paths_count` is 0); `options` NULL or `options_len` readable bytes; `out`, `out_len`
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_panel_json(
    paths: *const *const c_char,
    paths_count: usize,
    options: *const u8,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> zfxxgk_result {
    boundary! {
        // SAFETY: as documented for the caller.
        let request = match unsafe { panel_request(paths, paths_count, options, options_len) } {
            Ok(r) => r,
            Err(e) => return e,
        };
        string_call(out, out_len, || {
            let files = request.files().map_err(|_| zfxxgk_result::ZFXXGK_IO_ERROR)?;
            let panel = zfxxgk::panel::Panel::scan(files, request.options, &|_| {});
            let mut doc = Vec::new();
            panel
                .write_json(&mut doc, &|_| {}, false, |_| {})
                .map_err(|_| zfxxgk_result::ZFXXGK_IO_ERROR)?;
            String::from_utf8(doc).map_err(|_| zfxxgk_result::ZFXXGK_PANIC)
        })
    }
}

/// Checks a panel as `zfxxgk_panel_json` does and writes its tidy table as CSV to the file
/// `out_path` (NUL-terminated) while it is checked, so that memory stays flat however many
/// reports: exactly what `zfxxgk check --panel --output csv` writes (one row per report ×
/// cell, per diagnostic and per parse note). `totals` / `totals_len`: NULL, or where the
/// counts are written as JSON (`{"files", "with_errors", "unreadable", "cross_year",
/// "errors", "warnings", "infos"}`, ownership as `zfxxgk_schema`). Returns
/// `ZFXXGK_IO_ERROR` when a directory cannot be listed or the file cannot be written.
///
/// # Safety
/// As `zfxxgk_panel_json`; `out_path` a NUL-terminated string; `totals`, `totals_len` NULL
/// or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_panel_csv(
    paths: *const *const c_char,
    paths_count: usize,
    options: *const u8,
    options_len: usize,
    out_path: *const c_char,
    totals: *mut *mut c_char,
    totals_len: *mut usize,
) -> zfxxgk_result {
    boundary! {
        use std::io::Write;
        if out_path.is_null() || totals.is_null() != totals_len.is_null() {
            return zfxxgk_result::ZFXXGK_NULL_ARGUMENT;
        }
        // SAFETY: as documented for the caller.
        let request = match unsafe { panel_request(paths, paths_count, options, options_len) } {
            Ok(r) => r,
            Err(e) => return e,
        };
        // SAFETY: as documented for the caller.
        let out_file = match unsafe { path_arg(out_path) } {
            Ok(path) => path,
            Err(e) => return e,
        };
        let Ok(files) = request.files() else {
            return zfxxgk_result::ZFXXGK_IO_ERROR;
        };
        let panel = zfxxgk::panel::Panel::scan(files, request.options, &|_| {});
        let written = std::fs::File::create(&out_file).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            let t = panel.write_csv(&mut w, &|_| {}, |_| {})?;
            w.flush()?;
            Ok(t)
        });
        let Ok(counts) = written else {
            return zfxxgk_result::ZFXXGK_IO_ERROR;
        };
        if !totals.is_null() {
            let text = serde_json::to_string(&counts).unwrap_or_default();
            // SAFETY: both checked non-NULL; the caller owns the storage.
            unsafe { give_string(text, totals, totals_len) };
        }
        zfxxgk_result::ZFXXGK_OK
    }
}

/// Frees a string returned through `char **` by this library. NULL is ignored.
///
/// # Safety
/// `s` must be NULL or a string from this library not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zfxxgk_string_free(s: *mut c_char) {
    boundary! {
        if !s.is_null() {
            // SAFETY: created by CString::into_raw in this library, freed once.
            drop(unsafe { CString::from_raw(s) });
        }
    }
}

/// The library version (e.g. `"0.1.0"`, equal to `ZFXXGK_VERSION` of the header it was
/// built with), static.
#[unsafe(no_mangle)]
pub extern "C" fn zfxxgk_version() -> *const c_char {
    boundary! {
        VERSION.as_ptr()
    }
}

static VERSION: &std::ffi::CStr =
    match std::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => c"unknown",
    };

impl zfxxgk_result {
    /// Every result, for `zfxxgk_result_message`.
    const ALL: [zfxxgk_result; 6] = [
        zfxxgk_result::ZFXXGK_OK,
        zfxxgk_result::ZFXXGK_NULL_ARGUMENT,
        zfxxgk_result::ZFXXGK_INVALID_ARGUMENT,
        zfxxgk_result::ZFXXGK_NOT_A_REPORT,
        zfxxgk_result::ZFXXGK_PANIC,
        zfxxgk_result::ZFXXGK_IO_ERROR,
    ];

    /// The one description of each result: the first sentence of its doc comment above,
    /// which cbindgen copies into the header (a test of `zfxxgk-c-header` checks that
    /// they agree).
    fn message(self) -> &'static std::ffi::CStr {
        match self {
            zfxxgk_result::ZFXXGK_OK => c"Success: the outputs were written.",
            zfxxgk_result::ZFXXGK_NULL_ARGUMENT => c"A required pointer argument was NULL.",
            zfxxgk_result::ZFXXGK_INVALID_ARGUMENT => c"An argument is out of range (an unknown format or kind, a year outside 2019-2100, a length above PTRDIFF_MAX).",
            zfxxgk_result::ZFXXGK_NOT_A_REPORT => c"The input is not a report (not JSON, not an object, no known `format`); validate it to learn why.",
            zfxxgk_result::ZFXXGK_PANIC => c"An internal error (a bug): nothing was written.",
            zfxxgk_result::ZFXXGK_IO_ERROR => c"A file or directory could not be read or written (a directory of a panel that cannot be listed, its output file).",
        }
    }
}

/// A static English description of a `zfxxgk_result` value (any integer is accepted:
/// `"unknown result code"` for one that is none).
#[unsafe(no_mangle)]
pub extern "C" fn zfxxgk_result_message(result: i32) -> *const c_char {
    boundary! {
        zfxxgk_result::ALL
            .iter()
            .find(|r| **r as i32 == result)
            .map_or(c"unknown result code", |r| r.message())
            .as_ptr()
    }
}
