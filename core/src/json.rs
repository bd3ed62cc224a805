//! Reading JSON text the way a checker needs it: every duplicate key found (with its
//! JSON Pointer) instead of silently keeping the last one, errors with line and column,
//! and nesting bounded (serde_json's recursion limit, 128 levels) so hostile input cannot
//! overflow the stack.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::pointer;

/// Builds a [`Value`] and records the pointer of every repeated key.
pub(crate) struct ValueSeed<'a> {
    duplicates: &'a mut Vec<String>,
}

impl<'a> ValueSeed<'a> {
    pub(crate) fn new(duplicates: &'a mut Vec<String>) -> Self {
        ValueSeed { duplicates }
    }
}

/// Where the walker is: a chain of borrowed keys, turned into a JSON Pointer only when a
/// duplicate is found (building a pointer for every key would double the parse time).
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn render(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.render(out);
                pointer::push_key(out, key);
            }
            Path::Index(parent, i) => {
                parent.render(out);
                pointer::push_index(out, *i);
            }
        }
    }
}

struct Walker<'a, 'p> {
    path: &'p Path<'p>,
    depth: usize,
    duplicates: &'a mut Vec<String>,
}

/// Deepest nesting read (serde_json's own limit for text; applied to values too, so a
/// deeply nested value cannot exhaust the stack).
use crate::limits::MAX_DEPTH;

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(Walker {
            path: &Path::Root,
            depth: 0,
            duplicates: self.duplicates,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Walker<'_, '_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walker<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(de::Error::custom("recursion limit exceeded"));
        }
        let mut out = Vec::new();
        loop {
            let path = Path::Index(self.path, out.len());
            match seq.next_element_seed(Walker {
                path: &path,
                depth: self.depth + 1,
                duplicates: self.duplicates,
            })? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(de::Error::custom("recursion limit exceeded"));
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = Path::Key(self.path, &key);
            let v = map.next_value_seed(Walker {
                path: &path,
                depth: self.depth + 1,
                duplicates: self.duplicates,
            })?;
            match out.entry(key) {
                Entry::Vacant(e) => {
                    e.insert(v);
                }
                Entry::Occupied(mut e) => {
                    let mut pointer = String::new();
                    Path::Key(self.path, e.key()).render(&mut pointer);
                    self.duplicates.push(pointer);
                    e.insert(v);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// Why text could not be read as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not UTF-8: byte offset of the first bad byte, with its line and column.
    Utf8 { offset: usize, line: usize, column: usize },
    /// Nested deeper than the parser allows.
    TooDeep { line: usize, column: usize },
    /// Any other syntax problem, as serde_json describes it.
    Syntax { line: usize, column: usize, detail: String },
}

/// A document read from text: the value and the pointers of repeated keys.
pub(crate) struct JsonDocument {
    pub value: Value,
    pub duplicates: Vec<String>,
}

/// Checks that bytes are UTF-8 and strips a leading byte-order mark (RFC 8259 §8.1 lets a
/// parser ignore one; editors on Windows add it).
pub(crate) fn utf8_text(bytes: &[u8]) -> Result<&str, JsonError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let (line, column) = line_column(&bytes[..offset]);
        JsonError::Utf8 { offset, line, column }
    })
}

/// Strips a leading byte-order mark from text.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = prefix.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..]).chars().count() + 1;
    (line, column)
}

/// Parses JSON text into a [`Value`], finding duplicate keys.
pub(crate) fn read(text: &str) -> Result<JsonDocument, JsonError> {
    let mut duplicates = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result = ValueSeed::new(&mut duplicates)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    match result {
        Ok(value) => Ok(JsonDocument { value, duplicates }),
        Err(e) => {
            let (line, column) = (e.line(), e.column());
            let detail = e.to_string();
            if detail.starts_with("recursion limit exceeded") {
                Err(JsonError::TooDeep { line, column })
            } else {
                // serde_json appends " at line L column C"; we report those separately.
                let detail = detail
                    .rsplit_once(" at line ")
                    .map_or(detail.as_str(), |(head, _)| head)
                    .to_owned();
                Err(JsonError::Syntax { line, column, detail })
            }
        }
    }
}

/// A Chinese explanation of a serde_json syntax error.
pub(crate) fn explain_zh(detail: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("EOF while parsing", "内容不完整：文件在 JSON 结束之前就结束了"),
        (
            "expected value",
            "此处应为一个值（数字、字符串、对象、数组、true、false 或 null）",
        ),
        ("expected `,` or `}`", "此处应为逗号或右花括号 }"),
        ("expected `,` or `]`", "此处应为逗号或右方括号 ]"),
        ("expected `:`", "此处应为冒号 :"),
        ("key must be a string", "键必须是带双引号的字符串"),
        ("trailing comma", "最后一项之后多了逗号"),
        ("trailing characters", "JSON 结束之后还有多余的字符"),
        ("control character", "字符串中有未转义的控制字符（如换行符）"),
        ("invalid escape", "字符串中有无效的转义序列"),
        ("invalid number", "无效的数字"),
        ("number out of range", "数字超出范围"),
        ("lone leading surrogate", "字符串中有无效的 Unicode 转义"),
        ("invalid unicode code point", "字符串中有无效的 Unicode 转义"),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| detail.starts_with(en))
        .map_or_else(|| format!("语法错误（{detail}）"), |(_, zh)| (*zh).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates_with_their_pointers() {
        let p = read(r#"{"a":1,"b":{"c~/":1,"c~/":2},"a":3}"#).unwrap();
        assert_eq!(p.duplicates, vec!["/b/c~0~1", "/a"]);
        assert_eq!(p.value["a"], 3);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(matches!(read(&text), Err(JsonError::TooDeep { .. })));
    }

    #[test]
    fn deep_values_are_refused_without_recursing_further() {
        let mut v = serde_json::json!(0);
        for _ in 0..200 {
            v = serde_json::json!([v]);
        }
        let mut dups = Vec::new();
        assert!(ValueSeed::new(&mut dups).deserialize(&v).is_err());
    }

    #[test]
    fn utf8_errors_name_the_position() {
        let err = utf8_text(b"{\n  \"a\": \"\xff\"}").unwrap_err();
        assert_eq!(
            err,
            JsonError::Utf8 {
                offset: 10,
                line: 2,
                column: 9
            }
        );
        assert_eq!(utf8_text(b"\xEF\xBB\xBF{}").unwrap(), "{}");
    }
}
