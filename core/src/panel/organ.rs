//! Organ names as a panel compares them.
//!
//! The same organ is printed in slightly different ways from year to year: with or without
//! spaces, with full-width or ASCII brackets, 管理委员会 or 管委会. [`organ_key`] maps
//! such spellings onto one key. Nothing else is assumed: two names that still differ (a
//! bracketed note, a region prefix, a renamed organ) are different organs unless the user
//! gives an alias, and names that differ only by a bracketed note are listed
//! ([`similar_key`]).

/// Long forms and the short forms organs print for them (the key uses the short form).
const SHORT_FORMS: &[(&str, &str)] = &[
    ("管理委员会", "管委会"),
    ("工作委员会", "工委"),
    ("常务委员会", "常委会"),
    ("人民代表大会", "人大"),
    ("街道办事处", "街道"),
    ("人民政府", "政府"),
];

/// The key under which a panel groups an organ name: spaces (of every kind) and
/// zero-width characters removed, full-width ASCII folded to ASCII, every kind of bracket
/// (（）【】〔〕［］｛｝) made `(`/`)`, and the long forms of `SHORT_FORMS` shortened.
pub fn organ_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{00ad}') {
            continue;
        }
        let c = match c {
            '（' | '【' | '〔' | '［' | '｛' | '[' | '{' | '〈' | '《' => '(',
            '）' | '】' | '〕' | '］' | '｝' | ']' | '}' | '〉' | '》' => ')',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        folded.push(c);
    }
    for (long, short) in SHORT_FORMS {
        if folded.contains(long) {
            folded = folded.replace(long, short);
        }
    }
    folded
}

/// The key with every bracketed note removed: names whose keys differ but whose similar
/// keys are equal are listed as possibly one organ (`P-ORGAN-SIMILAR`).
pub fn similar_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut depth = 0usize;
    for c in key.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_organ_share_a_key() {
        let key = organ_key("平潭综合实验区管理委员会");
        assert_eq!(organ_key("平潭综合实验区 管委会"), key);
        assert_eq!(organ_key("平潭综合实验区\u{3000}管委会\u{200b}"), key);
        assert_eq!(organ_key("洪泽区人民政府办公室"), organ_key("洪泽区政府办公室"));
        assert_eq!(organ_key("某市（本级）"), organ_key("某市(本级)"));
        assert_eq!(organ_key("某市【本级】"), organ_key("某市(本级)"));
        assert_eq!(organ_key("ＡＢＣ局"), "ABC局");
        assert_eq!(organ_key("某区城关街道办事处"), organ_key("某区城关街道"));
    }

    #[test]
    fn different_organs_keep_different_keys() {
        // The 管委会's office is not the 管委会.
        assert_ne!(
            organ_key("平潭综合实验区管委会办公室"),
            organ_key("平潭综合实验区管委会")
        );
        assert_ne!(organ_key("平潭综合实验区财政金融局"), organ_key("财政金融局"));
        assert_ne!(organ_key("某区公安局"), organ_key("某区公安分局"));
    }

    #[test]
    fn bracketed_notes_make_names_similar_not_equal() {
        let a = organ_key("平潭综合实验区（管委会）");
        let b = organ_key("平潭综合实验区");
        assert_ne!(a, b);
        assert_eq!(similar_key(&a), similar_key(&b));
        assert_eq!(similar_key("a(b(c))d)"), "ad)");
    }
}
