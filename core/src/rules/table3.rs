//! Table 3 (三、收到和处理政府信息公开申请情况): the row totals, the outcome totals and the
//! balance printed on the table — （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）.

use super::{BOTH, Check, Emitter, Finding, Rule, pointers};
use crate::diagnostic::{Figure, Severity};
use crate::layout::SumKind;
use crate::sheet::{Cell, Sheet};

/// `T3-ROW-TOTAL`: `r.total = r.natural_person + r.commercial + r.research +
/// r.social_welfare + r.legal_services + r.other` for every row.
pub(crate) static ROW_TOTAL: Rule = Rule {
    id: "T3-ROW-TOTAL",
    severity: Severity::Error,
    formats: BOTH,
    title: "表三行总计不等于各列之和",
    title_en: "Table 3 row total is not the sum of its columns",
    message: "「{label}」应为 {expected}（各列之和），实际填报 {actual}",
    message_en: "{label}: total should be {expected} (sum of the columns), reported {actual}",
    check: Check::Single(row_total),
};

/// `T3-OUTCOME-TOTAL`: for every column, （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+
/// Σ（五）+（六）(2021: Σ（六）).
pub(crate) static OUTCOME_TOTAL: Rule = Rule {
    id: "T3-OUTCOME-TOTAL",
    severity: Severity::Error,
    formats: BOTH,
    title: "表三（七）总计不等于各办理结果之和",
    title_en: "Table 3 outcome total is not the sum of the outcomes",
    message: "「{label}」应为 {expected}（（一）至（六）各项之和），实际填报 {actual}",
    message_en: "{label} should be {expected} (sum of outcomes (1) to (6)), reported {actual}",
    check: Check::Single(outcome_total),
};

/// `T3-BALANCE`: for every column, `new + carried_over = outcomes.total +
/// carried_forward` — 第一项加第二项之和，等于第三项加第四项之和.
pub(crate) static BALANCE: Rule = Rule {
    id: "T3-BALANCE",
    severity: Severity::Error,
    formats: BOTH,
    title: "表三第一项加第二项不等于第三项加第四项",
    title_en: "Table 3 rows 1 + 2 do not equal 3 + 4",
    message: "「{label}」应为 {expected}（新收 {new} + 上年结转 {carried_over} − 办理结果总计 {handled}），实际填报 {actual}；第一项加第二项之和应等于第三项加第四项之和",
    message_en: "{label} should be {expected} (new {new} + carried over {carried_over} − total handled {handled}), reported {actual}: rows 1 + 2 must equal 3 + 4",
    check: Check::Single(balance),
};

/// Checks every formula of `kind`: a blank total is skipped; blank parts count as 0 (a
/// blank part that is itself a total stands for its own parts); invalid parts skip.
pub(crate) fn check_sums(sheet: &Sheet, em: &mut Emitter, kind: SumKind, rule: &'static Rule) {
    for sum in sheet.layout.sums.iter().filter(|s| s.kind == kind) {
        let Cell::Int(actual) = sheet.cells[sum.total] else {
            continue;
        };
        let Some(expected) = sum
            .parts
            .iter()
            .try_fold(0i128, |acc, &p| Some(acc + sheet.effective(p)?))
        else {
            continue;
        };
        if expected != actual {
            let def = &sheet.layout.cells[sum.total];
            em.emit(rule, || {
                Finding::at(&def.pointer, &def.label)
                    .figures(Figure::Integer(expected), Figure::Integer(actual))
                    .related(pointers(sheet, sum.parts.iter().copied()))
            });
        }
    }
}

fn row_total(sheet: &Sheet, em: &mut Emitter) {
    check_sums(sheet, em, SumKind::RowTotal, &ROW_TOTAL);
}

fn outcome_total(sheet: &Sheet, em: &mut Emitter) {
    check_sums(sheet, em, SumKind::OutcomeTotal, &OUTCOME_TOTAL);
}

fn balance(sheet: &Sheet, em: &mut Emitter) {
    let l = sheet.layout;
    for c in 0..7 {
        let [n, co, ot, cf] = [
            l.new_row,
            l.carried_over_row,
            l.outcomes_total_row,
            l.carried_forward_row,
        ]
        .map(|r| l.rows[r].cells[c]);
        if [n, co, ot, cf].iter().all(|&i| sheet.cells[i] == Cell::Blank) {
            continue;
        }
        let (Some(new), Some(over), Some(handled), Some(forward)) = (
            sheet.effective(n),
            sheet.effective(co),
            sheet.effective(ot),
            sheet.effective(cf),
        ) else {
            continue;
        };
        let expected = new + over - handled;
        if expected != forward {
            let def = &l.cells[cf];
            em.emit(&BALANCE, || {
                Finding::at(&def.pointer, &def.label)
                    .param("new", new)
                    .param("carried_over", over)
                    .param("handled", handled)
                    .figures(Figure::Integer(expected), Figure::Integer(forward))
                    .related(pointers(sheet, [n, co, ot]))
            });
        }
    }
}
