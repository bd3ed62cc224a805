#![allow(missing_docs)]
//! Pages per second of the parser for a real report page (HTML) and crawled text, beside
//! the HTML5 parser's own parse of the same page, in one run.
//!
//! `cargo bench -p zfxxgk --bench parse`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zfxxgk::parse::{Kind, parse};

fn bench(c: &mut Criterion) {
    let page = include_bytes!("../tests/corpus/pt-gwh-2024/input.html");
    let crawled = include_bytes!("../tests/corpus/pt-gwh-2024/input.txt");
    let pdf_text = include_bytes!("../tests/corpus/hz-hongze-2024/input.txt");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(1));
    group.bench_function(format!("zfxxgk parse, web page ({} KB)", page.len() / 1024), |b| {
        b.iter(|| parse(black_box(page), Kind::Html).unwrap())
    });
    group.bench_function("baseline: scraper::Html::parse_document alone, same page", |b| {
        let text = std::str::from_utf8(page).unwrap();
        b.iter(|| scraper::Html::parse_document(black_box(text)))
    });
    group.bench_function(
        format!("zfxxgk parse, crawled text ({} KB)", crawled.len() / 1024),
        |b| b.iter(|| parse(black_box(crawled), Kind::Text).unwrap()),
    );
    group.bench_function(format!("zfxxgk parse, PDF text ({} KB)", pdf_text.len() / 1024), |b| {
        b.iter(|| parse(black_box(pdf_text), Kind::Text).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
