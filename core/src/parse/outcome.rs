//! What reading a published report gives: the input kinds, the parsed document with its
//! notes and sources, and the refusal with its code.

use serde::Serialize;

use crate::model::Report;

/// What the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// A web page.
    Html,
    /// Text: copied from a page, crawled, or extracted from a PDF.
    Text,
    /// A PDF file.
    Pdf,
    /// A Word file (`.docx`).
    Docx,
    /// Decide from the content (never from a file name).
    #[default]
    Auto,
}

impl Kind {
    /// The names [`Kind::from_name`] accepts.
    pub const NAMES: [&'static str; 5] = ["auto", "html", "text", "pdf", "docx"];

    /// The kind of a name in [`Kind::NAMES`] (also `name.parse::<Kind>()`, whose error says
    /// which names are accepted).
    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "auto" => Kind::Auto,
            "html" => Kind::Html,
            "text" => Kind::Text,
            "pdf" => Kind::Pdf,
            "docx" => Kind::Docx,
            _ => return None,
        })
    }
}

impl std::str::FromStr for Kind {
    type Err = crate::model::UnknownName;

    fn from_str(s: &str) -> Result<Kind, Self::Err> {
        Kind::from_name(s).ok_or_else(|| crate::model::UnknownName::new("kind", s, &Kind::NAMES))
    }
}

/// What a note says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    title = "说明类别",
    description = "稳定的类别代码：blank 空白单元格，split 连写数字已拆分，ambiguous 无法确定（留空），variant 已知的格式变体，label 行标签与模板不同，skipped 略去的文字或数字，missing 表中没有的行或表，position 按位置读取并经勾稽关系印证。"
)]
pub enum NoteKind {
    /// A cell printed blank (or `—`, `/`, `无` …): `null`.
    Blank,
    /// Cells that ran together were split; the table's arithmetic decided how.
    Split,
    /// Cells that ran together could not be split with certainty: left `null`.
    Ambiguous,
    /// The report deviates from the template in a known way.
    Variant,
    /// A row label printed otherwise than the template prints it (abbreviated, reworded,
    /// missing); the row was read by position.
    Label,
    /// Text left out as not part of the report (page numbers between table rows, the
    /// page's footer after the last section, remarks and figures that belong to no row).
    Skipped,
    /// A template row not printed at all: its cells are `null`.
    Missing,
    /// A row whose label is not printed, placed by position and confirmed by the table's
    /// column sums.
    Position,
}

/// One parse note.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(
    title = "解析说明",
    description = "解析时的一条说明：空白、拆分、无法确定、格式变体、行标签差异、略去的内容、缺失的行。",
    transform = note_required
)]
pub struct Note {
    /// What kind of note (a stable code).
    pub kind: NoteKind,
    /// The cell or row concerned (JSON Pointer), when there is one.
    #[schemars(title = "单元格或行", description = "JSON Pointer；没有时为 null。")]
    pub path: Option<String>,
    /// The text as found.
    #[schemars(title = "原文", description = "报告中印出的文字。")]
    pub raw: Option<String>,
    /// Chinese explanation.
    #[schemars(title = "说明")]
    pub message: String,
    /// English explanation.
    #[schemars(title = "英文说明")]
    pub message_en: String,
    /// For split and ambiguous rows: the readings that fit (cells in printed order, `null`
    /// for a blank).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "候选读法",
        description = "拆分或无法确定的行：可能的各种读法（按印刷顺序的各栏，null 为空白）；没有时不写。"
    )]
    pub candidates: Vec<Vec<Option<i64>>>,
}

/// Every field of a note is always written, but `candidates` only when there are some.
fn note_required(schema: &mut schemars::Schema) {
    schema.insert(
        "required".into(),
        serde_json::json!(["kind", "path", "raw", "message", "message_en"]),
    );
}

impl Note {
    pub(crate) fn new(
        kind: NoteKind,
        path: Option<String>,
        raw: Option<String>,
        message: String,
        message_en: String,
    ) -> Note {
        Note {
            kind,
            path,
            raw: raw.map(shown),
            message,
            message_en,
            candidates: Vec::new(),
        }
    }

    pub(crate) fn with_candidates(mut self, candidates: Vec<Vec<Option<i64>>>) -> Note {
        self.candidates = candidates;
        self
    }
}

/// A parsed report: the canonical document, where each cell came from, and the notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    /// The canonical document.
    pub report: Report,
    /// For every table cell: its JSON Pointer and the text it was read from.
    pub sources: Vec<(String, String)>,
    /// Blanks, splits, ambiguities, variants.
    pub notes: Vec<Note>,
}

/// Why a report could not be parsed, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[schemars(title = "错误代码")]
pub enum ParseErrorCode {
    /// The input is not text (binary, or neither UTF-8 nor a charset it declares).
    NotText,
    /// A PDF or Word file that cannot be read, or a PDF without text (scanned pages).
    FileUnreadable,
    /// Not a report on the 2019 or 2021 template (a pre-2019 free-format report).
    NotATemplateReport,
    /// A section heading the template requires is not found.
    SectionMissing,
    /// No table has figures (tables published as images).
    TableMissing,
    /// The parsed document does not fit the model (a bug of the parser).
    TableUnreadable,
    /// The report year is not found.
    YearMissing,
    /// The input is larger than [`crate::limits::MAX_INPUT_BYTES`] (64 MiB): not read.
    TooLarge,
}

impl ParseErrorCode {
    /// The code as written in JSON (`"SECTION_MISSING"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParseErrorCode::NotText => "NOT_TEXT",
            ParseErrorCode::FileUnreadable => "FILE_UNREADABLE",
            ParseErrorCode::NotATemplateReport => "NOT_A_TEMPLATE_REPORT",
            ParseErrorCode::SectionMissing => "SECTION_MISSING",
            ParseErrorCode::TableMissing => "TABLE_MISSING",
            ParseErrorCode::TableUnreadable => "TABLE_UNREADABLE",
            ParseErrorCode::YearMissing => "YEAR_MISSING",
            ParseErrorCode::TooLarge => "TOO_LARGE",
        }
    }
}

impl std::fmt::Display for ParseErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ParseErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Why a report could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(title = "解析错误", description = "报告无法解析的原因。")]
pub struct ParseError {
    /// Stable code.
    pub code: ParseErrorCode,
    /// Chinese and English explanation.
    #[schemars(title = "说明", description = "中文与英文说明。")]
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}
impl std::error::Error for ParseError {}

pub(super) fn error(code: ParseErrorCode, message: impl Into<String>) -> ParseError {
    ParseError {
        code,
        message: message.into(),
    }
}

/// Printed text as kept in sources and notes: at most [`crate::limits::MAX_RAW_CHARS`]
/// characters, a longer text cut and ended with `…`.
pub(crate) fn shown(raw: String) -> String {
    match raw.char_indices().nth(crate::limits::MAX_RAW_CHARS) {
        None => raw,
        Some((at, _)) => {
            let mut cut = raw;
            cut.truncate(at);
            cut.push('…');
            cut
        }
    }
}
