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
    title: "发布日期晚于法定期限",
    title_en: "Published after the legal deadline",
    message: "发布日期 {actual} 晚于 {expected}（{why}）",
    message_en: "Published {actual}, after {expected} ({why_en})",
    check: Check::Single(published_late),
};

/// Who publishes a report, for its deadline (条例 第五十条: a people's government's own
/// report by 31 March, a department's by 31 January).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// A people's government, or an organ that stands for one (the 管委会 of a 综合实验区,
    /// 开发区 or 新区), reporting for its whole area.
    Government,
    /// A department of a government (局, 委, 办公室, 中心, …).
    Department,
    /// Not told by the report (a township or 街道, whose deadline provinces set, or no name).
    Unknown,
}

impl Level {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Government => "government",
            Level::Department => "department",
            Level::Unknown => "unknown",
        }
    }
}

/// The organ as the report names it: `organ`, or the title up to its year.
fn organ_name(sheet: &Sheet) -> Option<String> {
    let from_title = || {
        let title = sheet.title.as_deref()?;
        let end = title.find(|c: char| c.is_ascii_digit() || "关于".starts_with(c))?;
        Some(title[..end].to_owned())
    };
    let name = sheet
        .organ
        .clone()
        .filter(|o| !o.trim().is_empty())
        .or_else(from_title)?;
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    (!name.is_empty()).then_some(name)
}

/// The level of a name: what its last word says (`…局` a department, `…人民政府` a
/// government, `…（管委会）` the government of a 综合实验区), else `None`.
fn level_of_name(name: &str) -> Option<Level> {
    const TOWN: [&str; 6] = ["镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处", "街道"];
    const GOVERNMENT: [&str; 4] = ["人民政府", "政府", "管委会", "管理委员会"];
    const DEPARTMENT: [&str; 22] = [
        "局",
        "厅",
        "委员会",
        "委",
        "办公室",
        "办",
        "中心",
        "处",
        "院",
        "所",
        "站",
        "队",
        "署",
        "会",
        "馆",
        "部",
        "公司",
        "集团",
        "社",
        "台",
        "厂",
        "司",
    ];
    const AREA: [&str; 9] = ["区", "县", "市", "省", "州", "旗", "盟", "自治区", "实验区"];
    // A bracketed part at the end names the organ behind the area: 平潭综合实验区（管委会）.
    if let Some(open) = name.rfind(['（', '(']) {
        let inner = name[open..]
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        if name.ends_with(['）', ')']) {
            return level_of_name(inner).or_else(|| level_of_name(&name[..open]));
        }
    }
    if TOWN.iter().any(|w| name.ends_with(w)) {
        return Some(Level::Unknown);
    }
    if GOVERNMENT.iter().any(|w| name.ends_with(w)) {
        return Some(Level::Government);
    }
    if DEPARTMENT.iter().any(|w| name.ends_with(w)) {
        return Some(Level::Department);
    }
    AREA.iter().any(|w| name.ends_with(w)).then_some(Level::Government)
}

/// The level of the organ that published the report: from its name (or title), else from
/// how its overview speaks of itself (我局, 本单位: a department).
pub(crate) fn level(sheet: &Sheet) -> Level {
    if let Some(level) = organ_name(sheet).as_deref().and_then(level_of_name) {
        return level;
    }
    if sheet.speaks_as_department {
        Level::Department
    } else {
        Level::Unknown
    }
}

fn published_late(sheet: &Sheet, em: &mut Emitter) {
    let (Some(year), Some(date)) = (sheet.year, sheet.published) else {
        return;
    };
    let january = (year + 1, 1, 31);
    let march = (year + 1, 3, 31);
    let level = level(sheet);
    let (deadline, why, why_en) = match level {
        Level::Government => (
            march,
            "本级人民政府的年度报告应于次年 3 月 31 日前公布",
            "a people's government publishes its own report by 31 March",
        ),
        Level::Department => (
            january,
            "人民政府部门的年度报告应于次年 1 月 31 日前公布",
            "a government department publishes its report by 31 January",
        ),
        Level::Unknown if date > march => (
            march,
            "晚于任何机关的期限：部门为次年 1 月 31 日，本级人民政府为 3 月 31 日",
            "later than any organ's deadline: 31 January for departments, 31 March for people's governments",
        ),
        Level::Unknown => (
            january,
            "这是人民政府部门的期限；报告未表明机关层级，若为本级人民政府的年度报告，期限为 3 月 31 日，并未逾期",
            "the deadline of a government department; the report does not say which level its organ is, and a people's government's own report is due by 31 March, so it may not be late",
        ),
    };
    if date > deadline {
        em.emit(&PUBLISHED_LATE, || {
            let show = |(y, m, d): (u32, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
            Finding::at("/published", sheet.layout.label("/published"))
                .figures(Figure::Text(show(deadline)), Figure::Text(show(date)))
                .param("level", level.as_str())
                .text("why", why)
                .text("why_en", why_en)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_of_names() {
        for (name, level) in [
            ("平潭综合实验区（管委会）", Some(Level::Government)),
            ("平潭综合实验区", Some(Level::Government)),
            ("淮安市洪泽区人民政府", Some(Level::Government)),
            ("某开发区管理委员会", Some(Level::Government)),
            ("平潭综合实验区管委会办公室", Some(Level::Department)),
            ("平潭综合实验区财政金融局", Some(Level::Department)),
            ("某县卫生健康委员会", Some(Level::Department)),
            ("某市人民政府办公室", Some(Level::Department)),
            ("某镇人民政府", Some(Level::Unknown)),
            ("某街道办事处", Some(Level::Unknown)),
            ("某某", None),
        ] {
            assert_eq!(level_of_name(name), level, "{name}");
        }
    }
}
