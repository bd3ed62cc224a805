//! Any bytes into the checker and the total filler: diagnostics, never a panic; and a
//! document whose totals were filled has no arithmetic error left.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = zfxxgk::validate(data);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = zfxxgk::validate(&value);
        if let Ok(filled) = zfxxgk::fill_totals_value(&value) {
            let _ = zfxxgk::validate(&filled);
        }
    }
});
