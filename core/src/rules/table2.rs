//! Table 2 (二、主动公开政府信息情况): plausibility warnings. The template prints no
//! formula for table 2, so these flag what cannot be right rather than what must add up.

use super::{Check, Emitter, Finding, ONLY_2019, ONLY_2021, Rule, proactive};
use crate::amount::Amount;
use crate::diagnostic::{Figure, Severity};
use crate::sheet::{Cell, Sheet};

fn amount(sheet: &Sheet, block: &str) -> Option<(usize, Amount)> {
    let id = sheet.layout.proactive_cell(block, "amount")?;
    match sheet.cells[id] {
        Cell::Amount(a) => Some((id, a)),
        Cell::Blank => Some((id, Amount::ZERO)),
        _ => None,
    }
}

fn finding(sheet: &Sheet, id: usize) -> Finding {
    let def = &sheet.layout.cells[id];
    Finding::at(&def.pointer, &def.label)
}

/// `T2-PUBLISHED-EXCEEDS-TOTAL` (2019): `published ≤ total_published` for 规章 and 规范性文件.
pub(crate) static PUBLISHED_EXCEEDS_TOTAL: Rule = Rule {
    id: "T2-PUBLISHED-EXCEEDS-TOTAL",
    severity: Severity::Warning,
    formats: ONLY_2019,
    title: "本年新公开数量大于对外公开总数量",
    title_en: "Published this year exceeds total published",
    message: "「{label}」为 {actual}，大于对外公开总数量 {expected}",
    message_en: "{label} is {actual}, more than the total published ({expected})",
    check: Check::Single(published_exceeds_total),
};

fn published_exceeds_total(sheet: &Sheet, em: &mut Emitter) {
    for block in sheet.layout.proactive_blocks_with("published") {
        let (Some((id, published)), Some((tid, total))) = (
            proactive(sheet, block, "published"),
            proactive(sheet, block, "total_published"),
        ) else {
            continue;
        };
        if published > total {
            em.emit(&PUBLISHED_EXCEEDS_TOTAL, || {
                finding(sheet, id)
                    .figures(Figure::Integer(total), Figure::Integer(published))
                    .related(super::pointers(sheet, [tid]))
            });
        }
    }
}

/// `T2-ITEMS-BELOW-ZERO` (2019): `previous_items + change ≥ 0`.
pub(crate) static ITEMS_BELOW_ZERO: Rule = Rule {
    id: "T2-ITEMS-BELOW-ZERO",
    severity: Severity::Warning,
    formats: ONLY_2019,
    title: "上一年项目数量加本年增/减小于 0",
    title_en: "Previous items plus this year's change is below zero",
    message: "「{label}」{previous} 加本年增/减 {change} 为 {actual}，项目数量不能小于 0",
    message_en: "{label} {previous} plus this year's change {change} is {actual}; the number of items cannot be below 0",
    check: Check::Single(items_below_zero),
};

fn items_below_zero(sheet: &Sheet, em: &mut Emitter) {
    for block in sheet.layout.proactive_blocks_with("previous_items") {
        let (Some((id, previous)), Some((cid, change))) = (
            proactive(sheet, block, "previous_items"),
            proactive(sheet, block, "change"),
        ) else {
            continue;
        };
        let now = previous + change;
        if now < 0 {
            em.emit(&ITEMS_BELOW_ZERO, || {
                finding(sheet, id)
                    .param("previous", previous)
                    .param("change", change)
                    .figures(Figure::Integer(0), Figure::Integer(now))
                    .related(super::pointers(sheet, [cid]))
            });
        }
    }
}

/// `T2-PROCUREMENT-MISMATCH` (2019): `projects = 0` exactly when `amount = 0`.
pub(crate) static PROCUREMENT_MISMATCH: Rule = Rule {
    id: "T2-PROCUREMENT-MISMATCH",
    severity: Severity::Warning,
    formats: ONLY_2019,
    title: "采购项目数量与采购总金额不一致",
    title_en: "Procurement projects and amount disagree",
    message: "「{label}」为 {projects}，而采购总金额为 {amount}：两者应同时为 0 或同时不为 0",
    message_en: "{label} is {projects} while the total amount is {amount}: both must be 0 or both non-zero",
    check: Check::Single(procurement_mismatch),
};

fn procurement_mismatch(sheet: &Sheet, em: &mut Emitter) {
    let (Some((id, projects)), Some((aid, total))) = (
        proactive(sheet, "procurement", "projects"),
        amount(sheet, "procurement"),
    ) else {
        return;
    };
    if (projects == 0) != total.is_zero() {
        em.emit(&PROCUREMENT_MISMATCH, || {
            finding(sheet, id)
                .param("projects", projects)
                .param("amount", total)
                .related(super::pointers(sheet, [aid]))
        });
    }
}

/// `T2-ISSUED-EXCEEDS-IN-FORCE` (2021): `issued ≤ in_force + repealed` for 规章 and
/// 行政规范性文件.
pub(crate) static ISSUED_EXCEEDS_IN_FORCE: Rule = Rule {
    id: "T2-ISSUED-EXCEEDS-IN-FORCE",
    severity: Severity::Warning,
    formats: ONLY_2021,
    title: "本年制发件数大于现行有效件数与本年废止件数之和",
    title_en: "Issued this year exceeds in force plus repealed",
    message: "「{label}」为 {actual}，大于现行有效件数与本年废止件数之和 {expected}",
    message_en: "{label} is {actual}, more than in force plus repealed ({expected})",
    check: Check::Single(issued_exceeds_in_force),
};

fn issued_exceeds_in_force(sheet: &Sheet, em: &mut Emitter) {
    for block in sheet.layout.proactive_blocks_with("issued") {
        let (Some((id, issued)), Some((fid, in_force)), Some((rid, repealed))) = (
            proactive(sheet, block, "issued"),
            proactive(sheet, block, "in_force"),
            proactive(sheet, block, "repealed"),
        ) else {
            continue;
        };
        if issued > in_force + repealed {
            em.emit(&ISSUED_EXCEEDS_IN_FORCE, || {
                finding(sheet, id)
                    .figures(Figure::Integer(in_force + repealed), Figure::Integer(issued))
                    .related(super::pointers(sheet, [fid, rid]))
            });
        }
    }
}

/// `T2-FEE-UNIT` (2021): `fees.amount ≥ 1,000,000` 万元 (≥ 100亿元) was almost certainly
/// entered in 元.
pub(crate) static FEE_UNIT: Rule = Rule {
    id: "T2-FEE-UNIT",
    severity: Severity::Info,
    formats: ONLY_2021,
    title: "收费金额疑似按元填写",
    title_en: "Fee amount probably entered in yuan",
    message: "「{label}」为 {actual} 万元（不少于 100 亿元），很可能误按“元”填写；本栏单位为万元",
    message_en: "{label} is {actual} (10,000 yuan), at least 10 billion yuan: probably entered in yuan; the unit of this cell is 10,000 yuan",
    check: Check::Single(fee_unit),
};

fn fee_unit(sheet: &Sheet, em: &mut Emitter) {
    let Some((id, fees)) = amount(sheet, "fees") else {
        return;
    };
    if fees >= Amount::from_u64(1_000_000) {
        em.emit(&FEE_UNIT, || {
            finding(sheet, id).figures(Figure::Decimal(Amount::from_u64(1_000_000)), Figure::Decimal(fees))
        });
    }
}
