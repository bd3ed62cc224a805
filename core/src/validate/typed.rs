//! The fast path: a well-formed report read straight into the typed model.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Deserialize;
use serde_json::Value;

use super::structural::document_ranges;
use crate::model::{Format, Report, Report2019, Report2021};
use crate::rules::Emitter;
use crate::sheet::Sheet;

#[derive(Deserialize)]
pub(super) struct Probe<'a> {
    #[serde(borrow)]
    format: Option<Cow<'a, str>>,
}

/// Reads JSON text into the typed model, as strictly as the schema (and refusing duplicate
/// keys): the strict reader checks it first, since serde's derive alone would take an array
/// where a table object belongs as the object's fields in order.
pub(crate) fn typed_text(text: &str) -> Result<Report, serde_json::Error> {
    let report = typed_text_unchecked(text)?;
    let format = report.format();
    let mut de = serde_json::Deserializer::from_str(text);
    super::seed::read(format, &mut de)?;
    de.end()?;
    Ok(report)
}

/// [`typed_text`] without the strict reader's check.
fn typed_text_unchecked(text: &str) -> Result<Report, serde_json::Error> {
    match format_in(text)? {
        Some(Format::V2019) => serde_json::from_str::<Report2019>(text).map(Report::V2019),
        Some(Format::V2021) => serde_json::from_str::<Report2021>(text).map(Report::V2021),
        None => Err(serde::de::Error::custom("format is not \"2019\" or \"2021\"")),
    }
}

/// The format when the document starts with it (`{"format": "2021", …`), as canonical
/// documents do: then the probe pass over the whole text is not needed. A second
/// `format` key later is still caught (as a duplicate field) by the typed read.
pub(super) fn leading_format(text: &str) -> Option<Format> {
    let rest = text
        .trim_start()
        .strip_prefix('{')?
        .trim_start()
        .strip_prefix("\"format\"")?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let (value, _) = rest.split_once('"')?;
    Format::from_name(value)
}

/// Reads a JSON value into the typed model when it is well-formed (checked by the strict
/// reader first, as for [`typed_text`]).
pub(crate) fn typed_value(value: &Value) -> Option<Report> {
    seed_value(value)?;
    match value.get("format")?.as_str().and_then(Format::from_name)? {
        Format::V2019 => Report2019::deserialize(value).ok().map(Report::V2019),
        Format::V2021 => Report2021::deserialize(value).ok().map(Report::V2021),
    }
}

/// The format of JSON text: from its leading key, else from a probe pass (whose syntax
/// error is the text's).
fn format_in(text: &str) -> Result<Option<Format>, serde_json::Error> {
    if let Some(format) = leading_format(text) {
        return Ok(Some(format));
    }
    let probe: Probe<'_> = serde_json::from_str(text)?;
    Ok(probe.format.as_deref().and_then(Format::from_name))
}

/// Reads well-formed JSON text straight into a sheet ([`super::seed`]); `None` for any
/// other text (the structural path then says what is wrong).
pub(super) fn seed_text(text: &str) -> Option<super::seed::Read> {
    let format = format_in(text).ok()??;
    let mut de = serde_json::Deserializer::from_str(text);
    let read = super::seed::read(format, &mut de).ok()?;
    de.end().ok()?;
    Some(read)
}

/// Reads a well-formed JSON value straight into a sheet.
pub(super) fn seed_value(value: &Value) -> Option<super::seed::Read> {
    let format = value.get("format")?.as_str().and_then(Format::from_name)?;
    super::seed::read(format, value).ok()
}

/// The sheet of what the seed read, after the document-level range checks.
pub(super) fn fast_read<'r>(read: &'r super::seed::Read, em: &mut Emitter) -> &'r Sheet {
    document_ranges(
        read.sheet.layout,
        Some(i128::from(read.year)),
        read.bad_date.as_deref(),
        em,
        &mut HashSet::new(),
    );
    &read.sheet
}

/// [`fast_read`], keeping the sheet.
pub(super) fn fast_read_owned(read: super::seed::Read, em: &mut Emitter) -> Sheet {
    fast_read(&read, em);
    read.sheet
}

pub(super) fn fast(report: &Report, em: &mut Emitter) -> Sheet {
    let sheet = Sheet::from_report(report);
    let published = match report {
        Report::V2019(r) => r.published.as_deref(),
        Report::V2021(r) => r.published.as_deref(),
    };
    document_ranges(
        sheet.layout,
        Some(i128::from(report.year())),
        published,
        em,
        &mut HashSet::new(),
    );
    sheet
}
