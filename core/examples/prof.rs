#![allow(missing_docs)]
use serde_json::json;
use std::time::Instant;
fn main() {
    let text = include_str!("../../examples/2021-county.json");
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    doc["requests"]["new"]["research"] = json!("0");
    doc["requests"]["outcomes"]["withheld"]["state_secret"]["remark"] = json!("x");
    doc["appeals"]["review"]["upheld"] = json!(-1);
    let bytes = serde_json::to_vec(&doc).unwrap();
    let s = std::str::from_utf8(&bytes).unwrap();
    let n = 5000;
    let t = |name: &str, f: &dyn Fn()| {
        let st = Instant::now();
        for _ in 0..n {
            f()
        }
        println!("{name}: {:.1} µs", st.elapsed().as_secs_f64() * 1e6 / n as f64);
    };
    t("validate", &|| {
        std::hint::black_box(zfxxgk::validate(s));
    });
    t("parse_report", &|| {
        let _ = std::hint::black_box(zfxxgk::parse_report(s));
    });
    t("value parse", &|| {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(s).unwrap());
    });
    t("validate value", &|| {
        std::hint::black_box(zfxxgk::validate(&doc));
    });
    let l = zfxxgk::layout::Layout::of(zfxxgk::Format::V2021);
    t("pointer lookups", &|| {
        for c in &l.cells {
            std::hint::black_box(doc.pointer(&c.pointer));
        }
    });
    t("labels", &|| {
        for c in l.cells.iter().take(10) {
            std::hint::black_box(l.label(&c.pointer));
        }
    });
}
