//! The one form every front end produces: the report as blocks in reading order, each a
//! line of text or a table grid (rows of cells, rowspan/colspan expanded, hidden rows
//! dropped), with the byte offset in the source each came from.
//!
//! The section finder reads the page as rendered text ([`Page::render`]); the table readers
//! read the grids where the page has them and the lines where it does not.

/// Stands for an empty table cell in rendered text, so that text readers keep every
/// cell's position.
pub(crate) const BLANK: char = '\u{2205}';

/// One cell of a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GridCell {
    /// The cell's text, whitespace collapsed.
    pub text: String,
    /// Where the cell starts in the source.
    pub offset: usize,
    /// A copy of a cell spanning into this position (rowspan/colspan), not a cell of its own.
    pub spanned: bool,
}

/// A block of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A line of text (a paragraph, a heading, a line of a text file).
    Line { text: String, offset: usize },
    /// A table: rows of cells, every row as wide as the table's grid.
    Grid { rows: Vec<Vec<GridCell>>, offset: usize },
}

/// A page as blocks, plus the HTML `<title>` when there is one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}

/// What a position of the rendered text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// The block.
    pub block: usize,
    /// The row of a grid (0 for a line).
    pub row: usize,
}

/// The page as text: each line, and each grid row as its own cells joined by tabs (spanned
/// copies left out), one per line; `places[k]` is where rendered line `k` came from and
/// `starts[k]` its offset in the text (none for a page of plain text, which has no grids).
pub(crate) struct Rendered {
    pub text: String,
    pub starts: Vec<usize>,
    pub places: Vec<Place>,
}

impl Rendered {
    /// The rendered lines that start in `from..to`.
    pub(crate) fn lines_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let first = self.starts.partition_point(|&s| s < from);
        let last = self.starts.partition_point(|&s| s < to);
        first..last.max(first)
    }
}

impl Page {
    /// A page of plain text: no grids, the text itself as its rendering (line endings made
    /// `\n`), so that a text file is not copied line by line.
    pub(crate) fn of_text(text: String) -> (Page, Rendered) {
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        let rendered = Rendered {
            text,
            starts: Vec::new(),
            places: Vec::new(),
        };
        (Page::default(), rendered)
    }

    pub(crate) fn render(&self) -> Rendered {
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut places = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            match block {
                Block::Line { text: line, .. } => {
                    starts.push(text.len());
                    places.push(Place { block: b, row: 0 });
                    text.push_str(line);
                    text.push('\n');
                }
                Block::Grid { rows, .. } => {
                    for (r, row) in rows.iter().enumerate() {
                        starts.push(text.len());
                        places.push(Place { block: b, row: r });
                        let mut first = true;
                        for cell in row.iter().filter(|c| !c.spanned) {
                            if !first {
                                text.push('\t');
                            }
                            first = false;
                            if cell.text.is_empty() {
                                text.push(BLANK);
                            } else {
                                text.push_str(&cell.text);
                            }
                        }
                        text.push('\n');
                    }
                }
            }
        }
        Rendered { text, starts, places }
    }
}
