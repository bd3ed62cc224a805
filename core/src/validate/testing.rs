//! What the tests of both strict readers share: the bundled reports, their pointers, and
//! checking a sheet read with its findings.

use serde_json::Value;

use super::{MAX_INPUT_BYTES, Validation, check_sheet};
use crate::rules::Emitter;
use crate::sheet::Sheet;

/// The rules run on a sheet, after the findings in `em`.
pub(super) fn checked(sheet: Option<Sheet>, em: Emitter) -> Validation {
    check_sheet(sheet.as_ref(), em, None, MAX_INPUT_BYTES, None)
}

/// A bundled report (`core/data/`).
pub(super) fn base(name: &str) -> Value {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every pointer of a document (containers and leaves).
pub(super) fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        for (k, child) in m {
            let p = format!("{at}/{k}");
            out.push(p.clone());
            pointers(child, p, out);
        }
    }
}

/// The document with the key at `p` removed, and with an unknown key `zz` beside it.
pub(super) fn key_mutations(doc: &Value, p: &str) -> [(Value, String); 2] {
    let (parent, key) = p.rsplit_once('/').unwrap_or_default();
    let mut removed = doc.clone();
    if let Some(m) = removed.pointer_mut(parent).and_then(Value::as_object_mut) {
        m.remove(key);
    }
    let mut beside = doc.clone();
    if let Some(m) = beside.pointer_mut(parent).and_then(Value::as_object_mut) {
        m.insert("zz".into(), serde_json::json!(0));
    }
    [(removed, format!("{p} removed")), (beside, format!("zz beside {p}"))]
}
