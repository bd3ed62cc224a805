//! RFC 6901 JSON Pointers, built only when a diagnostic needs one.

/// Appends `/key` with `~` and `/` escaped.
pub(crate) fn push_key(path: &mut String, key: &str) {
    path.push('/');
    for ch in key.chars() {
        match ch {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            _ => path.push(ch),
        }
    }
}

/// Appends `/index` (0-based).
pub(crate) fn push_index(path: &mut String, index: usize) {
    use std::fmt::Write;
    let _ = write!(path, "/{index}");
}

/// Splits a pointer into its unescaped tokens (`""` → none); borrowed unless a token
/// holds an escape.
pub(crate) fn tokens(pointer: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    pointer.split('/').skip(1).map(|t| {
        if t.contains('~') {
            t.replace("~1", "/").replace("~0", "~").into()
        } else {
            t.into()
        }
    })
}

/// Joins a parent pointer and one key.
pub(crate) fn child(parent: &str, key: &str) -> String {
    let mut p = parent.to_owned();
    push_key(&mut p, key);
    p
}
