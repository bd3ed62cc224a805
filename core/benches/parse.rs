#![allow(missing_docs)]
//! Pages per second of the parser on real reports of every input kind, beside the HTML5
//! parser's own parse of the same web page (html5ever's tree build, through `scraper`), in
//! one run: compare the two web-page lines of one run, never figures of different runs.
//!
//! `cargo bench -p zfxxgk --bench parse`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zfxxgk::parse::{Kind, parse};

fn bench(c: &mut Criterion) {
    let page = include_bytes!("../tests/corpus/pt-gwh-2024/input.html");
    let page2 = include_bytes!("../tests/corpus/pt-gyz-2023/input.html");
    let crawled = include_bytes!("../tests/corpus/pt-gwh-2024/input.txt");
    let pdf_text = include_bytes!("../tests/corpus/hz-hongze-2024/input.txt");
    let pdf = include_bytes!("../tests/corpus/hz-hongze-2024/input.pdf");
    let docx = include_bytes!("../tests/corpus/pt-gwh-2024/input.docx");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(1));
    for (name, bytes) in [("pt-gwh-2024", &page[..]), ("pt-gyz-2023", &page2[..])] {
        group.bench_function(
            format!("zfxxgk parse, web page {name} ({} KB)", bytes.len() / 1024),
            |b| b.iter(|| parse(black_box(bytes), Kind::Html).unwrap()),
        );
        group.bench_function(format!("baseline: html5ever tree build alone, same page {name}"), |b| {
            let text = std::str::from_utf8(bytes).unwrap();
            b.iter(|| scraper::Html::parse_document(black_box(text)))
        });
    }
    group.bench_function(
        format!("zfxxgk parse, crawled text ({} KB)", crawled.len() / 1024),
        |b| b.iter(|| parse(black_box(crawled), Kind::Text).unwrap()),
    );
    // Hostile: every figure of table 3 replaced by 100 digits that admit countless splits.
    let hostile = fused_hostile(std::str::from_utf8(crawled).unwrap());
    group.bench_function(
        format!(
            "zfxxgk parse, crawled text with 100-digit fused rows ({} KB)",
            hostile.len() / 1024
        ),
        |b| b.iter(|| parse(black_box(hostile.as_bytes()), Kind::Text).unwrap()),
    );
    group.bench_function(format!("zfxxgk parse, PDF text ({} KB)", pdf_text.len() / 1024), |b| {
        b.iter(|| parse(black_box(pdf_text), Kind::Text).unwrap())
    });
    group.bench_function(format!("zfxxgk parse, Word file ({} KB)", docx.len() / 1024), |b| {
        b.iter(|| parse(black_box(docx), Kind::Auto).unwrap())
    });
    group.sample_size(10);
    group.bench_function(format!("zfxxgk parse, PDF file ({} KB)", pdf.len() / 1024), |b| {
        b.iter(|| parse(black_box(pdf), Kind::Auto).unwrap())
    });
    group.finish();
}

/// The page with every run of digits in table 3 made 100 digits long.
fn fused_hostile(page: &str) -> String {
    let start = page.find("一、本年新收").unwrap();
    let end = page.find("四、政府信息公开行政复议").unwrap();
    let mut out = page[..start].to_owned();
    let mut seed = 7u32;
    let mut in_digits = false;
    for c in page[start..end].chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                for _ in 0..100 {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    out.push(char::from(b'0' + (seed >> 16) as u8 % 10));
                }
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out.push_str(&page[end..]);
    out
}

criterion_group!(benches, bench);
criterion_main!(benches);
