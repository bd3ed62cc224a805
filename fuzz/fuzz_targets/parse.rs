//! Any bytes into the parser: a result or an error, never a panic; and a parsed report is
//! always a well-formed document (the checker finds no structural problem in it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zfxxgk::parse::{Kind, parse};

fuzz_target!(|data: &[u8]| {
    for kind in [Kind::Auto, Kind::Html, Kind::Text] {
        if let Ok(parsed) = parse(data, kind) {
            let json = serde_json::to_vec(&parsed.report).expect("a parsed report serializes");
            for d in zfxxgk::validate(json.as_slice()) {
                assert!(
                    !d.rule.starts_with("S-") && !d.rule.starts_with("DOC-NOT") && d.rule != "DOC-TOO-DEEP",
                    "the parser produced a malformed document: {d:?}"
                );
            }
        }
    }
});
