//! Document-level warnings and information: template version against year, empty text
//! sections, the 信息处理费 statement and the publication date.

use super::{BOTH, Check, Emitter, Finding, ONLY_2021, Rule};
use crate::diagnostic::{Figure, Severity};
use crate::model::Format;
use crate::sheet::{Sheet, Text};

/// `DOC-FORMAT-YEAR`: `year ≤ 2020` with format 2021, or `year ≥ 2021` with format 2019.
pub(crate) static FORMAT_YEAR: Rule = Rule {
    id: "DOC-FORMAT-YEAR",
    severity: Severity::Warning,
    formats: BOTH,
    title: "模板版本与报告年度不符",
    title_en: "Template version does not match the year",
    message: "{year} 年度报告应使用 {expected} 年格式，实际使用 {actual} 年格式",
    message_en: "A report of {year} should use the {expected} template, it uses the {actual} template",
    check: Check::Single(format_year),
};

fn format_year(sheet: &Sheet, em: &mut Emitter) {
    let Some(year) = sheet.year else { return };
    let expected = if year <= 2020 { Format::V2019 } else { Format::V2021 };
    let actual = sheet.layout.format;
    if expected != actual {
        em.emit(&FORMAT_YEAR, || {
            Finding::at("/format", sheet.layout.label("/format"))
                .param("year", year)
                .figures(Figure::Text(expected.to_string()), Figure::Text(actual.to_string()))
        });
    }
}

/// `DOC-SECTION-EMPTY`: 一、总体情况, 五 or 六 missing or blank.
pub(crate) static SECTION_EMPTY: Rule = Rule {
    id: "DOC-SECTION-EMPTY",
    severity: Severity::Warning,
    formats: BOTH,
    title: "正文部分未填写",
    title_en: "Text section empty",
    message: "「{label}」未填写",
    message_en: "{label} is empty",
    check: Check::Single(section_empty),
};

fn section_empty(sheet: &Sheet, em: &mut Emitter) {
    for (key, text) in [
        ("overview", &sheet.overview),
        ("problems", &sheet.problems),
        ("other_matters", &sheet.other_matters),
    ] {
        if *text == Text::Empty {
            let path = format!("/{key}");
            em.emit(&SECTION_EMPTY, || {
                let label = sheet.layout.label(&path);
                Finding::at(path, label)
            });
        }
    }
}

/// `DOC-FEE-NOT-REPORTED` (2021): 六、其他需要报告的事项 says nothing about 信息处理费.
pub(crate) static FEE_NOT_REPORTED: Rule = Rule {
    id: "DOC-FEE-NOT-REPORTED",
    severity: Severity::Info,
    formats: ONLY_2021,
    title: "未报告信息处理费收取情况",
    title_en: "Information processing fees not reported",
    message: "「{label}」未说明信息处理费收取情况（2021 年起依《政府信息公开信息处理费管理办法》在此报告）",
    message_en: "{label} says nothing about information processing fees (reported here from 2021 under the 政府信息公开信息处理费管理办法)",
    check: Check::Single(fee_not_reported),
};

fn fee_not_reported(sheet: &Sheet, em: &mut Emitter) {
    let silent = match &sheet.other_matters {
        Text::Empty => true,
        Text::Present { mentions_fee } => !mentions_fee,
        Text::Invalid => false,
    };
    if silent {
        em.emit(&FEE_NOT_REPORTED, || {
            Finding::at("/other_matters", sheet.layout.label("/other_matters"))
        });
    }
}

/// `DOC-PUBLISHED-LATE`: `published` after 31 January of the next year (the deadline of
/// 县级以上人民政府部门; 本级人民政府 have until 31 March, hence info).
pub(crate) static PUBLISHED_LATE: Rule = Rule {
    id: "DOC-PUBLISHED-LATE",
    severity: Severity::Info,
    formats: BOTH,
    title: "发布日期晚于次年 1 月 31 日",
    title_en: "Published after 31 January of the next year",
    message: "发布日期 {actual} 晚于 {expected}（县级以上人民政府部门应于次年 1 月 31 日前公布，本级人民政府为 3 月 31 日前）",
    message_en: "Published {actual}, after {expected} (the deadline of government departments; people's governments have until 31 March)",
    check: Check::Single(published_late),
};

fn published_late(sheet: &Sheet, em: &mut Emitter) {
    let (Some(year), Some(date)) = (sheet.year, sheet.published) else {
        return;
    };
    let deadline = (year + 1, 1, 31);
    if date > deadline {
        em.emit(&PUBLISHED_LATE, || {
            let show = |(y, m, d): (u32, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
            Finding::at("/published", sheet.layout.label("/published"))
                .figures(Figure::Text(show(deadline)), Figure::Text(show(date)))
        });
    }
}
