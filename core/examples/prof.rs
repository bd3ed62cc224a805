#![allow(missing_docs)]
use std::time::Instant;
fn main() {
    let small = serde_json::json!({"format": "2021"});
    let t = |name: &str, f: &dyn Fn()| {
        let n = 20000;
        let st = Instant::now();
        for _ in 0..n {
            f()
        }
        println!("{name}: {:.2} µs", st.elapsed().as_secs_f64() * 1e6 / n as f64);
    };
    t("validate small value", &|| {
        std::hint::black_box(zfxxgk::validate(&small));
    });
    t("validate small str", &|| {
        std::hint::black_box(zfxxgk::validate(r#"{"format":"2021"}"#));
    });
    let text = include_str!("../../examples/2021-county.json");
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    t("validate county str", &|| {
        std::hint::black_box(zfxxgk::validate(text));
    });
    t("validate county value", &|| {
        std::hint::black_box(zfxxgk::validate(&v));
    });
    let r = zfxxgk::parse_report(text).unwrap();
    t("validate_report", &|| {
        std::hint::black_box(zfxxgk::validate_report(&r, &Default::default()));
    });
}
