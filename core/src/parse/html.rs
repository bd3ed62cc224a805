//! HTML to a [`Page`] in one pass over the tags, without building a document tree.
//!
//! Report pages are portal templates around one article, often exported from Word: `<o:p>`,
//! conditional comments (`<!--[if gte mso 9]>`, `<![if !supportMisalignedColumns]>`), mso
//! styles, hidden spacer rows (`<tr style='display:none'>`), layout tables around the
//! article, tables continued in a second `<table>`. What matters is the text in reading order
//! and each table as a grid: scripts, styles and hidden elements are dropped, rowspan and
//! colspan are expanded, a table holding another table is layout and reads as text. Every
//! scan moves forward only, so time is linear in the input and hostile markup (unclosed
//! tags, 100,000 nested `<div>`s) costs no more than its length.

use super::page::{Block, GridCell, Page};

/// Most cells one grid holds, spanned copies included.
use crate::limits::MAX_GRID_CELLS;
/// Deepest table nesting read as grids (deeper tables read as text).
use crate::limits::MAX_TABLE_DEPTH;
/// Widest colspan and deepest rowspan honoured (HTML allows 1000 and 65534; a report table
/// has at most a dozen columns).
use crate::limits::{MAX_COLSPAN, MAX_ROWSPAN};

/// A tag as read: its lower-case name, whether it closes, and its attributes' source.
struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
}

impl Tag<'_> {
    /// The value of attribute `name` (lower-case), unquoted.
    fn attr(&self, name: &str) -> Option<String> {
        let mut found = None;
        self.each_attr(|key, value| {
            if found.is_none() && key.eq_ignore_ascii_case(name) {
                found = Some(decode_entities(value));
            }
        });
        found
    }

    /// Calls `f(name, raw value)` for every attribute, in order.
    fn each_attr(&self, mut f: impl FnMut(&str, &str)) {
        let bytes = self.attrs.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'/' {
                i += 1;
            }
            let key = &self.attrs[start..i];
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = self.attrs[i + 1..].find(q as char).map_or(bytes.len(), |e| i + 1 + e);
                        value = &self.attrs[i + 1..end];
                        i = end + 1;
                    }
                    _ => {
                        let s = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                            i += 1;
                        }
                        value = &self.attrs[s..i];
                    }
                }
            }
            if start == i {
                i += 1;
            } else {
                f(key, value);
            }
        }
    }

    /// Hidden by its style (`display:none`, Word's `mso-hide:all`) or the `hidden` attribute.
    fn hidden(&self) -> bool {
        // Most tags have styles (`border-left: none` on every cell of a Word table) but
        // none that hides: look for the words that can before reading the style.
        let a = self.attrs.as_bytes();
        let at = |i: usize, word: &[u8]| a.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
        let may_hide = (0..a.len()).any(|i| match a[i] | 0x20 {
            b'd' => at(i, b"display"),
            b'h' => at(i, b"hidden"),
            b'm' => at(i, b"mso-hide"),
            _ => false,
        });
        if !may_hide {
            return false;
        }
        let style: String = self
            .attr("style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        style.contains("display:none") || style.contains("mso-hide:all") || self.attr("hidden").is_some()
    }

    /// `(colspan, rowspan)`, each at least 1 and at most the limit, in one pass.
    fn spans(&self) -> (usize, usize) {
        let (mut colspan, mut rowspan) = (1, 1);
        let number = |v: &str, max: usize| {
            v.trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .map_or(1, |n| n.min(max))
        };
        self.each_attr(|key, value| {
            if key.eq_ignore_ascii_case("colspan") {
                colspan = number(value, MAX_COLSPAN);
            } else if key.eq_ignore_ascii_case("rowspan") {
                rowspan = number(value, MAX_ROWSPAN);
            }
        });
        (colspan, rowspan)
    }
}

/// Elements that start a new line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "caption",
    "center",
    "form",
    "nav",
    "main",
    "aside",
    "figure",
    "figcaption",
    "address",
];

fn is_block(name: &str) -> bool {
    BLOCK.contains(&name)
}

/// Elements whose content is never page text.
const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "select", "svg", "iframe", "object", "xml",
];

fn is_raw(name: &str) -> bool {
    RAW.contains(&name)
}

/// Elements that never have content (so a hidden one hides nothing after it).
const VOID: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source", "embed", "param", "track",
];

fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// A cell being read.
struct OpenCell {
    text: String,
    offset: usize,
    colspan: usize,
    rowspan: usize,
}

/// A table being read as a grid.
struct GridBuilder {
    rows: Vec<Vec<GridCell>>,
    /// Per column: rows still covered by a rowspan above, and the cell that spans.
    carry: Vec<Option<(usize, GridCell)>>,
    row: Option<Vec<GridCell>>,
    cell: Option<OpenCell>,
    offset: usize,
    cells: usize,
}

impl GridBuilder {
    fn new(offset: usize) -> GridBuilder {
        GridBuilder {
            rows: Vec::new(),
            carry: Vec::new(),
            row: None,
            cell: None,
            offset,
            cells: 0,
        }
    }

    /// Copies of cells spanning down from rows above into the next free columns of `row`.
    fn fill_carried(carry: &mut [Option<(usize, GridCell)>], row: &mut Vec<GridCell>, cells: &mut usize) {
        while let Some(slot) = carry.get_mut(row.len()) {
            let Some((left, cell)) = slot else { break };
            let copy = GridCell {
                spanned: true,
                ..cell.clone()
            };
            *left -= 1;
            if *left == 0 {
                *slot = None;
            }
            row.push(copy);
            *cells += 1;
        }
    }

    fn open_row(&mut self) {
        self.close_row();
        self.row = Some(Vec::new());
    }

    fn close_cell(&mut self) {
        let Some(open) = self.cell.take() else { return };
        let row = self.row.get_or_insert_with(Vec::new);
        Self::fill_carried(&mut self.carry, row, &mut self.cells);
        let text = collapse(&open.text);
        let cell = GridCell {
            text,
            offset: open.offset,
            spanned: false,
        };
        let budget = MAX_GRID_CELLS.saturating_sub(self.cells);
        let colspan = open.colspan.min(budget.max(1));
        let rowspan = if budget > colspan * open.rowspan {
            open.rowspan
        } else {
            1
        };
        for k in 0..colspan {
            let copy = GridCell {
                spanned: k > 0,
                ..cell.clone()
            };
            if rowspan > 1 {
                let col = row.len();
                if self.carry.len() <= col {
                    self.carry.resize(col + 1, None);
                }
                self.carry[col] = Some((rowspan - 1, copy.clone()));
            }
            row.push(copy);
            self.cells += 1;
        }
        Self::fill_carried(&mut self.carry, row, &mut self.cells);
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(mut row) = self.row.take() {
            // Cells spanning down into columns after the last cell of this row.
            let width = self.carry.len();
            while row.len() < width {
                match self.carry.get(row.len()) {
                    Some(Some(_)) => Self::fill_carried(&mut self.carry, &mut row, &mut self.cells),
                    _ => row.push(GridCell {
                        text: String::new(),
                        offset: 0,
                        spanned: true,
                    }),
                }
            }
            if !row.is_empty() {
                self.rows.push(row);
            }
        }
    }

    fn finish(mut self) -> Option<Block> {
        self.close_row();
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut self.rows {
            while row.len() < width {
                row.push(GridCell {
                    text: String::new(),
                    offset: 0,
                    spanned: true,
                });
            }
        }
        (!self.rows.is_empty()).then_some(Block::Grid {
            rows: self.rows,
            offset: self.offset,
        })
    }

    /// The text read so far, as lines: for a table found to be layout (it holds a table).
    fn into_lines(mut self, out: &mut Vec<Block>) {
        let open = self.cell.take();
        self.close_row();
        for row in self.rows {
            for cell in row.into_iter().filter(|c| !c.spanned && !c.text.is_empty()) {
                out.push(Block::Line {
                    text: cell.text,
                    offset: cell.offset,
                });
            }
        }
        if let Some(open) = open {
            let text = collapse(&open.text);
            if !text.is_empty() {
                out.push(Block::Line {
                    text,
                    offset: open.offset,
                });
            }
        }
    }
}

/// Whitespace (no-break spaces included) collapsed to single spaces, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An open table: a grid, or layout read as text.
enum Table {
    Grid(GridBuilder),
    Layout,
}

struct Reader {
    out: Vec<Block>,
    line: String,
    line_offset: usize,
    tables: Vec<Table>,
    /// An element hidden by its style, and how many of the same name are open inside it.
    hidden: Option<(String, usize)>,
    title: Option<String>,
}

impl Reader {
    fn flush_line(&mut self) {
        let text = collapse(&self.line);
        if !text.is_empty() {
            self.out.push(Block::Line {
                text,
                offset: self.line_offset,
            });
        }
        self.line.clear();
    }

    fn grid(&mut self) -> Option<&mut GridBuilder> {
        match self.tables.last_mut() {
            Some(Table::Grid(g)) => Some(g),
            _ => None,
        }
    }

    fn text(&mut self, text: &str, offset: usize) {
        if self.hidden.is_some() {
            return;
        }
        if let Some(cell) = self.grid().and_then(|g| g.cell.as_mut()) {
            cell.text.push_str(text);
            return;
        }
        if self.line.trim().is_empty() {
            self.line_offset = offset;
        }
        self.line.push_str(text);
    }

    fn tag(&mut self, tag: &Tag, offset: usize) {
        let name = tag.name.as_str();
        if let Some((hidden_name, depth)) = &mut self.hidden {
            // A hidden row or cell ends where the next one (or the table) starts, closed or not.
            let ends_at: &[&str] = match hidden_name.as_str() {
                "tr" => &["tr", "table", "tbody", "thead", "tfoot"],
                "td" | "th" => &["td", "th", "tr", "table", "tbody", "thead", "tfoot"],
                _ => &[],
            };
            if ends_at.contains(&name) {
                let closes_itself = tag.closing && name == hidden_name;
                self.hidden = None;
                if closes_itself {
                    return;
                }
            } else if !ends_at.is_empty() {
                return;
            } else if hidden_name == name && !is_void(name) {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        self.hidden = None;
                    }
                } else {
                    *depth += 1;
                }
                return;
            } else {
                return;
            }
        }
        if !tag.closing && !is_void(name) && !matches!(name, "tr" | "td" | "th") && tag.hidden() {
            self.hidden = Some((tag.name.clone(), 1));
            return;
        }
        match (name, tag.closing) {
            ("table", false) => {
                self.flush_line();
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.tables.push(Table::Layout);
                    return;
                }
                // A table inside a grid's cell: the outer table is layout.
                if let Some(Table::Grid(_)) = self.tables.last()
                    && let Some(Table::Grid(outer)) = self.tables.pop()
                {
                    outer.into_lines(&mut self.out);
                    self.tables.push(Table::Layout);
                }
                self.tables.push(Table::Grid(GridBuilder::new(offset)));
            }
            ("table", true) => {
                if let Some(Table::Grid(g)) = self.tables.pop() {
                    self.flush_line();
                    if let Some(block) = g.finish() {
                        self.out.push(block);
                    }
                }
                self.flush_line();
            }
            ("tr", closing) => match self.grid() {
                Some(g) if closing => g.close_row(),
                Some(g) => {
                    g.open_row();
                    if tag.hidden() {
                        // A hidden row (Word's spacer row): read, then dropped.
                        g.row = None;
                        self.hidden = Some(("tr".into(), 1));
                    }
                }
                None => self.flush_line(),
            },
            ("td" | "th", closing) => match self.grid() {
                Some(g) if closing => g.close_cell(),
                Some(g) => {
                    g.close_cell();
                    if g.row.is_none() {
                        g.open_row();
                    }
                    if tag.hidden() {
                        self.hidden = Some((tag.name.clone(), 1));
                        return;
                    }
                    let (colspan, rowspan) = tag.spans();
                    g.cell = Some(OpenCell {
                        text: String::new(),
                        offset,
                        colspan,
                        rowspan,
                    });
                }
                None => self.flush_line(),
            },
            _ if is_block(name) => match self.grid().and_then(|g| g.cell.as_mut()) {
                Some(cell) => cell.text.push(' '),
                None => self.flush_line(),
            },
            _ => {}
        }
    }
}

/// Where `needle` (ASCII, any case) starts at or after `from`.
pub(crate) fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (lower, upper) = (needle[0].to_ascii_lowercase(), needle[0].to_ascii_uppercase());
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let at = i + hay[i..=hay.len() - needle.len()]
            .iter()
            .position(|&b| b == lower || b == upper)?;
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The end of a tag whose name ends at `i`: the byte after its `>` (quotes honoured), or the
/// input's end.
fn tag_end(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (i, i + 1),
            None => {}
        }
        i += 1;
    }
    (bytes.len(), bytes.len())
}

/// Reads a page.
pub(crate) fn page(source: &str) -> Page {
    let bytes = source.as_bytes();
    let mut r = Reader {
        out: Vec::new(),
        line: String::new(),
        line_offset: 0,
        tables: Vec::new(),
        hidden: None,
        title: None,
    };
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| i + p) else {
            r.text(&decode_entities(&source[i..]), i);
            break;
        };
        if lt > i {
            r.text(&decode_entities(&source[i..lt]), i);
        }
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find_ci(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
            i = bytes[lt..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |e| lt + e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b':' || **b == b'-' || **b == b'_')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            if closing {
                // `</ …>` with no name: a bogus comment.
                i = bytes[lt..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |e| lt + e + 1);
            } else {
                r.text("<", lt);
                i = lt + 1;
            }
            continue;
        }
        let name_end = name_start + name_len;
        let (attrs_end, next) = tag_end(bytes, name_end);
        let name = source[name_start..name_end].to_ascii_lowercase();
        let tag = Tag {
            name,
            closing,
            attrs: &source[name_end..attrs_end],
        };
        i = next;
        if !closing && (is_raw(&tag.name) || tag.name == "title") {
            let close = format!("</{}", tag.name);
            let end = find_ci(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            if tag.name == "title" && r.title.is_none() {
                let title = collapse(&decode_entities(&source[i..end]));
                r.title = (!title.is_empty()).then_some(title);
            }
            i = if end < bytes.len() {
                tag_end(bytes, end + close.len()).1
            } else {
                end
            };
            continue;
        }
        r.tag(&tag, lt);
    }
    r.flush_line();
    while let Some(table) = r.tables.pop() {
        if let Table::Grid(g) = table
            && let Some(block) = g.finish()
        {
            r.out.push(block);
        }
    }
    Page {
        blocks: r.out,
        title: r.title,
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "ensp" | "emsp" | "thinsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "permil" => '‰',
        "sect" => '§',
        "shy" | "zwnj" | "zwj" => '\u{200b}',
        _ => return None,
    })
}

/// Character references decoded; unknown ones kept as written.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let body: String = rest[1..]
            .chars()
            .take(12)
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
            .collect();
        let has_semi = rest[1 + body.len()..].starts_with(';');
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.map(|v| char::from_u32(v).filter(|c| *c != '\0').unwrap_or('\u{fffd}'))
        } else if has_semi || matches!(body.as_str(), "nbsp" | "amp" | "lt" | "gt" | "quot") {
            named_entity(&body)
        } else {
            None
        };
        match decoded {
            Some(c) if !body.is_empty() => {
                if c != '\u{200b}' {
                    out.push(c);
                }
                rest = &rest[1 + body.len() + usize::from(has_semi)..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_texts(page: &Page) -> Vec<Vec<Vec<String>>> {
        page.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Grid { rows, .. } => Some(
                    rows.iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| {
                                    if c.spanned {
                                        format!("^{}", c.text)
                                    } else {
                                        c.text.clone()
                                    }
                                })
                                .collect()
                        })
                        .collect(),
                ),
                Block::Line { .. } => None,
            })
            .collect()
    }

    fn lines(page: &Page) -> Vec<String> {
        page.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line { text, .. } => Some(text.clone()),
                Block::Grid { .. } => None,
            })
            .collect()
    }

    #[test]
    fn text_and_grids_in_reading_order() {
        let page = page(
            "<html><head><title>报告_网站</title><script>var a = '<td>';</script></head><body>\
             <p>一、总体&nbsp;情况</p><table><tr><td rowspan=2>（一）予以<br>公开</td><td>71</td>\
             <td>&nbsp;</td></tr><tr><td colspan=2>5</td></tr></table><p>五、&ldquo;问题&rdquo;</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("报告_网站"));
        assert_eq!(lines(&page), vec!["一、总体 情况", "五、“问题”"]);
        assert_eq!(
            grid_texts(&page),
            vec![vec![
                vec!["（一）予以 公开", "71", ""],
                vec!["^（一）予以 公开", "5", "^5"]
            ]]
        );
    }

    #[test]
    fn word_markup_hidden_rows_and_layout_tables() {
        let page = page(
            "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->\
             <table><tr><td>版式<table class=MsoNormalTable><tr><td><p class=MsoNormal>规章<o:p></o:p></p></td>\
             <td>0</td></tr><![if !supportMisalignedColumns]><tr height=0 style='display:none'><td width=20></td>\
             <td width=30></td></tr><![endif]></table></td></tr></table>\
             <span style=\"display: none\">隐藏<span>的</span></span>可见",
        );
        assert_eq!(grid_texts(&page), vec![vec![vec!["规章", "0"]]]);
        assert_eq!(lines(&page), vec!["版式", "可见"]);
    }

    #[test]
    fn hostile_markup_is_linear() {
        let open = "<a".repeat(200_000);
        assert!(page(&open).blocks.is_empty());
        let unbalanced = "<div></i>".repeat(100_000);
        assert!(page(&unbalanced).blocks.is_empty());
        let wide = "<table><tr><td colspan=100000 rowspan=100000>x</td></tr></table>";
        let Block::Grid { rows, .. } = &page(wide).blocks[0] else {
            panic!()
        };
        assert_eq!(rows[0].len(), MAX_COLSPAN);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b&#65;&#x4e00;&nbsp&unknown;&"),
            "a&bA一 &unknown;&"
        );
    }
}
