//! Table 4 (四、政府信息公开行政复议、行政诉讼情况): each group's 总计.

use super::{BOTH, Check, Emitter, Rule, table3::check_sums};
use crate::diagnostic::Severity;
use crate::layout::SumKind;
use crate::sheet::Sheet;

/// `T4-TOTAL`: `total = upheld + corrected + other + pending` for 行政复议, 未经复议直接起诉
/// and 复议后起诉.
pub(crate) static TOTAL: Rule = Rule {
    id: "T4-TOTAL",
    severity: Severity::Error,
    formats: BOTH,
    title: "表四总计不等于各结果之和",
    title_en: "Table 4 total is not the sum of the results",
    message: "「{label}」应为 {expected}（结果维持、结果纠正、其他结果、尚未审结之和），实际填报 {actual}",
    message_en: "{label} should be {expected} (upheld + corrected + other + pending), reported {actual}",
    check: Check::Single(total),
};

fn total(sheet: &Sheet, em: &mut Emitter) {
    check_sums(sheet, em, SumKind::AppealTotal, &TOTAL);
}
