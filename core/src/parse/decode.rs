//! Bytes to text: UTF-8, or the charset a page declares (GBK/GB2312/GB18030 pages are
//! common on government portals), or an error for bytes that are not text.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Why the input is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotText(pub String);

fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..].trim_start_matches(['=', '"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// Decodes input bytes: a BOM or valid UTF-8 first, then a `<meta charset>`, then GB18030
/// (a superset of GBK) when that decodes cleanly.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, NotText> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.iter().filter(|b| **b == 0).count() > sample.len() / 100 {
        return Err(NotText(
            "the input contains NUL bytes: it is binary, not a web page or text".into(),
        ));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let encoding = declared_charset(&bytes[..bytes.len().min(8192)])
        .filter(|e| *e != UTF_8)
        .unwrap_or(GB18030);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(NotText(format!(
            "the input is neither UTF-8 nor valid {}",
            encoding.name()
        )));
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_pages_are_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>政府信息公开</p>");
        assert_eq!(decode(&gbk).unwrap(), "<meta charset=\"gbk\"><p>政府信息公开</p>");
        let (plain, _, _) = encoding_rs::GBK.encode("一、总体情况");
        assert_eq!(decode(&plain).unwrap(), "一、总体情况");
        assert!(decode(b"\x00\x01\x02binary\x00\x00").is_err());
    }
}
