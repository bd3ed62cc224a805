//! Panel rules: what checking many reports together finds about them as a set (organs ×
//! years). They are reported by [`crate::panel`], never by validating one report.

use super::{BOTH, Check, Rule};
use crate::diagnostic::Severity;

/// `P-UNREADABLE`: a file of the panel could not be read, or not parsed as a report.
pub(crate) static UNREADABLE: Rule = Rule {
    id: "P-UNREADABLE",
    severity: Severity::Error,
    formats: BOTH,
    title: "文件无法读取为报告",
    title_en: "File could not be read as a report",
    message: "文件无法读取为报告（{reason}），未纳入面板",
    message_en: "The file could not be read as a report ({reason_en}); it is not in the panel",
    check: Check::Panel,
};

/// `P-NO-ORGAN`: the report names no organ, so it cannot be placed in the panel.
pub(crate) static NO_ORGAN: Rule = Rule {
    id: "P-NO-ORGAN",
    severity: Severity::Warning,
    formats: BOTH,
    title: "报告未写明机关",
    title_en: "Report names no organ",
    message: "报告未写明机关名称，未纳入面板（无法与同一机关其他年度的报告对照）",
    message_en: "The report names no organ; it is not in the panel (it cannot be compared with other years of its organ)",
    check: Check::Panel,
};

/// `P-NO-YEAR`: the report has no readable year, so it cannot be placed in the panel.
pub(crate) static NO_YEAR: Rule = Rule {
    id: "P-NO-YEAR",
    severity: Severity::Warning,
    formats: BOTH,
    title: "报告年度无法读取",
    title_en: "Report year cannot be read",
    message: "报告年度缺失或无效，未纳入面板（无法与同一机关其他年度的报告对照）",
    message_en: "The report's year is missing or invalid; it is not in the panel (it cannot be compared with other years of its organ)",
    check: Check::Panel,
};

/// `P-NO-PREVIOUS`: the panel holds no report of the same organ for the year before.
pub(crate) static NO_PREVIOUS: Rule = Rule {
    id: "P-NO-PREVIOUS",
    severity: Severity::Info,
    formats: BOTH,
    title: "面板中没有上年报告",
    title_en: "No report of the previous year in the panel",
    message: "所给报告中没有本机关 {expected} 年度的报告，未进行跨年度检查",
    message_en: "No report of this organ for {expected} among the reports given; the cross-year rules were not run",
    check: Check::Panel,
};

/// `P-PREVIOUS-CONFLICT`: last year's reports of the organ disagree, so none is used.
pub(crate) static PREVIOUS_CONFLICT: Rule = Rule {
    id: "P-PREVIOUS-CONFLICT",
    severity: Severity::Warning,
    formats: BOTH,
    title: "上年报告有相互矛盾的多份",
    title_en: "Last year's reports disagree",
    message: "本机关 {expected} 年度有数字相互矛盾的多份报告（{files}），未进行跨年度检查",
    message_en: "This organ has several reports for {expected} whose figures disagree ({files}); the cross-year rules were not run",
    check: Check::Panel,
};

/// `P-DUPLICATE`: several files hold a report of the same organ and year, and their
/// figures agree (a cell blank in one and filled in another is no disagreement).
pub(crate) static DUPLICATE: Rule = Rule {
    id: "P-DUPLICATE",
    severity: Severity::Warning,
    formats: BOTH,
    title: "同一机关同一年度有多份报告",
    title_en: "Several reports of one organ and year",
    message: "本机关本年度共有 {count} 份报告（{files}），数字一致；跨年度检查读取 {primary}",
    message_en: "{count} reports of this organ and year ({files}) with figures that agree; the cross-year rules read {primary}",
    check: Check::Panel,
};

/// `P-CONFLICT`: two reports of the same organ and year print different figures in a cell.
pub(crate) static CONFLICT: Rule = Rule {
    id: "P-CONFLICT",
    severity: Severity::Warning,
    formats: BOTH,
    title: "同一机关同一年度的报告数字不一致",
    title_en: "Reports of one organ and year disagree",
    message: "「{label}」为 {actual}，而本机关本年度的另一份报告 {other} 为 {expected}",
    message_en: "{label} is {actual}, but another report of this organ and year ({other}) has {expected}",
    check: Check::Panel,
};

/// `P-ORGAN-SIMILAR`: two organ names differ only by a bracketed note: not merged.
pub(crate) static ORGAN_SIMILAR: Rule = Rule {
    id: "P-ORGAN-SIMILAR",
    severity: Severity::Info,
    formats: BOTH,
    title: "机关名称相近，未视为同一机关",
    title_en: "Similar organ names, not treated as one organ",
    message: "机关名「{actual}」与面板中的「{expected}」只差括注，未视为同一机关；如为同一机关，请给出机关别名",
    message_en: "Organ \"{actual}\" differs from \"{expected}\" in the panel only by a bracketed note; they are not treated as one organ (give an alias if they are)",
    check: Check::Panel,
};
