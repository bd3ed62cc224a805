//! Editing JSON text in place: the values at a few JSON Pointers are replaced (or added to
//! their object) and every other byte stays as written — numbers no `f64` holds, long
//! decimals, escapes, key order, spacing. What `fill_totals` does to text.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Where a value sits in the text.
#[derive(Debug, Clone)]
struct Located {
    span: Range<usize>,
    /// For an object: the end of its last member's value, or `None` when it is empty.
    last_member_end: Option<usize>,
    /// For an object with members: the whitespace before its first key (`"\n    "` in a
    /// pretty-printed document), copied before an added key.
    indent: Option<Range<usize>>,
}

struct Scan<'a> {
    text: &'a str,
    at: usize,
    /// Pointers whose place is wanted.
    wanted: &'a HashSet<String>,
    /// Every proper prefix of a wanted pointer: only these subtrees are walked key by key.
    within: &'a HashSet<String>,
    found: HashMap<String, Located>,
}

impl Scan<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Skips a string (at its opening quote); returns its range with the quotes.
    fn string(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        if self.peek()? != b'"' {
            return None;
        }
        self.at += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(start..self.at);
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    /// Skips any value without looking at its keys (balanced brackets, strings skipped).
    fn skip(&mut self) -> Option<()> {
        self.space();
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                }
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth > 0 => self.at += 1,
                _ => {
                    // A number, true, false or null.
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        self.at += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// Reads the value of the member `segment` (a key or an index) of the value at `path`.
    fn member(&mut self, path: &mut String, segment: &str) -> Option<()> {
        let len = path.len();
        path.push('/');
        push_segment(path, segment);
        let read = self.value(path);
        path.truncate(len);
        read
    }

    /// Reads the value at `path`, recording the places of wanted pointers within it.
    fn value(&mut self, path: &mut String) -> Option<()> {
        let walk = path.is_empty() || self.within.contains(path.as_str());
        let wanted = self.wanted.contains(path.as_str());
        if !walk && !wanted {
            return self.skip();
        }
        self.space();
        let start = self.at;
        let mut last_member_end = None;
        let mut indent = None;
        match self.peek()? {
            b'{' if walk => {
                self.at += 1;
                self.space();
                if self.peek()? != b'}' {
                    indent = Some(start + 1..self.at);
                }
                loop {
                    self.space();
                    match self.peek()? {
                        b'}' => {
                            self.at += 1;
                            break;
                        }
                        b',' => {
                            self.at += 1;
                            self.space();
                        }
                        _ => {}
                    }
                    let key = self.string()?;
                    self.expect(b':')?;
                    self.member(path, &key_text(self.text, key)?)?;
                    last_member_end = Some(self.at);
                }
            }
            b'[' if walk => {
                self.at += 1;
                let mut index = 0usize;
                loop {
                    self.space();
                    match self.peek()? {
                        b']' => {
                            self.at += 1;
                            break;
                        }
                        b',' => self.at += 1,
                        _ => {
                            self.member(path, &index.to_string())?;
                            index += 1;
                        }
                    }
                }
            }
            _ => self.skip()?,
        }
        if wanted {
            let span = start..self.at;
            self.found.insert(
                path.clone(),
                Located {
                    span,
                    last_member_end,
                    indent,
                },
            );
        }
        Some(())
    }
}

/// The text of a key (its quotes included in `range`), escapes decoded.
fn key_text(text: &str, range: Range<usize>) -> Option<String> {
    let raw = text.get(range)?;
    let inner = raw.get(1..raw.len() - 1)?;
    if inner.contains('\\') {
        serde_json::from_str::<String>(raw).ok()
    } else {
        Some(inner.to_owned())
    }
}

/// Adds a key to a pointer as one escaped segment (RFC 6901).
fn push_segment(path: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

/// `text` (valid JSON) with the value at each pointer of `edits` replaced by its new text;
/// a pointer whose value is missing is added as the last member of its parent object. An
/// edit whose parent is not an object in the text is left out (the caller decides what a
/// missing parent means). Every byte not edited is kept.
pub(crate) fn splice(text: &str, edits: &[(String, String)]) -> String {
    let mut wanted = HashSet::new();
    let mut within = HashSet::new();
    for (pointer, _) in edits {
        wanted.insert(pointer.clone());
        if let Some((parent, _)) = pointer.rsplit_once('/') {
            wanted.insert(parent.to_owned());
        }
        let mut prefix = pointer.as_str();
        while let Some((head, _)) = prefix.rsplit_once('/') {
            within.insert(head.to_owned());
            prefix = head;
        }
    }
    let mut scan = Scan {
        text,
        at: 0,
        wanted: &wanted,
        within: &within,
        found: HashMap::new(),
    };
    if scan.value(&mut String::new()).is_none() {
        return text.to_owned();
    }
    let found = scan.found;
    // (position, replaced length, order, new text); insertions into one object are joined.
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    let mut added: HashMap<String, Vec<(String, &str)>> = HashMap::new();
    let mut parents_in_order: Vec<String> = Vec::new();
    for (pointer, new) in edits {
        if let Some(place) = found.get(pointer) {
            changes.push((place.span.start, place.span.len(), new.clone()));
        } else if let Some((parent, key)) = pointer.rsplit_once('/') {
            let key = key.replace("~1", "/").replace("~0", "~");
            if !added.contains_key(parent) {
                parents_in_order.push(parent.to_owned());
            }
            added.entry(parent.to_owned()).or_default().push((key, new));
        }
    }
    for parent in parents_in_order {
        let Some(place) = found.get(&parent) else { continue };
        if text.as_bytes().get(place.span.start) != Some(&b'{') {
            continue;
        }
        let indent = place.indent.clone().and_then(|r| text.get(r)).unwrap_or(" ");
        let mut insert = String::new();
        for (i, (key, new)) in added[&parent].iter().enumerate() {
            let separator = match place.last_member_end {
                None if i == 0 => "",
                None => ", ",
                Some(_) => ",",
            };
            insert.push_str(separator);
            if place.last_member_end.is_some() {
                insert.push_str(indent);
            }
            insert.push_str(&serde_json::Value::from(key.as_str()).to_string());
            insert.push_str(": ");
            insert.push_str(new);
        }
        let at = place.last_member_end.unwrap_or(place.span.start + 1);
        changes.push((at, 0, insert));
    }
    changes.sort_by_key(|(at, ..)| *at);
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    for (at, len, new) in changes {
        if at < copied {
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push_str(&new);
        copied = at + len;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, edits: &[(&str, &str)]) -> String {
        let edits: Vec<(String, String)> = edits.iter().map(|(p, v)| ((*p).into(), (*v).into())).collect();
        splice(text, &edits)
    }

    #[test]
    fn only_the_edited_values_change() {
        let text = "{\"a\": {\"x\": 18446744073709551616, \"t\": 1.000000000000000000001, \"s\": \"\\u603b\"},\n \"b\" :[1,2]}";
        assert_eq!(
            edit(text, &[("/a/t", "7"), ("/b/1", "3")]),
            "{\"a\": {\"x\": 18446744073709551616, \"t\": 7, \"s\": \"\\u603b\"},\n \"b\" :[1,3]}"
        );
    }

    #[test]
    fn missing_keys_are_added_to_their_object() {
        assert_eq!(
            edit(r#"{"a":{}}"#, &[("/a/x", "1"), ("/a/y", "2")]),
            r#"{"a":{"x": 1, "y": 2}}"#
        );
        assert_eq!(
            edit("{\n  \"a\": {\n    \"p\": 1\n  }\n}", &[("/a/t", "5")]),
            "{\n  \"a\": {\n    \"p\": 1,\n    \"t\": 5\n  }\n}"
        );
        // A parent that is not an object is left alone.
        assert_eq!(edit(r#"{"a":[1]}"#, &[("/a/x", "1")]), r#"{"a":[1]}"#);
        assert_eq!(edit(r#"{"b":1}"#, &[("/a/x", "1")]), r#"{"b":1}"#);
    }

    #[test]
    fn escaped_keys_and_strings_with_brackets_are_read() {
        let text = r#"{"z":"}]\"{","a~b":{"c\/d":0,"\u0074":9}}"#;
        assert_eq!(
            edit(text, &[("/a~0b/t", "1"), ("/a~0b/c~1d", "2")]),
            r#"{"z":"}]\"{","a~b":{"c\/d":2,"\u0074":1}}"#
        );
    }
}
