//! Published reports to the canonical document: a portal's web page (HTML), text copied or
//! crawled from it or extracted from a PDF, a PDF file, a Word (`.docx`) file.
//!
//! Every front end produces one form, a page of text lines and table grids. The
//! reader finds the six section headings in the page's text, takes each table's printed
//! rows (grid rows, or runs of figures with the label text around them), and places them
//! on the template's rows by their labels (like a diff), splitting figures that ran together
//! by the table's own arithmetic. A figure is reported only when the input determines it:
//! anything not certain is left `null` and explained in the notes; a page whose tables are
//! missing or that is not a 2019/2021 template report is an error, never a half-filled
//! document.

mod align;
mod decode;
mod docx;
mod html;
mod label_notes;
mod labels;
mod meta;
mod outcome;
mod page;
mod pdf;
mod rows;
mod scan;
mod sections;
mod split;
mod tables;

use serde_json::Value;

use crate::layout::Layout;
use crate::model::Format;
use meta::{clean, first_year, organ_of, preface, published, title_of, until_footer};
use page::Page;
use rows::{has_figures, printed_rows};
use scan::LeftOut;
use sections::{sections, table_start};
use tables::CellRead;

use outcome::error;
pub use outcome::{Kind, Note, NoteKind, ParseError, ParseErrorCode, Parsed};

/// A non-negative decimal divided by 10^places, as text (`251000` → `25.1000`).
fn shift_left(decimal: &str, places: usize) -> String {
    let (int, frac) = decimal.split_once('.').unwrap_or((decimal, ""));
    let int = format!("{int:0>width$}", width = places + 1);
    let (head, moved) = int.split_at(int.len() - places);
    format!("{head}.{moved}{frac}")
}

fn sniff(text: &str) -> Kind {
    let head = &text.as_bytes()[..text.len().min(65536)];
    let tags: [&[u8]; 4] = [b"<html", b"<table", b"<body", b"<!doctype html"];
    let html = head.iter().enumerate().any(|(i, &b)| {
        b == b'<'
            && tags
                .iter()
                .any(|t| head.get(i..i + t.len()).is_some_and(|w| w.eq_ignore_ascii_case(t)))
    });
    if html { Kind::Html } else { Kind::Text }
}

/// A document holding the table cells, `values[i]` at `layout.cells[i]` (every cell a
/// reader did not write is null, never the blank template's 0). The cells come in template
/// order, so the objects are built in one pass, without parsing a pointer per cell.
fn tables_document(layout: &Layout, values: Vec<Value>) -> Value {
    let mut root = serde_json::Map::new();
    for (cell, value) in layout.cells.iter().zip(values) {
        let mut tokens = cell.pointer.split('/').skip(1).peekable();
        let mut map = &mut root;
        while let Some(token) = tokens.next() {
            if tokens.peek().is_none() {
                map.insert(token.to_owned(), value);
                break;
            }
            let entry = map
                .entry(token.to_owned())
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            let Value::Object(next) = entry else { break };
            map = next;
        }
    }
    Value::Object(root)
}

fn detect_format(t2: &str, t3: &str, year: Option<u32>) -> Option<Format> {
    let t2 = scan::squash(t2);
    let t3 = scan::squash(t3);
    if [
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
    ]
    .iter()
    .any(|w| t2.contains(w))
    {
        return Some(Format::V2021);
    }
    if [
        "本年新制作数量",
        "本年新公开数量",
        "上一年项目数量",
        "政府集中采购",
        "对外公开总数量",
    ]
    .iter()
    .any(|w| t2.contains(w))
    {
        return Some(Format::V2019);
    }
    if t3.contains("逾期不补正") {
        return Some(Format::V2021);
    }
    year.map(|y| if y >= 2021 { Format::V2021 } else { Format::V2019 })
}

/// Parses a published report into the canonical document.
pub fn parse(input: &[u8], kind: Kind) -> Result<Parsed, ParseError> {
    if input.len() > crate::limits::MAX_INPUT_BYTES {
        let (size, limit) = (input.len(), crate::limits::MAX_INPUT_BYTES);
        return Err(error(
            ParseErrorCode::TooLarge,
            format!(
                "输入有 {size} 字节，超过上限 {limit} 字节，未读取 / the input is {size} bytes, above the limit of {limit}: not read"
            ),
        ));
    }
    let kind = match kind {
        Kind::Auto if pdf::is_pdf(input) => Kind::Pdf,
        Kind::Auto if docx::is_docx(input) => Kind::Docx,
        other => other,
    };
    let unreadable = |m: String| {
        error(
            ParseErrorCode::FileUnreadable,
            format!("无法读取文件：{m} / cannot read the file: {m}"),
        )
    };
    let rendered_page = |page: Page| {
        let rendered = page.render();
        (page, rendered)
    };
    let (page, rendered) = match kind {
        Kind::Pdf => {
            let text = pdf::text(input).map_err(unreadable)?;
            if text.chars().filter(|c| !c.is_whitespace()).count() < 20 {
                return Err(unreadable("the PDF has no text (scanned pages?)".into()));
            }
            Page::of_text(text)
        }
        Kind::Docx => rendered_page(docx::page(input).map_err(unreadable)?),
        _ => {
            let source = decode::decode(input).map_err(|e| {
                error(
                    ParseErrorCode::NotText,
                    format!("无法作为文本读取：{0} / not text: {0}", e.0),
                )
            })?;
            match kind {
                Kind::Html => rendered_page(html::page(&source)),
                Kind::Auto if sniff(&source) == Kind::Html => rendered_page(html::page(&source)),
                _ => Page::of_text(source),
            }
        }
    };
    let text = rendered.text.as_str();
    let html_title = page.title.clone();
    let s = sections(text)?;
    let region = |a: usize, b: usize| text.get(s.heads[a].1..s.heads[b].0).unwrap_or("");
    let bounds = [
        (s.heads[1].1, s.heads[2].0),
        (s.heads[2].1, s.heads[3].0),
        (s.heads[3].1, s.four_end.max(s.heads[3].1)),
    ];
    let (t2, t3) = (region(1, 2), region(2, 3));
    let title = title_of(text, html_title);
    let preface_text = preface(text.get(..s.heads[0].0).unwrap_or(""));
    let year = title
        .as_deref()
        .and_then(first_year)
        .or_else(|| preface_text.as_deref().and_then(first_year))
        .or_else(|| text.get(s.heads[0].1..s.heads[1].0).and_then(first_year));
    let format = detect_format(t2, t3, year).ok_or_else(|| {
        error(
            ParseErrorCode::NotATemplateReport,
            "无法判断模板版本（2019 或 2021） / cannot tell the template version",
        )
    })?;
    let layout = Layout::of(format);
    let year = year.ok_or_else(|| {
        error(
            ParseErrorCode::YearMissing,
            "找不到报告年度 / the report year was not found",
        )
    })?;

    let mut notes = Vec::new();
    let mut left_out = LeftOut::default();
    // Prose with figures may come before a table (`2019年度，主动公开政府信息475条`): in
    // text, each table starts at its first printed label.
    let p2 = printed_rows(&page, &rendered, bounds[0].0, bounds[0].1, &["第二十条"], &mut left_out);
    let p3 = printed_rows(&page, &rendered, bounds[1].0, bounds[1].1, &["本年新收"], &mut left_out);
    let p4 = printed_rows(&page, &rendered, bounds[2].0, bounds[2].1, &["维持"], &mut left_out);
    // Refused only when no table has figures (tables published as images); a table without
    // figures among readable ones is left null and named in the notes.
    let tables = [
        ("表二", "table 2", "/proactive", &p2),
        ("表三", "table 3", "/requests", &p3),
        ("表四", "table 4", "/appeals", &p4),
    ];
    if tables.iter().all(|(.., rows)| !has_figures(rows)) {
        return Err(error(
            ParseErrorCode::TableMissing,
            "表二、表三、表四都没有可读的数字（表格可能以图片发布） / tables 2, 3 and 4 have no readable figures (published as images?)",
        ));
    }
    for (zh, en, path, rows) in tables {
        if !has_figures(rows) {
            notes.push(Note::new(
                NoteKind::Missing,
                Some(path.into()),
                None,
                format!("{zh}没有可读的数字（可能以图片发布）：各单元格留空"),
                format!("{en} has no readable figures (published as an image?): its cells are left blank"),
            ));
        }
    }
    let page_numbers = std::mem::take(&mut left_out.page_numbers);
    for page_number in &page_numbers.items {
        notes.push(Note::new(
            NoteKind::Skipped,
            None,
            Some(page_number.clone()),
            format!("表格中的页码「{page_number}」已略去"),
            "page number between table rows left out".into(),
        ));
    }
    notes.extend(more_left_out(page_numbers.more, "个页码", "page numbers"));
    let remarks = std::mem::take(&mut left_out.remarks);
    for remark in &remarks.items {
        notes.push(Note::new(
            NoteKind::Skipped,
            None,
            Some(remark.clone()),
            format!("表格中的备注「{remark}」（含数字）不是单元格，已略去"),
            "a remark with figures of its own inside the table: not a cell, left out".into(),
        ));
    }
    notes.extend(more_left_out(remarks.more, "处含数字的备注", "remarks with figures"));
    if !left_out.prose.is_empty() {
        let mut shown = left_out.prose.items.join(" ");
        if left_out.prose.more > 0 {
            shown.push_str(" …");
        }
        notes.push(Note::new(
            NoteKind::Skipped,
            None,
            Some(shown),
            "表格所在部分的叙述文字中的数字（如“共8条”）不是单元格，已略去".into(),
            "figures of the prose around the tables (such as 共8条) are not cells: left out".into(),
        ));
    }
    notes.extend(more_left_out(
        left_out.prose.more,
        "个叙述文字中的数字",
        "figures of prose",
    ));
    if let Some((a, b)) = s.extra {
        let heading: String = text
            .get(a..b)
            .unwrap_or("")
            .chars()
            .take_while(|c| *c != '\n')
            .take(30)
            .collect();
        notes.push(Note::new(
            NoteKind::Variant,
            None,
            Some(heading.clone()),
            format!("模板没有的部分「{heading}」（在四、之后）未读入"),
            "a section the template does not have (after 四) is not read".into(),
        ));
    }
    let unit = p2.iter().rev().find_map(|p| {
        p.tokens.iter().rev().find_map(|t| match t {
            scan::Tok::Num(n) => n.unit,
            _ => None,
        })
    });
    let t3_table = table_start(t3, &["本年新收"]);
    let squashed3 = scan::squash(t3);
    let single_other = format == Format::V2021 && !squashed3.contains("逾期不补正") && !squashed3.contains("缴纳费用");
    let mut cells = tables::table2(layout, &p2, &mut notes);
    cells.extend(tables::table3(layout, p3, single_other, &mut notes));
    // Labels printed otherwise, for the rows of this table's form; a row already noted as
    // not printed needs no second note that its label is missing.
    let missing: Vec<String> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::Missing)
        .filter_map(|n| n.path.clone())
        .collect();
    let label_rows: Vec<usize> = (0..layout.rows.len())
        .filter(|&r| {
            let pointer = &layout.rows[r].pointer;
            let folded = single_other && labels::folded_into_single_other(pointer);
            !folded && !missing.contains(pointer)
        })
        .collect();
    label_notes::label_notes(layout, &label_rows, t3_table, single_other, &mut notes);
    cells.extend(tables::table4(layout, &p4, &mut notes).unwrap_or_default());

    let mut values = vec![Value::Null; layout.cells.len()];
    for (id, cell, _) in &cells {
        if let (Some(slot), CellRead::Value(v)) = (values.get_mut(*id), cell) {
            *slot = v.clone();
        }
    }
    let mut doc = tables_document(layout, values);
    doc["format"] = Value::from(format.as_str());
    doc["year"] = Value::from(year);
    if format == Format::V2019
        && let Some(u) = unit
    {
        doc["proactive"]["procurement"]["amount_unit"] = Value::from(u);
    }
    // The 2021 fee cell is in 万元; a figure printed with 元 is converted.
    if format == Format::V2021
        && unit == Some("元")
        && let Some(yuan) = doc
            .pointer("/proactive/fees/amount")
            .and_then(|v| crate::amount::Amount::from_f64(v.as_f64()?).ok())
        && let Some(wan) = crate::amount::Amount::parse_decimal(&shift_left(&yuan.to_string(), 4))
    {
        doc["proactive"]["fees"]["amount"] = serde_json::to_value(wan).unwrap_or(Value::Null);
        notes.push(Note::new(
            NoteKind::Variant,
            Some("/proactive/fees/amount".into()),
            Some(format!("{yuan}元")),
            format!("收费金额印为 {yuan} 元，已换算为 {wan} 万元"),
            format!("the fee amount is printed in yuan ({yuan}): converted to {wan} (10,000 yuan)"),
        ));
    }
    let set_text = |doc: &mut Value, key: &str, value: Option<String>| match value {
        Some(v) => doc[key] = Value::from(v),
        None => {
            if let Some(map) = doc.as_object_mut() {
                map.remove(key);
            }
        }
    };
    set_text(&mut doc, "overview", clean(region(0, 1)));
    set_text(
        &mut doc,
        "problems",
        clean(text.get(s.heads[4].1..s.heads[5].0).unwrap_or("")),
    );
    let last_section = text.get(s.heads[5].1..).unwrap_or("");
    let kept = until_footer(last_section);
    if let Some(footer) = last_section
        .get(kept.len()..)
        .and_then(|f| f.lines().map(str::trim).find(|l| !l.is_empty()))
    {
        let shown: String = footer.chars().take(40).collect();
        notes.push(Note::new(
            NoteKind::Skipped,
            Some("/other_matters".into()),
            Some(shown.clone()),
            format!("六、之后的页面尾部（自「{shown}」起）已略去"),
            "the page's footer after section 六 left out".into(),
        ));
    }
    set_text(&mut doc, "other_matters", clean(kept));
    set_text(&mut doc, "preface", preface_text);
    set_text(&mut doc, "title", title.clone());
    set_text(&mut doc, "organ", title.as_deref().and_then(organ_of));
    set_text(&mut doc, "published", published(text));
    let report = crate::validate::typed_value(&doc).ok_or_else(|| {
        error(
            ParseErrorCode::TableUnreadable,
            "内部错误：解析结果不符合模型 / internal: the parsed document does not fit the model",
        )
    })?;
    let sources = cells
        .iter()
        .map(|(id, _, raw)| (layout.cells[*id].pointer.clone(), outcome::shown(raw.clone())))
        .collect();
    Ok(Parsed { report, sources, notes })
}

/// One note for the pieces of a kind beyond those listed one by one
/// ([`scan::MAX_LISTED`]), when there are any.
fn more_left_out(more: usize, zh: &str, en: &str) -> Option<Note> {
    (more > 0).then(|| {
        Note::new(
            NoteKind::Skipped,
            None,
            None,
            format!("另有 {more} {zh}同样已略去（只逐一列出前 {} 个）", scan::MAX_LISTED),
            format!(
                "{more} more {en} left out likewise (only the first {} are listed)",
                scan::MAX_LISTED
            ),
        )
    })
}
