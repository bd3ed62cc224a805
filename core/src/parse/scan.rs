//! Turning report text into what the table readers need: number tokens grouped by the
//! labels between them, and the positions of the section headings.

use super::page::BLANK;

/// One number as printed (possibly several cells run together: `3960181`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Num {
    /// The text as found (after full-width digits became ASCII).
    pub raw: String,
    /// `+` or `-` when printed.
    pub sign: Option<char>,
    /// The digits before any decimal point.
    pub digits: String,
    /// The digits after a decimal point.
    pub decimals: Option<String>,
    /// `元` or `万元` written after it.
    pub unit: Option<&'static str>,
}

/// A cell value token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    Num(Num),
    /// A cell printed empty or as `—`, `/`, `无` …; the raw text is kept.
    Blank(String),
}

/// Full-width digits and signs to ASCII; no-break and ideographic spaces to spaces.
pub(crate) fn ascii_digits(text: &str) -> String {
    // Plain ASCII, the common case for a line of figures, needs no mapping.
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '＋' => '+',
            '．' => '.',
            '\u{a0}' | '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Text for label matching: no whitespace, ASCII brackets and commas.
pub(crate) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '，' | '、' => ',',
            '：' => ':',
            '“' | '”' | '"' => '"',
            _ => c,
        })
        .collect()
}

fn is_blank_cell(text: &str) -> bool {
    matches!(
        text,
        "—" | "——" | "-" | "--" | "/" | "／" | "无" | "不适用" | "\u{2205}" | "—/—"
    ) || text.chars().all(|c| c == BLANK)
}

/// Removes page numbers printed between rows of a PDF (`- 4 -`, `-5-`); each one removed
/// is added to `dropped` as printed.
fn drop_page_numbers(line: &str, dropped: &mut Listed) -> String {
    if !line.contains('-') {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '-' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let digits_start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let digits = j - digits_start;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if (1..=3).contains(&digits) && j < chars.len() && chars[j] == '-' {
                dropped.push_with(|| chars[i..=j].iter().collect());
                i = j + 1;
                out.push(' ');
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Text between figures, or a run of figures with no text between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// Label text as printed (whitespace kept as single spaces).
    Label(String),
    /// Values, in printed order.
    Run(Vec<Tok>),
}

/// What the scanner left out, as printed.
#[derive(Debug, Default)]
pub(crate) struct LeftOut {
    /// Page numbers between table rows (`- 4 -`).
    pub page_numbers: Listed,
    /// Remarks inside or between cells with figures of their own (`（其中延续12件）`).
    pub remarks: Listed,
    /// Figures of prose (`共8条`) between the rows of a table.
    pub prose: Listed,
}

/// Most pieces of one kind listed one by one in the notes; beyond this they are counted
/// (a real report has a handful; hostile input could have one per byte).
pub(crate) use crate::limits::MAX_LISTED;

/// Pieces of text of one kind that were left out: the first [`MAX_LISTED`] as printed,
/// and how many more.
#[derive(Debug, Default)]
pub(crate) struct Listed {
    pub items: Vec<String>,
    pub more: usize,
}

impl Listed {
    /// Adds a piece, made only when it will be listed.
    pub fn push_with(&mut self, piece: impl FnOnce() -> String) {
        if self.items.len() < MAX_LISTED {
            self.items.push(piece());
        } else {
            self.more += 1;
        }
    }

    pub fn append(&mut self, other: Listed) {
        for item in other.items {
            self.push_with(|| item);
        }
        self.more += other.more;
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A figure followed by one of these (on the same line) is prose, not a cell: `共8条`,
/// `2022年`, `100%`.
const MEASURE_WORDS: &str = "条件个篇次项年月日号%％人期家户余多名位批份所类宗";

/// Removes remarks in brackets that carry figures of their own (`9487（其中延续 12 件）`,
/// `（注：其中 3 件为网上申请）`): a bracket on one line holding an ASCII digit and a
/// CJK character. Row labels in brackets hold no ASCII digits.
pub(crate) fn drop_remarks(line: &str, left_out: &mut LeftOut) -> String {
    if !line.contains(['（', '(']) {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '（' | '(') {
            let close = chars[i + 1..]
                .iter()
                .take(80)
                .position(|c| matches!(c, '）' | ')'))
                .map(|p| i + 1 + p);
            if let Some(close) = close {
                let inner = &chars[i + 1..close];
                let digit = inner.iter().any(char::is_ascii_digit);
                let cjk = inner.iter().any(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
                if digit && cjk {
                    left_out.remarks.push_with(|| chars[i..=close].iter().collect());
                    out.push(' ');
                    i = close + 1;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Splits table text into label text and runs of figures. Page numbers, remarks with
/// figures and prose figures are left out (and listed in `left_out`).
pub(crate) fn segments(text: &str, left_out: &mut LeftOut) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut current: Vec<Tok> = Vec::new();
    let mut label = String::new();
    for line in text.lines() {
        let line = drop_remarks(
            &drop_page_numbers(&ascii_digits(line), &mut left_out.page_numbers),
            left_out,
        );
        let words: Vec<&str> = line
            .split(['\t', ' '])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        for (k, word) in words.iter().enumerate() {
            if is_blank_cell(word) {
                flush_label(&mut label, &mut out);
                current.push(Tok::Blank((*word).to_owned()));
                continue;
            }
            let next = words.get(k + 1).and_then(|w| w.chars().next());
            scan_word(word, next, &mut current, &mut label, &mut out, left_out);
        }
        if !label.is_empty() && !label.ends_with(' ') {
            label.push(' ');
        }
    }
    end_run(&mut current, &mut out);
    flush_label(&mut label, &mut out);
    out
}

fn flush_label(label: &mut String, out: &mut Vec<Seg>) {
    let text = label.trim();
    if !text.is_empty() {
        out.push(Seg::Label(text.to_owned()));
    }
    label.clear();
}

fn end_run(current: &mut Vec<Tok>, out: &mut Vec<Seg>) {
    if !current.is_empty() {
        out.push(Seg::Run(std::mem::take(current)));
    }
}

/// Scans one whitespace-free word: numbers become tokens, anything else is label text and
/// ends the current run. `next` is the first char of the next word on the line.
fn scan_word(
    word: &str,
    next: Option<char>,
    current: &mut Vec<Tok>,
    label: &mut String,
    out: &mut Vec<Seg>,
    left_out: &mut LeftOut,
) {
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let signed = (c == '+' || c == '-')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && (i == 0 || chars[i - 1].is_ascii_digit());
        if !(c.is_ascii_digit() || signed) {
            // Label text: ends the current run of values.
            end_run(current, out);
            label.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let sign = signed.then_some(c);
        if signed {
            i += 1;
        }
        let mut digits = String::new();
        while i < chars.len() && (chars[i].is_ascii_digit() || (chars[i] == ',' && thousands(&chars, i))) {
            if chars[i] != ',' {
                digits.push(chars[i]);
            }
            i += 1;
        }
        // An enumerator glued to the row before: `10000013.要求…` is `1000001` + `3.`.
        if chars.get(i) == Some(&'.') && !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            let enumerator = digits.pop();
            if !digits.is_empty() {
                flush_label(label, out);
                current.push(Tok::Num(Num {
                    raw: chars[start..i - 1].iter().collect(),
                    sign,
                    digits,
                    decimals: None,
                    unit: None,
                }));
            }
            end_run(current, out);
            label.extend(enumerator);
            label.push('.');
            i += 1;
            continue;
        }
        let mut decimals = None;
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            let mut d = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                d.push(chars[i]);
                i += 1;
            }
            decimals = Some(d);
        }
        let raw_end = i;
        let rest: String = chars[i..].iter().take(2).collect();
        let unit = if rest.starts_with("万元") {
            i += 2;
            Some("万元")
        } else if rest.starts_with('元') {
            i += 1;
            Some("元")
        } else {
            None
        };
        let raw: String = chars[start..raw_end].iter().collect();
        let follower = if i < chars.len() { chars.get(i).copied() } else { next };
        if unit.is_none() && follower.is_some_and(|f| MEASURE_WORDS.contains(f)) {
            // A figure of prose: part of the text, not a cell.
            end_run(current, out);
            left_out.prose.push_with(|| raw.clone());
            label.push_str(&raw);
            continue;
        }
        flush_label(label, out);
        current.push(Tok::Num(Num {
            raw,
            sign,
            digits,
            decimals,
            unit,
        }));
    }
}

/// A comma at `i` is a thousands separator when exactly three digits follow it.
fn thousands(chars: &[char], i: usize) -> bool {
    i > 0
        && chars[i - 1].is_ascii_digit()
        && chars
            .get(i + 1..i + 4)
            .is_some_and(|d| d.iter().all(char::is_ascii_digit))
        && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
}

/// Text with whitespace removed (and full-width brackets made ASCII), and where each kept
/// char came from, so that headings split by line breaks or spaces are still found.
pub(crate) struct Squashed {
    pub text: String,
    /// For every byte of `text`: the source byte range of the char it belongs to.
    spans: Vec<(usize, usize)>,
    len: usize,
}

impl Squashed {
    pub(crate) fn new(source: &str) -> Squashed {
        let mut text = String::with_capacity(source.len());
        let mut spans = Vec::with_capacity(source.len());
        for (at, c) in source.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let kept = match c {
                '（' => '(',
                '）' => ')',
                _ => c,
            };
            let span = (at, at + c.len_utf8());
            spans.extend(std::iter::repeat_n(span, kept.len_utf8()));
            text.push(kept);
        }
        Squashed {
            text,
            spans,
            len: source.len(),
        }
    }

    /// The source offset of a byte position in the squashed text.
    pub(crate) fn source_at(&self, squashed: usize) -> usize {
        self.spans.get(squashed).map_or(self.len, |s| s.0)
    }

    /// The source offset just after the squashed range `[.., end)`.
    pub(crate) fn source_after(&self, end: usize) -> usize {
        match end.checked_sub(1).and_then(|i| self.spans.get(i)) {
            Some(s) => s.1,
            None if end == 0 => 0,
            None => self.len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<Vec<String>> {
        segments(text, &mut LeftOut::default())
            .into_iter()
            .filter_map(|s| match s {
                Seg::Run(g) => Some(g),
                Seg::Label(_) => None,
            })
            .map(|g| {
                g.into_iter()
                    .map(|t| match t {
                        Tok::Num(n) => format!(
                            "{}{}{}{}",
                            n.sign.map(String::from).unwrap_or_default(),
                            n.digits,
                            n.decimals.map(|d| format!(".{d}")).unwrap_or_default(),
                            n.unit.unwrap_or("")
                        ),
                        Tok::Blank(b) => format!("<{b}>"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn groups_numbers_between_labels() {
        assert_eq!(
            nums("行政许可3960181\n行政处罚 2648 0 430"),
            vec![vec!["3960181"], vec!["2648", "0", "430"]]
        );
        assert_eq!(
            nums("2.重复申请10000013.要求提供公开出版物0000000"),
            vec![vec!["1000001"], vec!["0000000"]]
        );
        assert_eq!(nums("1.属于国家秘密 0 0"), vec![vec!["0", "0"]]);
        assert_eq!(nums("政府集中采购13575394432.52元"), vec![vec!["13575394432.52元"]]);
        assert_eq!(nums("许可 +1,036 －3 —"), vec![vec!["+1036", "-3", "<—>"]]);
        assert_eq!(nums("- 3 -1 0 0\n-5-\n１２"), vec![vec!["1", "0", "0", "12"]]);
        assert_eq!(
            nums("（一）予以公开\t71\t\u{2205}\t0"),
            vec![vec!["71", "<\u{2205}>", "0"]]
        );
        // A signed figure inside fused digits, prose figures, a remark with figures.
        assert_eq!(nums("行政许可0+11其他"), vec![vec!["0", "+11"]]);
        assert_eq!(
            nums("共8条，其中 3 件\n行政许可 9487（其中延续 12 件）"),
            vec![vec!["9487"]]
        );
    }

    #[test]
    fn labels_are_kept_between_runs() {
        let segs = segments(
            "（一）予以公开710000071（二）部分\n公开290000029",
            &mut LeftOut::default(),
        );
        assert_eq!(segs[0], Seg::Label("（一）予以公开".into()));
        assert_eq!(segs[2], Seg::Label("（二）部分 公开".into()));
    }

    #[test]
    fn squashed_positions_map_back() {
        let s = Squashed::new("甲 一、总体\n情况 乙");
        let at = s.text.find("一、总体情况").unwrap();
        assert_eq!(&"甲 一、总体\n情况 乙"[s.source_at(at)..], "一、总体\n情况 乙");
        let end = at + "一、总体情况".len();
        assert_eq!(&"甲 一、总体\n情况 乙"[s.source_after(end)..], " 乙");
    }
}
