//! The cost of the C API: per report, `zfxxgk_validate` + reading every diagnostic +
//! `zfxxgk_diagnostics_free`, beside `zfxxgk::validate_with` called directly, same run.
//!
//! `cargo bench -p zfxxgk-c --bench ffi`
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
// The C API compiled into this benchmark (the library itself is a cdylib/staticlib).
#[path = "../src/lib.rs"]
#[allow(dead_code, unreachable_pub)]
mod ffi;

use ffi::*;
use zfxxgk_core::{Input, Options};

fn reports() -> Vec<(&'static str, Vec<u8>)> {
    let mut doc: Value = serde_json::from_str(include_str!("../../examples/reports/2021-county.json")).unwrap();
    for key in ["preface", "overview", "problems", "other_matters"] {
        let s: String = doc[key].as_str().unwrap().chars().take(260).collect();
        doc[key] = json!(s);
    }
    let mut errors = doc.clone();
    errors["requests"]["outcomes"]["disclosed"]["total"] = json!(70);
    errors["appeals"]["review"]["total"] = json!(3);
    errors["requests"]["new"]["research"] = json!(null);
    vec![
        ("valid", serde_json::to_vec(&doc).unwrap()),
        ("with diagnostics", serde_json::to_vec(&errors).unwrap()),
    ]
}

fn bench(c: &mut Criterion) {
    for (name, bytes) in reports() {
        let mut group = c.benchmark_group(format!("{name} ({} bytes)", bytes.len()));
        group.bench_function("core: zfxxgk::validate_with", |b| {
            b.iter(|| zfxxgk_core::validate_with(Input::Bytes(black_box(&bytes)), &Options::default()))
        });
        group.bench_function("C API: validate + read every field + free", |b| {
            b.iter(|| unsafe {
                let mut d = std::ptr::null_mut();
                zfxxgk_validate(bytes.as_ptr(), bytes.len(), std::ptr::null(), 0, 0, &mut d);
                for i in 0..zfxxgk_diagnostics_count(d) {
                    black_box(zfxxgk_diagnostic_rule(d, i));
                    black_box(zfxxgk_diagnostic_path(d, i));
                    black_box(zfxxgk_diagnostic_message(d, i));
                }
                zfxxgk_diagnostics_free(d);
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
