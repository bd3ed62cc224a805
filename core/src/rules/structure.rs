//! Structural rules: reported while reading the JSON and checking it against the JSON
//! Schema (see `validate/structural.rs`), plus `CELL-BLANK`.

use super::{BOTH, Check, Emitter, Finding, Rule};
use crate::diagnostic::Severity;
use crate::sheet::{Cell, Sheet};

macro_rules! structural {
    ($name:ident, $id:literal, $sev:ident, $t:literal, $te:literal, $m:literal, $me:literal) => {
        #[doc = concat!("`", $id, "`: ", $te, ".")]
        pub(crate) static $name: Rule = Rule {
            id: $id,
            severity: Severity::$sev,
            formats: BOTH,
            title: $t,
            title_en: $te,
            message: $m,
            message_en: $me,
            check: Check::Structural,
        };
    };
}

structural!(
    NOT_JSON,
    "DOC-NOT-JSON",
    Error,
    "不是 JSON",
    "Not JSON",
    "不是有效的 JSON（第 {line} 行第 {column} 列）：{detail}",
    "Not valid JSON (line {line}, column {column}): {detail_en}"
);
structural!(
    TOO_DEEP,
    "DOC-TOO-DEEP",
    Error,
    "嵌套过深",
    "Nested too deeply",
    "嵌套超过 128 层{position}，不是年度报告",
    "Nested deeper than 128 levels{position_en}: not an annual report"
);
structural!(
    TOO_LARGE,
    "DOC-TOO-LARGE",
    Error,
    "输入过大",
    "Input too large",
    "{detail}，未进行检查（年度报告通常不足 1 MB）",
    "Input too large: {detail_en}; nothing was checked (an annual report is usually under 1 MB)"
);
structural!(
    TRUNCATED,
    "DOC-TRUNCATED",
    Info,
    "诊断未全部列出",
    "Diagnostics not all listed",
    "另有 {count} 条 {rule} 诊断未列出（最多列出 {limit} 条，可用 max_diagnostics 调整）",
    "{count} more {rule} findings not listed (at most {limit} are listed; see max_diagnostics)"
);
structural!(
    NOT_OBJECT,
    "DOC-NOT-OBJECT",
    Error,
    "不是 JSON 对象",
    "Not a JSON object",
    "年度报告应为 JSON 对象，实际为{actual_type}",
    "An annual report must be a JSON object, found {actual_type_en}"
);
structural!(
    FORMAT,
    "DOC-FORMAT",
    Error,
    "模板版本缺失或无效",
    "Missing or unknown template version",
    "「模板版本」format 应为 \"2019\"（2019、2020 年度报告）或 \"2021\"（2021 年度起），实际为 {actual}",
    "format must be \"2019\" (reports of 2019 and 2020) or \"2021\" (2021 onwards), found {actual}"
);
structural!(
    REQUIRED,
    "S-REQUIRED",
    Error,
    "缺少必填项",
    "Required key missing",
    "缺少「{label}」（键 \"{key}\"）",
    "{label} is missing (key \"{key}\")"
);
structural!(
    UNKNOWN,
    "S-UNKNOWN",
    Error,
    "模板中没有的键",
    "Key not in the template",
    "模板中没有键 \"{key}\"{hint}",
    "The template has no key \"{key}\"{hint_en}"
);
structural!(
    TYPE,
    "S-TYPE",
    Error,
    "类型错误",
    "Wrong type",
    "「{label}」应为{expected_type}，实际为{actual_type}",
    "{label} must be {expected_type_en}, found {actual_type_en}"
);
structural!(
    NEGATIVE,
    "S-NEGATIVE",
    Error,
    "负数",
    "Negative number",
    "「{label}」不能为负数，实际填报 {actual}",
    "{label} cannot be negative, reported {actual}"
);
structural!(
    RANGE,
    "S-RANGE",
    Error,
    "超出范围",
    "Out of range",
    "「{label}」超出范围：{detail}",
    "{label} is out of range: {detail_en}"
);
structural!(
    DUPLICATE,
    "S-DUPLICATE",
    Error,
    "重复的键",
    "Duplicate key",
    "键 \"{key}\" 在同一对象中出现多次，无法确定哪个值有效",
    "Key \"{key}\" appears more than once in one object; which value counts is undefined"
);

/// `CELL-BLANK`: a table cell is `null`.
pub(crate) static CELL_BLANK: Rule = Rule {
    id: "CELL-BLANK",
    severity: Severity::Warning,
    formats: BOTH,
    title: "单元格未填写",
    title_en: "Blank cell",
    message: "「{label}」未填写；模板没有不适用的单元格，没有数据应填 0",
    message_en: "{label} is blank; the template has no not-applicable cells: write 0 when there is nothing to report",
    check: Check::Single(cell_blank),
};

/// Every blank cell, once.
fn cell_blank(sheet: &Sheet, em: &mut Emitter) {
    for (i, cell) in sheet.cells.iter().enumerate() {
        if *cell == Cell::Blank {
            let def = &sheet.layout.cells[i];
            em.emit(&CELL_BLANK, || Finding::at(&def.pointer, &def.label));
        }
    }
}
