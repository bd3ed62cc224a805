//! Where the six sections of a report start and end in the page's text: each heading by
//! its ordinal and key words (`四、` with 复议 or 诉讼), whitespace and line breaks inside a
//! heading ignored; and where each table starts inside its section.

use super::scan::Squashed;
use super::{ParseError, ParseErrorCode, error};

/// Where the six sections start and end (byte offsets in the text).
pub(crate) struct Sections {
    /// `(heading start, content start)` of 一 … 六.
    pub heads: [(usize, usize); 6],
    /// Where section 四 ends: the next heading, which may be a section the template does
    /// not have (`五、信息处理费收取情况`).
    pub four_end: usize,
    /// A section the template does not have, between 四 and the problems section.
    pub extra: Option<(usize, usize)>,
}

fn find_after(sq: &Squashed, from: usize, needle: &str, near: &[&str]) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(found) = sq.text.get(at..)?.find(needle) {
        let start = at + found;
        // The heading itself: up to 40 chars, and never past a figure (so that the row
        // `四、结转下年度继续办理` before table 4's heading does not take its words).
        let window: String = sq.text[start..]
            .chars()
            .take(40)
            .take_while(|c| !c.is_ascii_digit())
            .collect();
        if near.is_empty() || near.iter().any(|w| window.contains(w)) {
            return Some((start, start + needle.len()));
        }
        at = start + needle.len();
    }
    None
}

/// The end (in squashed bytes) of a heading's title: up to the first `情况`, `事项`, `措施`
/// or `计划` after its number.
fn heading_end(sq: &Squashed, start: usize, fallback: usize) -> usize {
    let end = (start + 120).min(sq.text.len());
    let mut end_b = end;
    while !sq.text.is_char_boundary(end_b) {
        end_b -= 1;
    }
    let window = &sq.text[start..end_b];
    ["情况", "事项", "措施", "计划"]
        .iter()
        .filter_map(|w| window.find(w).map(|p| start + p + w.len()))
        .min()
        .unwrap_or(fallback)
}

pub(crate) fn sections(text: &str) -> Result<Sections, ParseError> {
    let sq = Squashed::new(text);
    let find = |from: usize, needle: &str, near: &[&str]| find_after(&sq, from, needle, near);
    let two = find(0, "二、主动公开政府信息情况", &[]);
    let Some(two) = two else {
        if sq.text.contains("主动公开政府信息") || sq.text.contains("依申请公开") {
            return Err(error(
                ParseErrorCode::NotATemplateReport,
                "不是 2019/2021 年格式的年度报告（没有“二、主动公开政府信息情况”表格部分；2019 年以前的报告没有全国统一表格） / not a report on the 2019 or 2021 template (no section 二 with its table; reports before 2019 had no national template)",
            ));
        }
        return Err(error(
            ParseErrorCode::SectionMissing,
            "找不到“二、主动公开政府信息情况” / section 二 (proactive disclosure) not found",
        ));
    };
    let one = find(0, "一、总体情况", &[])
        .filter(|o| o.0 < two.0)
        .unwrap_or((two.0, two.0));
    let three = find(two.1, "三、收到和处理政府信息公开申请情况", &[])
        .or_else(|| find(two.1, "三、收到和处理", &["申请"]))
        .ok_or_else(|| {
            error(
                ParseErrorCode::SectionMissing,
                "找不到“三、收到和处理政府信息公开申请情况” / section 三 (applications) not found",
            )
        })?;
    let four = find(three.1, "四、", &["复议", "诉讼"]).ok_or_else(|| {
        error(
            ParseErrorCode::SectionMissing,
            "找不到“四、政府信息公开行政复议、行政诉讼情况” / section 四 (review and litigation) not found",
        )
    })?;
    const PROBLEMS: &[&str] = &["问题", "改进", "不足"];
    const OTHER: &[&str] = &["其他", "其它"];
    let five = find(four.1, "五、", PROBLEMS).or_else(|| find(four.1, "六、", PROBLEMS));
    let after_five = five.map_or(four.1, |f| f.1);
    let six = find(after_five, "六、", OTHER).or_else(|| find(after_five, "七、", OTHER));
    let end = sq.text.len();
    // The first heading after 四, of whatever title, ends section 四.
    let next = [find(four.1, "五、", &[]), five, six]
        .into_iter()
        .flatten()
        .map(|h| h.0)
        .min()
        .unwrap_or(end);
    let extra = (five.is_some_and(|f| f.0 > next) || (five.is_none() && six.is_some_and(|x| x.0 > next)))
        .then(|| (next, five.or(six).map_or(end, |h| h.0)));
    let five = five.unwrap_or((six.map_or(end, |s| s.0), six.map_or(end, |s| s.0)));
    let six = six.unwrap_or((end, end));
    let heads = [one, two, three, four, five, six].map(|(s, e)| {
        let content = if s == e { e } else { heading_end(&sq, s, e) };
        (sq.source_at(s), sq.source_after(content))
    });
    Ok(Sections {
        heads,
        four_end: sq.source_at(next),
        extra: extra.map(|(a, b)| (sq.source_at(a), sq.source_at(b))),
    })
}

/// The text from the first of `labels` on (the whole text when none is found).
pub(crate) fn table_start<'a>(region: &'a str, labels: &[&str]) -> &'a str {
    // Labels are looked for with whitespace removed (`本年新\n收`); where one is printed
    // whole, only the text up to it can hold an earlier, broken one.
    let scope = match labels.iter().filter_map(|l| region.find(l)).min() {
        Some(at) => {
            let mut end = (at + 64).min(region.len());
            while !region.is_char_boundary(end) {
                end -= 1;
            }
            &region[..end]
        }
        None => region,
    };
    let sq = Squashed::new(scope);
    match labels.iter().filter_map(|l| sq.text.find(l)).min() {
        Some(at) => &region[sq.source_at(at)..],
        None => region,
    }
}
