//! HTML to lines of text with a real HTML5 parser (html5ever, through `scraper`).
//!
//! Scripts, styles and the like are dropped. Each table row becomes one line whose cells
//! are separated by tabs; an empty cell (`&nbsp;`, nothing) becomes [`BLANK`] so that the
//! table readers keep every cell's position. Block elements and `<br>` end lines. The walk
//! is iterative: deeply nested tags cannot exhaust the stack.

use scraper::node::Node;
use scraper::{Html, Selector};

/// Stands for an empty table cell.
pub(crate) const BLANK: char = '\u{2205}';

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "tbody"
            | "thead"
            | "blockquote"
            | "pre"
            | "hr"
            | "dd"
            | "dt"
    )
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "head" | "iframe" | "select" | "option" | "svg"
    )
}

/// The `<title>` of a page.
pub(crate) fn title(document: &Html) -> Option<String> {
    let selector = Selector::parse("title").ok()?;
    let text: String = document.select(&selector).next()?.text().collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Deepest element nesting accepted. Real report pages nest a few dozen levels; the HTML5
/// tree builder's scope checks cost time proportional to depth per element, so hostile
/// nesting (100,000 `<div>`s) would take minutes.
pub(crate) const MAX_NESTING: usize = 1000;

/// An upper estimate of element nesting from a quick tag scan (elements that usually
/// close themselves, like `<p>` and `<td>`, are not counted).
pub(crate) fn nesting(source: &str) -> usize {
    const VOID: &[&str] = &[
        "br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source", "embed", "param", "track",
        "p", "li", "td", "th", "tr", "option", "dt", "dd",
    ];
    let bytes = source.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").unwrap_or(bytes.len());
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if end == start {
            continue;
        }
        let name = source[start..end].to_ascii_lowercase();
        if name == "script" || name == "style" {
            if !closing {
                i = find(bytes, end, format!("</{name}").as_bytes()).unwrap_or(bytes.len());
            }
            continue;
        }
        let self_closing = find(bytes, end, b">").is_some_and(|gt| gt > 0 && bytes[gt - 1] == b'/');
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Parses a page and renders it as lines.
pub(crate) fn to_lines(source: &str) -> (Vec<String>, Option<String>) {
    let document = Html::parse_document(source);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cell: Option<String> = None;
    let mut skip_depth = 0usize;
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let text = line.trim();
        if !text.is_empty() {
            lines.push(text.to_owned());
        }
        line.clear();
    };
    for edge in document.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0 || is_skipped(name) {
                        skip_depth += 1;
                        continue;
                    }
                    match name {
                        "tr" => flush(&mut line, &mut lines),
                        "td" | "th" => cell = Some(String::new()),
                        "br" | "p" | "div" if cell.is_some() => {
                            if let Some(c) = cell.as_mut() {
                                c.push(' ');
                            }
                        }
                        _ if is_block(name) && cell.is_none() => flush(&mut line, &mut lines),
                        _ => {}
                    }
                }
                Node::Text(text) if skip_depth == 0 => match cell.as_mut() {
                    Some(c) => c.push_str(text),
                    None => line.push_str(text),
                },
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    match name {
                        "td" | "th" => {
                            let text = cell.take().unwrap_or_default();
                            let text = text.replace('\u{a0}', " ");
                            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                            if !line.is_empty() {
                                line.push('\t');
                            }
                            if text.is_empty() {
                                line.push(BLANK);
                            } else {
                                line.push_str(&text);
                            }
                        }
                        "tr" => flush(&mut line, &mut lines),
                        _ if is_block(name) && cell.is_none() => flush(&mut line, &mut lines),
                        _ => {}
                    }
                }
            }
        }
    }
    flush(&mut line, &mut lines);
    (lines, title(&document))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_tab_separated_lines() {
        let (lines, title) = to_lines(
            "<html><head><title>报告_网站</title><script>var a = 1;</script></head><body>\
             <p>一、总体情况</p><table><tr><td rowspan=2>（一）予以<br>公开</td><td>71</td>\
             <td>&nbsp;</td></tr></table><p>五、</p></body></html>",
        );
        assert_eq!(lines, vec!["一、总体情况", "（一）予以 公开\t71\t\u{2205}", "五、"]);
        assert_eq!(title.as_deref(), Some("报告_网站"));
    }

    #[test]
    fn nesting_is_estimated_before_parsing() {
        assert!(nesting(&("<div>".repeat(100_000) + &"</div>".repeat(100_000))) >= 100_000);
        assert_eq!(
            nesting("<div><p>a<p>b<br><img src=x/><script>if (a<b) {}</script></div><div></div>"),
            1
        );
        let html = "<div>".repeat(500) + "一、总体情况" + &"</div>".repeat(500);
        assert!(nesting(&html) <= MAX_NESTING);
        assert_eq!(to_lines(&html).0, vec!["一、总体情况"]);
    }
}
