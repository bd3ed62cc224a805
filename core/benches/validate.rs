#![allow(missing_docs)]
//! Time per report of full validation, beside the baselines named in the core issue, in
//! one run: serde_json parsing the same bytes into a `Value`, serde straight into the
//! typed model, and the `jsonschema` crate's all-errors structure check from bytes.
//!
//! `cargo bench -p zfxxgk --bench validate` (add `-- --quick` for a short run).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

/// A realistic 2021 report of about 6.5 KB (the bundled county report, its long text
/// sections shortened).
fn report() -> Value {
    let text = include_str!("../../examples/reports/2021-county.json");
    let mut doc: Value = serde_json::from_str(text).unwrap();
    for key in ["preface", "overview", "problems", "other_matters"] {
        let s: String = doc[key].as_str().unwrap().chars().take(260).collect();
        doc[key] = json!(s);
    }
    doc
}

fn bench(c: &mut Criterion) {
    let valid = report();
    let mut arithmetic = valid.clone();
    arithmetic["requests"]["outcomes"]["disclosed"]["total"] = json!(70);
    arithmetic["appeals"]["review"]["total"] = json!(3);
    let mut structural = valid.clone();
    structural["requests"]["new"]["research"] = json!("0");
    structural["requests"]["outcomes"]["withheld"]["state_secret"]["remark"] = json!("x");
    structural["appeals"]["review"]["upheld"] = json!(-1);

    let schema = zfxxgk::schema::report_schema(zfxxgk::Format::V2021);
    let validator = jsonschema::draft202012::new(schema).unwrap();

    for (name, doc) in [
        ("valid", &valid),
        ("arithmetic-errors", &arithmetic),
        ("structural-errors", &structural),
    ] {
        let bytes = serde_json::to_vec(doc).unwrap();
        let mut group = c.benchmark_group(format!("{name} ({} bytes)", bytes.len()));
        group.bench_function("zfxxgk::validate(bytes), every rule", |b| {
            b.iter(|| zfxxgk::validate(black_box(bytes.as_slice())))
        });
        group.bench_function("baseline: serde_json bytes -> Value", |b| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(&bytes)).unwrap())
        });
        group.bench_function("baseline: serde bytes -> typed model", |b| {
            b.iter(|| zfxxgk::read_report(black_box(std::str::from_utf8(&bytes).unwrap())))
        });
        group.bench_function("baseline: jsonschema all errors from bytes", |b| {
            b.iter(|| {
                let v: Value = serde_json::from_slice(black_box(&bytes)).unwrap();
                validator.iter_errors(&v).count()
            })
        });
        if let Ok(report) = zfxxgk::read_report(std::str::from_utf8(&bytes).unwrap()) {
            let options = zfxxgk::Options::default();
            group.bench_function("zfxxgk::validate_report(typed), every rule", |b| {
                b.iter(|| zfxxgk::validate_report(black_box(&report), &options))
            });
        }
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        if let Ok(read) = zfxxgk::read_for_check(zfxxgk::Format::V2021, &value) {
            let options = zfxxgk::Options::default();
            group.bench_function("zfxxgk::validate_read (the rules alone)", |b| {
                b.iter(|| zfxxgk::validate_read(black_box(&read), &options))
            });
        }
        group.bench_function("zfxxgk::validate(&Value), every rule", |b| {
            b.iter(|| zfxxgk::validate(black_box(&value)))
        });
        group.bench_function("baseline: jsonschema all errors on a Value", |b| {
            b.iter(|| validator.iter_errors(black_box(&value)).count())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
