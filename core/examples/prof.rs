#![allow(missing_docs)]
use serde_json::json;
use std::time::Instant;
fn main() {
    let text = include_str!("../../examples/2021-county.json");
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    doc["requests"]["new"]["research"] = json!("0");
    doc["requests"]["outcomes"]["withheld"]["state_secret"]["remark"] = json!("x");
    doc["appeals"]["review"]["upheld"] = json!(-1);
    let t = |name: &str, f: &dyn Fn()| {
        let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(20000);
        let st = Instant::now();
        for _ in 0..n {
            f()
        }
        println!("{name}: {:.2} µs", st.elapsed().as_secs_f64() * 1e6 / n as f64);
    };
    let schema = zfxxgk::schema::report_schema(zfxxgk::Format::V2021);
    let v = jsonschema::draft202012::new(schema).unwrap();
    t("jsonschema iter_errors", &|| {
        std::hint::black_box(v.iter_errors(&doc).count());
    });
    t("validate value", &|| {
        std::hint::black_box(zfxxgk::validate(&doc));
    });
    t("typed attempt", &|| {
        let _ = std::hint::black_box(<zfxxgk::model::Report2021 as serde::Deserialize>::deserialize(&doc));
    });
    let l = zfxxgk::layout::Layout::of(zfxxgk::Format::V2021);
    t("3 labels", &|| {
        for p in [
            "/requests/new/research",
            "/appeals/review/upheld",
            "/requests/outcomes/withheld/state_secret/remark",
        ] {
            std::hint::black_box(l.label(p));
        }
    });
    let errs: Vec<_> = v.iter_errors(&doc).collect();
    println!("{} schema errors", errs.len());
    for e in &errs {
        println!("  {} {:?}", e.instance_path(), e.kind().keyword());
    }
}
