//! Every limit on what one call reads or builds, in one place (listed for users in
//! `docs/limits.md`, which a test keeps in step with these values). Each is far above what
//! a real report needs, and each, when passed, gives a clear answer rather than more work:
//! a diagnostic, a parse error, or a note.

/// Most bytes of JSON (or of a published report given to `parse`) read by one call; more
/// is `DOC-TOO-LARGE` (validate, fill_totals) or `TOO_LARGE` (parse). Validation can be
/// given a lower limit (`Options::max_input_bytes`).
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// Most values a native object (a Python dict, a JavaScript object) may stand for, a
/// shared part counted each time it appears; more is `DOC-TOO-LARGE`.
pub const MAX_INPUT_VALUES: usize = 1_000_000;

/// Most diagnostics one validation lists when the caller sets no other cap
/// (`max_diagnostics`); the findings beyond are counted per rule and named by one
/// `DOC-TRUNCATED` each, so that a document of a million wrong keys cannot make a
/// server build a million messages. A real report has fewer than a hundred.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// Deepest nesting of a document; deeper is `DOC-TOO-DEEP`.
pub const MAX_DEPTH: usize = 128;

/// Most uncompressed bytes of a Word file's document part.
pub const MAX_DOCX_XML_BYTES: u64 = 32 << 20;

/// Most columns one HTML table cell may span (a larger `colspan` counts as this).
pub const MAX_COLSPAN: usize = 64;

/// Most rows one HTML table cell may span.
pub const MAX_ROWSPAN: usize = 512;

/// Most cells of one HTML table's grid; the cells beyond are not read.
pub const MAX_GRID_CELLS: usize = 200_000;

/// Deepest nesting of HTML tables inside tables.
pub const MAX_TABLE_DEPTH: usize = 64;

/// Most printed rows of one table placed on the template.
pub const MAX_PRINTED_ROWS: usize = 2_000;

/// Most numbers tried while splitting one row of cells that ran together; beyond, the row
/// is `ambiguous` (a real row needs a few hundred).
pub const MAX_SPLIT_STEPS: usize = 20_000;

/// Most readings of one row kept; beyond, the row is `ambiguous`.
pub const MAX_SPLIT_READINGS: usize = 16;

/// Most characters of printed text kept as a cell's source or a note's `raw` (a real cell
/// or row prints a few dozen); longer text is cut and ends in `…`.
pub const MAX_RAW_CHARS: usize = 200;

/// Most pieces of one kind (page numbers, remarks, prose figures) listed one note each;
/// the rest are counted in one note.
pub const MAX_LISTED: usize = 20;
