//! The words that find each template row's printed label, as data: the reader looks for
//! them in the text printed beside a row's figures. Each list holds the template's own key
//! words and the variants seen in real reports (`规范性文件` for `行政规范性文件`, `政府集中采购（元）`,
//! the misprint `2.其他法律行政止公开`). Words are compared with whitespace removed and
//! brackets and commas made ASCII ([`super::scan::squash`]).

/// Table 2 rows by block key (`/proactive/<key>`).
const TABLE2: &[(&str, &[&str])] = &[
    ("regulations", &["规章"]),
    ("normative_documents", &["规范性文件"]),
    ("licensing", &["行政许可"]),
    ("other_services", &["对外管理服务", "其他对外管理"]),
    ("penalty", &["行政处罚"]),
    ("coercion", &["行政强制"]),
    ("fees", &["行政事业性收费", "事业性收费"]),
    ("procurement", &["集中采购", "政府采购"]),
];

/// Table 3 rows by the last key of their pointer; `other` is the row 3.其他 of the 2021
/// template's （六）, [`SINGLE_OTHER`] the 2019 row （六）其他处理.
const TABLE3: &[(&str, &[&str])] = &[
    ("new", &["本年新收", "新收政府信息"]),
    ("carried_over", &["上年结转"]),
    ("disclosed", &["予以公开"]),
    ("partially_disclosed", &["部分公开"]),
    ("state_secret", &["国家秘密"]),
    ("prohibited_by_law", &["禁止公开", "法律行政", "行政法规"]),
    ("security_stability", &["三安全", "一稳定"]),
    ("third_party_rights", &["第三方"]),
    ("internal_affairs", &["内部事务"]),
    ("process_information", &["过程性"]),
    ("enforcement_files", &["执法案卷"]),
    ("inquiry_matters", &["查询事项"]),
    ("not_held", &["不掌握"]),
    ("needs_creation", &["另行制作", "现成信息"]),
    ("unclear_after_correction", &["仍不明确", "补正后"]),
    ("complaint", &["信访", "举报"]),
    ("repeated", &["重复申请"]),
    ("publications", &["出版物"]),
    ("excessive", &["大量反复", "反复申请"]),
    ("confirmation", &["重新出具", "确认或"]),
    ("no_correction", &["不补正"]),
    ("fee_unpaid", &["缴纳费用", "收费通知"]),
    ("other", &["3.其他", "3,其他"]),
    ("total", &["总计", "合计"]),
    ("carried_forward", &["结转下"]),
];

/// The words of the 2019 row （六）其他处理 (also printed so in some 2021 reports).
pub(crate) const SINGLE_OTHER: &[&str] = &["其他处理", "其它处理"];

/// The rows of the 2021 template's （六） that a report printing （六）其他处理 as one row
/// (as in 2019) leaves out: its figures go to `other.other`.
pub(crate) fn folded_into_single_other(pointer: &str) -> bool {
    matches!(
        pointer,
        "/requests/outcomes/other/no_correction" | "/requests/outcomes/other/fee_unpaid"
    )
}

/// The label words of a table-2 block.
pub(crate) fn table2(block: &str) -> &'static [&'static str] {
    TABLE2.iter().find(|(k, _)| *k == block).map_or(&[], |(_, w)| w)
}

/// The label words of a table-3 row, by its pointer.
pub(crate) fn table3(pointer: &str, single_other: bool) -> &'static [&'static str] {
    if pointer == "/requests/outcomes/other" || (single_other && pointer == "/requests/outcomes/other/other") {
        return SINGLE_OTHER;
    }
    let key = pointer.rsplit('/').next().unwrap_or("");
    TABLE3.iter().find(|(k, _)| *k == key).map_or(&[], |(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;
    use crate::model::Format;

    #[test]
    fn every_template_row_has_words() {
        for format in [Format::V2019, Format::V2021] {
            let layout = Layout::of(format);
            for row in &layout.rows {
                assert!(!table3(&row.pointer, false).is_empty(), "{}", row.pointer);
            }
            for cell in layout.cells.iter().filter(|c| c.pointer.starts_with("/proactive/")) {
                let block = cell.pointer.split('/').nth(2).unwrap_or("");
                assert!(!table2(block).is_empty(), "{}", cell.pointer);
            }
        }
    }
}
