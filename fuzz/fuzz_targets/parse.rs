//! Any bytes into the parser: a result or an error, never a panic; and a parsed report is
//! always a well-formed document (the checker finds no structural problem in it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zfxxgk::parse::{Kind, parse};

/// libFuzzer's panic hook aborts at every panic, also one the parser catches on purpose:
/// the PDF extractor (a dependency) panics on some malformed files and `parse` turns that
/// into FILE_UNREADABLE. A panic raised in a dependency's code is therefore left to
/// unwind; if nothing catches it, libfuzzer-sys still aborts when it leaves the target, and
/// a panic in this project's code aborts at once as before.
fn tolerate_caught_dependency_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_dependency = info.location().is_some_and(|l| l.file().contains("/.cargo/registry/"));
            if !in_dependency {
                fuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    tolerate_caught_dependency_panics();
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
