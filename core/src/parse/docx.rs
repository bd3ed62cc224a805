//! Word files (`.docx`): the body of `word/document.xml` as a [`Page`]: each paragraph a
//! line, each table (`w:tbl`) a grid with `w:gridSpan` and `w:vMerge` expanded, a table
//! inside a table cell read as text.
//!
//! The zip container is read here (central directory, stored or deflated entries) so that
//! every size is bounded before anything is inflated.

use std::io::Read;

use super::html::decode_entities;
use super::page::{Block, GridCell, Page};

/// Most bytes `word/document.xml` may inflate to (a long report is well under 2 MB).
use crate::limits::MAX_DOCX_XML_BYTES as MAX_XML_BYTES;

/// Whether the bytes are a zip file holding a Word document.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(17).any(|w| w == b"word/document.xml")
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// The inflated bytes of the entry `name` of a zip file.
fn zip_entry(zip: &[u8], name: &[u8]) -> Result<Vec<u8>, String> {
    let broken = || "the Word file is not a readable zip archive".to_owned();
    // End of central directory: within the last 64 KB + 22 bytes.
    let tail = zip.len().saturating_sub(65_557);
    let eocd = (tail..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(broken)?;
    let entries = u16_at(zip, eocd + 10).ok_or_else(broken)?;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(broken)?;
    for _ in 0..entries {
        if !zip.get(at..).is_some_and(|b| b.starts_with(b"PK\x01\x02")) {
            return Err(broken());
        }
        let method = u16_at(zip, at + 10).ok_or_else(broken)?;
        let compressed = u32_at(zip, at + 20).ok_or_else(broken)?;
        let size = u32_at(zip, at + 24).ok_or_else(broken)?;
        let name_len = u16_at(zip, at + 28).ok_or_else(broken)?;
        let extra_len = u16_at(zip, at + 30).ok_or_else(broken)?;
        let comment_len = u16_at(zip, at + 32).ok_or_else(broken)?;
        let local = u32_at(zip, at + 42).ok_or_else(broken)?;
        let entry_name = zip.get(at + 46..at + 46 + name_len).ok_or_else(broken)?;
        if entry_name == name {
            if size as u64 > MAX_XML_BYTES {
                return Err(format!("the Word document is larger than {} MB", MAX_XML_BYTES >> 20));
            }
            if !zip.get(local..).is_some_and(|b| b.starts_with(b"PK\x03\x04")) {
                return Err(broken());
            }
            let start = local
                + 30
                + u16_at(zip, local + 26).ok_or_else(broken)?
                + u16_at(zip, local + 28).ok_or_else(broken)?;
            let data = zip
                .get(start..start.checked_add(compressed).ok_or_else(broken)?)
                .ok_or_else(broken)?;
            return match method {
                0 => Ok(data.to_vec()),
                8 => {
                    let mut out = Vec::with_capacity(size.min(MAX_XML_BYTES as usize));
                    flate2::read::DeflateDecoder::new(data)
                        .take(MAX_XML_BYTES + 1)
                        .read_to_end(&mut out)
                        .map_err(|_| broken())?;
                    if out.len() as u64 > MAX_XML_BYTES {
                        return Err(format!("the Word document is larger than {} MB", MAX_XML_BYTES >> 20));
                    }
                    Ok(out)
                }
                _ => Err(format!(
                    "the Word file uses zip compression method {method}, which is not supported"
                )),
            };
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Err("the zip archive holds no word/document.xml: not a Word document".into())
}

/// A table being read: rows of (cell, vertical merge) where `Some(false)` continues the
/// cell above.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<(GridCell, Option<bool>)>>,
    row: Option<Vec<(GridCell, Option<bool>)>>,
    cell: Option<(String, usize, usize, Option<bool>)>,
    offset: usize,
    /// A table inside a cell: this one reads as text.
    layout: bool,
}

impl Table {
    fn close_cell(&mut self) {
        if let Some((text, offset, span, merge)) = self.cell.take() {
            let row = self.row.get_or_insert_with(Vec::new);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for k in 0..span.clamp(1, 64) {
                row.push((
                    GridCell {
                        text: text.clone(),
                        offset,
                        spanned: k > 0,
                    },
                    merge,
                ));
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }

    fn finish(mut self) -> Option<Block> {
        self.close_row();
        let width = self.rows.iter().map(Vec::len).max()?;
        let mut grid: Vec<Vec<GridCell>> = Vec::with_capacity(self.rows.len());
        for row in self.rows {
            let mut cells = Vec::with_capacity(width);
            for (c, (cell, merge)) in row.into_iter().enumerate() {
                let above = grid.last().and_then(|r: &Vec<GridCell>| r.get(c));
                match (merge, above) {
                    (Some(false), Some(above)) => cells.push(GridCell {
                        spanned: true,
                        ..above.clone()
                    }),
                    _ => cells.push(cell),
                }
            }
            while cells.len() < width {
                cells.push(GridCell {
                    text: String::new(),
                    offset: 0,
                    spanned: true,
                });
            }
            grid.push(cells);
        }
        Some(Block::Grid {
            rows: grid,
            offset: self.offset,
        })
    }
}

/// The value of attribute `w:val` in a tag's source.
fn val(attrs: &str) -> Option<&str> {
    let at = attrs.find("w:val=")? + "w:val=".len();
    let quote = attrs[at..].chars().next()?;
    let rest = &attrs[at + quote.len_utf8()..];
    rest.find(quote).map(|end| &rest[..end])
}

/// Reads a Word file.
pub(crate) fn page(bytes: &[u8]) -> Result<Page, String> {
    let xml = zip_entry(bytes, b"word/document.xml")?;
    let xml = String::from_utf8(xml).map_err(|_| "word/document.xml is not UTF-8".to_owned())?;
    let mut out: Vec<Block> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut line = String::new();
    let mut line_offset = 0;
    let mut in_text = false;
    let bytes = xml.as_bytes();
    let mut i = 0;
    let flush = |line: &mut String, out: &mut Vec<Block>, offset: usize| {
        let text = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(Block::Line { text, offset });
        }
        line.clear();
    };
    while i < bytes.len() {
        let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| i + p) else {
            break;
        };
        if in_text && lt > i {
            let text = decode_entities(&xml[i..lt]);
            match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                Some(cell) => cell.0.push_str(&text),
                None => {
                    if line.is_empty() {
                        line_offset = i;
                    }
                    line.push_str(&text);
                }
            }
        }
        let end = bytes[lt..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| lt + e);
        let tag = &xml[lt + 1..end.min(xml.len())];
        i = end + 1;
        let closing = tag.starts_with('/');
        let name_src = tag.trim_start_matches('/');
        let name_end = name_src
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(name_src.len());
        let (name, attrs) = name_src.split_at(name_end);
        let in_cell = tables.last().is_some_and(|t| t.cell.is_some() && !t.layout);
        match (name, closing) {
            ("w:t", false) => in_text = !tag.ends_with('/'),
            ("w:t", true) => in_text = false,
            ("w:tab", false) | ("w:br", false) | ("w:cr", false) => {
                match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(cell) => cell.0.push(' '),
                    None => line.push(' '),
                }
            }
            ("w:p", true) => {
                if in_cell {
                    if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        cell.0.push(' ');
                    }
                } else {
                    flush(&mut line, &mut out, line_offset);
                }
            }
            ("w:tbl", false) => {
                flush(&mut line, &mut out, line_offset);
                if let Some(outer) = tables.last_mut()
                    && !outer.layout
                {
                    // A table in a cell: the outer table reads as text from here on.
                    outer.close_row();
                    for row in std::mem::take(&mut outer.rows) {
                        for (cell, _) in row.into_iter().filter(|(c, _)| !c.spanned && !c.text.is_empty()) {
                            out.push(Block::Line {
                                text: cell.text,
                                offset: cell.offset,
                            });
                        }
                    }
                    outer.layout = true;
                }
                tables.push(Table {
                    offset: lt,
                    ..Table::default()
                });
            }
            ("w:tbl", true) => {
                if let Some(table) = tables.pop()
                    && !table.layout
                    && let Some(block) = table.finish()
                {
                    out.push(block);
                }
            }
            ("w:tr", false) => {
                if let Some(t) = tables.last_mut() {
                    if t.layout {
                        flush(&mut line, &mut out, line_offset);
                    } else {
                        t.close_row();
                        t.row = Some(Vec::new());
                    }
                }
            }
            ("w:tr", true) => {
                if let Some(t) = tables.last_mut().filter(|t| !t.layout) {
                    t.close_row();
                }
            }
            ("w:tc", false) => match tables.last_mut() {
                Some(t) if !t.layout => {
                    t.close_cell();
                    t.cell = Some((String::new(), lt, 1, None));
                }
                _ => flush(&mut line, &mut out, line_offset),
            },
            ("w:tc", true) => {
                if let Some(t) = tables.last_mut().filter(|t| !t.layout) {
                    t.close_cell();
                }
            }
            ("w:gridSpan", false) => {
                if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.2 = val(attrs).and_then(|v| v.parse().ok()).unwrap_or(1);
                }
            }
            ("w:vMerge", false) => {
                if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.3 = Some(val(attrs) == Some("restart"));
                }
            }
            _ => {}
        }
    }
    flush(&mut line, &mut out, line_offset);
    while let Some(table) = tables.pop() {
        if !table.layout
            && let Some(block) = table.finish()
        {
            out.push(block);
        }
    }
    Ok(Page {
        blocks: out,
        title: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip with one stored entry.
    pub(crate) fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
        let mut z = Vec::new();
        let n = name.len() as u16;
        let len = data.len() as u32;
        z.extend_from_slice(b"PK\x03\x04");
        z.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&n.to_le_bytes());
        z.extend_from_slice(&[0, 0]);
        z.extend_from_slice(name.as_bytes());
        z.extend_from_slice(data);
        let cd = z.len() as u32;
        z.extend_from_slice(b"PK\x01\x02");
        z.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&n.to_le_bytes());
        z.extend_from_slice(&[0; 12]);
        z.extend_from_slice(&0u32.to_le_bytes());
        z.extend_from_slice(name.as_bytes());
        let cd_len = z.len() as u32 - cd;
        z.extend_from_slice(b"PK\x05\x06");
        z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        z.extend_from_slice(&cd_len.to_le_bytes());
        z.extend_from_slice(&cd.to_le_bytes());
        z.extend_from_slice(&[0, 0]);
        z
    }

    #[test]
    fn paragraphs_and_merged_cells() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>（三）不予公开</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>1.属于国家秘密</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2.其他</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#;
        let page = page(&stored_zip("word/document.xml", xml.as_bytes())).unwrap();
        assert_eq!(page.blocks.len(), 2);
        let Block::Grid { rows, .. } = &page.blocks[1] else {
            panic!()
        };
        let texts: Vec<Vec<(&str, bool)>> = rows
            .iter()
            .map(|r| r.iter().map(|c| (c.text.as_str(), c.spanned)).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec![
                    ("（三）不予公开", false),
                    ("1.属于国家秘密", false),
                    ("0", false),
                    ("0", true)
                ],
                vec![("（三）不予公开", true), ("2.其他", false), ("1", false), ("2", false)],
            ]
        );
    }

    #[test]
    fn broken_archives_are_errors() {
        assert!(page(b"PK\x03\x04word/document.xml").is_err());
        assert!(page(&stored_zip("word/other.xml", b"<w:p/>")).is_err());
    }
}
