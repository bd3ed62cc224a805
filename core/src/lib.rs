//! zfxxgk: the canonical model, the published JSON Schemas and every checking rule of
//! China's 政府信息公开工作年度报告 (government information disclosure annual reports).
//!
//! ```
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/2019-town.json")).unwrap();
//! let diagnostics = zfxxgk::validate(text.as_str());
//! assert!(diagnostics.iter().all(|d| !d.is_error()));
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod amount;
pub mod arithmetic;
pub mod catalog;
pub mod diagnostic;
pub mod extensions;
pub mod files;
mod json;
pub mod label_en;
pub mod layout;
pub mod limits;
pub mod model;
mod ops;
pub mod panel;
pub mod parse;
mod pointer;
pub mod rules;
pub mod schema;
mod sheet;
mod splice;
mod validate;

pub use diagnostic::{Diagnostic, Figure, Severity};
pub use model::{Format, Report, UnknownName};
pub use ops::{
    Total, Unreadable, YearOutOfRange, checked_template, fill_totals, fill_totals_text, fill_totals_value, template,
    totals_to_fill, totals_to_fill_input,
};
pub use rules::{RULES, Rule, rule};
/// Reading a report from a binding's native objects with the template's knowledge
/// (see [`walk::Walker`]).
pub mod walk {
    pub use crate::layout::CellKind;
    pub use crate::validate::seed::{ObjectId, Slot, Walker};
}
pub use validate::{
    Input, MAX_INPUT_BYTES, MAX_INPUT_VALUES, Options, ReadReport, Validation, is_valid, read_for_check, validate,
    validate_read, validate_report, validate_with,
};

/// The crate version (the version of every binding too).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Reads a report from JSON text into the typed model (strict: anything the schema
/// refuses, and duplicate keys, are errors; use [`validate`] to learn what is wrong).
pub fn read_report(text: &str) -> Result<Report, serde_json::Error> {
    validate::typed_text(text)
}

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
