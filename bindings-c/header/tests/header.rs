//! The committed header is what the source makes; every export has the panic boundary; the
//! result messages (`zfxxgk_result::message` in the source) are the header's descriptions of
//! the results. The C tests check what the library returns.

use zfxxgk_c_header::{COMMAND, crate_dir, header, header_path};

#[test]
fn the_committed_header_is_up_to_date() {
    let now = header().unwrap();
    let committed = std::fs::read_to_string(header_path()).unwrap_or_default();
    assert!(
        committed == now,
        "bindings-c/include/zfxxgk.h is stale: run `{COMMAND}` (or ./scripts/regenerate) and commit it"
    );
}

#[test]
fn every_export_runs_inside_the_panic_boundary() {
    let source = std::fs::read_to_string(crate_dir().join("src").join("lib.rs")).unwrap();
    let mut exports = 0;
    let mut rest = source.as_str();
    while let Some(at) = rest.find("extern \"C\" fn ") {
        let after = &rest[at..];
        let name: String = after["extern \"C\" fn ".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The body: from the `{` that ends the signature.
        let open = after.find(" {\n").expect("a body");
        let body = after[open + 2..].trim_start();
        assert!(
            body.starts_with("boundary! {"),
            "{name} does not start with boundary! (every export catches panics the same way)"
        );
        exports += 1;
        rest = &after[1..];
    }
    assert!(exports > 20, "only {exports} exports found");
}

#[test]
fn result_messages_are_the_header_descriptions() {
    let text = header().unwrap();
    let source = std::fs::read_to_string(crate_dir().join("src").join("lib.rs")).unwrap();
    let mut checked = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        let Some((name, value)) = line.strip_suffix(',').and_then(|l| l.split_once(" = ")) else {
            continue;
        };
        if !name.starts_with("ZFXXGK_") || name.starts_with("ZFXXGK_FORMAT") {
            continue;
        }
        // The comment above the variant: its first line is the description.
        let mut above: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim())
            .take_while(|l| !l.ends_with(',') && !l.ends_with('{'))
            .collect();
        above.reverse();
        let first = above
            .iter()
            .map(|l| {
                l.trim_start_matches("/*")
                    .trim_end_matches("*/")
                    .trim_start_matches('*')
                    .trim()
            })
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        assert!(
            value.parse::<i32>().is_ok(),
            "{name}: the value {value} is a result code"
        );
        // What zfxxgk_result_message returns for it: the arm of `zfxxgk_result::message`.
        let arm = format!("zfxxgk_result::{name} => c\"");
        let message = source
            .split_once(&arm)
            .and_then(|(_, rest)| rest.split_once("\","))
            .map(|(m, _)| m)
            .unwrap_or_else(|| panic!("{name} has no arm in zfxxgk_result::message"));
        assert_eq!(
            message, first,
            "{name}: zfxxgk_result_message differs from the header's description"
        );
        checked += 1;
    }
    assert_eq!(checked, 6, "every zfxxgk_result value is checked");
}
