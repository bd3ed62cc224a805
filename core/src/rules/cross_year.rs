//! Cross-year rules: this year's report against last year's report of the same organ.

use super::{BOTH, Check, Emitter, Finding, ONLY_2019, ONLY_2021, Rule, proactive};
use crate::diagnostic::{Figure, Severity};
use crate::layout::ROW_COLUMNS;
use crate::model::Format;
use crate::sheet::Sheet;

/// `X-PREVIOUS`: last year's report could not be read at all, so no cross-year rule ran.
pub(crate) static PREVIOUS: Rule = Rule {
    id: "X-PREVIOUS",
    severity: Severity::Warning,
    formats: BOTH,
    title: "上年报告无法读取",
    title_en: "Last year's report could not be read",
    message: "上年报告无法读取（{reason}），未进行跨年度检查",
    message_en: "Last year's report could not be read ({reason_en}); cross-year rules were not run",
    check: Check::Structural,
};

/// `X-YEAR`: `prev.year = this.year − 1` (else the other cross-year rules are skipped).
pub(crate) static YEAR: Rule = Rule {
    id: "X-YEAR",
    severity: Severity::Warning,
    formats: BOTH,
    title: "上年报告的年度不是上一年",
    title_en: "Previous report is not of the previous year",
    message: "上年报告的年度为 {actual}，应为 {expected}；其他跨年度检查未进行",
    message_en: "The previous report is of {actual}, expected {expected}; the other cross-year rules were not run",
    check: Check::CrossYear(year),
};

fn year(this: &Sheet, prev: &Sheet, em: &mut Emitter) -> bool {
    let (Some(y), Some(p)) = (this.year, prev.year) else {
        return false;
    };
    if i64::from(p) == i64::from(y) - 1 {
        return true;
    }
    em.emit(&YEAR, || {
        Finding::at("/year", this.layout.label("/year"))
            .figures(Figure::Integer(i128::from(y) - 1), Figure::Integer(p.into()))
    });
    false
}

/// `X-ORGAN`: `prev.organ = this.organ` when both are present (compared as
/// [`crate::panel::organ_key`] compares names).
pub(crate) static ORGAN: Rule = Rule {
    id: "X-ORGAN",
    severity: Severity::Warning,
    formats: BOTH,
    title: "报告机关与上年报告不同",
    title_en: "Reporting organ differs from last year's",
    message: "报告机关「{actual}」与上年报告的「{expected}」不一致",
    message_en: "Reporting organ \"{actual}\" differs from last year's \"{expected}\"",
    check: Check::CrossYear(organ),
};

fn organ(this: &Sheet, prev: &Sheet, em: &mut Emitter) -> bool {
    // Spellings of one name (spaces, bracket forms, 管理委员会/管委会 …) are the same organ.
    if let (Some(a), Some(b)) = (&this.organ, &prev.organ)
        && crate::panel::organ_key(a) != crate::panel::organ_key(b)
    {
        em.emit(&ORGAN, || {
            Finding::at("/organ", this.layout.label("/organ")).figures(Figure::Text(b.clone()), Figure::Text(a.clone()))
        });
    }
    true
}

/// `X-CARRY`: for every column, `this.requests.carried_over = prev.requests.carried_forward`.
pub(crate) static CARRY: Rule = Rule {
    id: "X-CARRY",
    severity: Severity::Warning,
    formats: BOTH,
    title: "上年结转数与上年报告的结转下年度数不同",
    title_en: "Carried over differs from last year's carried forward",
    message: "「{label}」应等于上年报告的“四、结转下年度继续办理” {expected}，实际填报 {actual}",
    message_en: "{label} should equal last year's carried forward ({expected}), reported {actual}",
    check: Check::CrossYear(carry),
};

fn carry(this: &Sheet, prev: &Sheet, em: &mut Emitter) -> bool {
    let over = &this.layout.rows[this.layout.carried_over_row];
    let forward = &prev.layout.rows[prev.layout.carried_forward_row];
    for c in 0..ROW_COLUMNS.len() {
        let (Some(actual), Some(expected)) = (this.effective(over.cells[c]), prev.effective(forward.cells[c])) else {
            continue;
        };
        if actual != expected {
            let def = &this.layout.cells[over.cells[c]];
            em.emit(&CARRY, || {
                Finding::at(&def.pointer, &def.label).figures(Figure::Integer(expected), Figure::Integer(actual))
            });
        }
    }
    true
}

/// `X-IN-FORCE` (2021 → 2021): `this.in_force = prev.in_force + this.issued − this.repealed`.
pub(crate) static IN_FORCE: Rule = Rule {
    id: "X-IN-FORCE",
    severity: Severity::Warning,
    formats: ONLY_2021,
    title: "现行有效件数与上年不衔接",
    title_en: "Documents in force do not follow from last year",
    message: "「{label}」应为 {expected}（上年现行有效 {previous} + 本年制发 {issued} − 本年废止 {repealed}），实际填报 {actual}",
    message_en: "{label} should be {expected} (last year's {previous} + issued {issued} − repealed {repealed}), reported {actual}",
    check: Check::CrossYear(in_force),
};

fn in_force(this: &Sheet, prev: &Sheet, em: &mut Emitter) -> bool {
    if prev.layout.format != Format::V2021 {
        return true;
    }
    for block in this.layout.proactive_blocks_with("in_force") {
        let (Some((id, actual)), Some((iid, issued)), Some((rid, repealed)), Some((_, previous))) = (
            proactive(this, block, "in_force"),
            proactive(this, block, "issued"),
            proactive(this, block, "repealed"),
            proactive(prev, block, "in_force"),
        ) else {
            continue;
        };
        let expected = previous + issued - repealed;
        if expected != actual {
            let def = &this.layout.cells[id];
            em.emit(&IN_FORCE, || {
                Finding::at(&def.pointer, &def.label)
                    .param("previous", previous)
                    .param("issued", issued)
                    .param("repealed", repealed)
                    .figures(Figure::Integer(expected), Figure::Integer(actual))
                    .related(super::pointers(this, [iid, rid]))
            });
        }
    }
    true
}

/// `X-ITEMS` (2019 → 2019): `this.previous_items = prev.previous_items + prev.change`.
pub(crate) static ITEMS: Rule = Rule {
    id: "X-ITEMS",
    severity: Severity::Warning,
    formats: ONLY_2019,
    title: "上一年项目数量与上年报告不衔接",
    title_en: "Previous items do not follow from last year's report",
    message: "「{label}」应为 {expected}（上年报告的上一年项目数量 {previous} + 本年增/减 {change}），实际填报 {actual}",
    message_en: "{label} should be {expected} (last year's {previous} + change {change}), reported {actual}",
    check: Check::CrossYear(items),
};

fn items(this: &Sheet, prev: &Sheet, em: &mut Emitter) -> bool {
    if prev.layout.format != Format::V2019 {
        return true;
    }
    for block in this.layout.proactive_blocks_with("previous_items") {
        let (Some((id, actual)), Some((_, previous)), Some((_, change))) = (
            proactive(this, block, "previous_items"),
            proactive(prev, block, "previous_items"),
            proactive(prev, block, "change"),
        ) else {
            continue;
        };
        if previous + change != actual {
            let def = &this.layout.cells[id];
            em.emit(&ITEMS, || {
                Finding::at(&def.pointer, &def.label)
                    .param("previous", previous)
                    .param("change", change)
                    .figures(Figure::Integer(previous + change), Figure::Integer(actual))
            });
        }
    }
    true
}
