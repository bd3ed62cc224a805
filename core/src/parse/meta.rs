//! What a page says about the report besides its tables: the title, the organ, the year,
//! the date published, the preface, and each text section's text without the page's
//! footer.

use super::scan;

const FOOTER: &[&str] = &[
    "附件下载",
    "附件：",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "分享到",
    "上一篇",
    "下一篇",
    "相关链接",
    "责任编辑",
    "版权所有",
    "网站标识码",
];

/// Text of a section: lines trimmed, blank lines and table cell marks dropped.
pub(crate) fn clean(text: &str) -> Option<String> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.replace(['\u{2205}', '\t'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect();
    let joined = lines.join("\n");
    (!joined.is_empty()).then_some(joined)
}

pub(crate) fn until_footer(text: &str) -> &str {
    let cut = FOOTER.iter().filter_map(|m| text.find(m)).min().unwrap_or(text.len());
    &text[..cut]
}

/// The paragraph(s) right before 一、: walking back from the heading over lines that read
/// as prose, stopping at the title or at short navigation lines.
pub(crate) fn preface(before: &str) -> Option<String> {
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in before.lines().rev().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if l.contains("=====") || (l.contains("年度报告") && l.chars().count() < 60) {
            break;
        }
        if i > 0 && l.chars().count() < 15 {
            break;
        }
        kept.push(l);
    }
    kept.reverse();
    clean(&kept.join("\n"))
}

pub(crate) fn first_year(text: &str) -> Option<u32> {
    let chars: Vec<char> = scan::ascii_digits(text).chars().filter(|c| *c != ' ').collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        (before_ok && chars[i + 4] == '年' && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|y| (2000..=2100).contains(y))
    })
}

pub(crate) fn published(text: &str) -> Option<String> {
    for marker in ["发布时间", "发布日期", "成文日期"] {
        if let Some(at) = text.find(marker) {
            let rest: String = text[at + marker.len()..]
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take(10)
                .collect();
            if crate::sheet::parse_date(&rest).is_some() {
                return Some(rest);
            }
        }
    }
    None
}

pub(crate) fn title_of(text: &str, html_title: Option<String>) -> Option<String> {
    if let Some(t) = html_title {
        let t = t.split(['_', '|']).next().unwrap_or("").trim().to_owned();
        if t.contains("报告") {
            return Some(t);
        }
    }
    let mut previous = "";
    for line in text.lines().take(200) {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix("标题:").or_else(|| l.strip_prefix("标题：")) {
            return Some(rest.trim().to_owned());
        }
        if l.contains("政府信息公开") && l.contains("年度报告") && l.chars().count() <= 80 {
            // A PDF prints the organ on the line before `2024 年政府信息公开工作年度报告`.
            if l.starts_with(|c: char| c.is_ascii_digit()) && (1..=30).contains(&previous.chars().count()) {
                return Some(format!("{previous}{}", l.replace(' ', "")));
            }
            return Some(l.to_owned());
        }
        if !l.is_empty() {
            previous = l;
        }
    }
    None
}

pub(crate) fn organ_of(title: &str) -> Option<String> {
    let at = title.char_indices().find(|(_, c)| c.is_ascii_digit())?.0;
    // A report sent as a letter: `XX局关于2021年度政府信息公开工作年度报告` (the organ is
    // what comes before 关于).
    let organ = title[..at].trim();
    let organ = organ.strip_suffix("关于").unwrap_or(organ).trim();
    let organ = organ.strip_prefix("关于").unwrap_or(organ).trim();
    (!organ.is_empty() && organ.chars().count() <= 40).then(|| organ.to_owned())
}

#[cfg(test)]
mod tests {
    use super::organ_of;

    #[test]
    fn the_organ_is_what_the_title_names_before_the_year() {
        assert_eq!(
            organ_of("平潭综合实验区财政金融局2022年政府信息公开工作年度报告").as_deref(),
            Some("平潭综合实验区财政金融局")
        );
        assert_eq!(
            organ_of("平潭综合实验区海坛片区管理局 关于2021年度政府信息公开工作年度报告").as_deref(),
            Some("平潭综合实验区海坛片区管理局")
        );
        assert_eq!(
            organ_of("关于某局2021年度政府信息公开工作年度报告").as_deref(),
            Some("某局")
        );
        assert_eq!(organ_of("关于2021年度政府信息公开工作年度报告"), None);
        assert_eq!(organ_of("2021年度政府信息公开工作年度报告"), None);
    }
}
