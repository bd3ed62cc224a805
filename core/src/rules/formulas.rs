//! What each rule checks, as a formula over the document's keys (`docs/model.md`), for the
//! rule catalog. `c` ranges over the seven Row columns; a blank total stands for the sum of
//! its parts wherever a formula reads it, any other blank counts as 0. A test fails when a
//! rule of the registry has no formula here, or a formula no rule.

/// `(rule id, formula)`.
pub(crate) const FORMULAS: &[(&str, &str)] = &[
    (
        "DOC-NOT-JSON",
        "the input is JSON text in UTF-8 (a leading byte-order mark is ignored)",
    ),
    ("DOC-TOO-DEEP", "the document nests at most 128 levels"),
    (
        "DOC-TOO-LARGE",
        "JSON input is at most `max_input_bytes` (64 MiB by default); a native object stands for at most 1,000,000 values",
    ),
    ("DOC-NOT-OBJECT", "the top level is a JSON object"),
    (
        "DOC-TRUNCATED",
        "at most `max_diagnostics` findings are listed (10,000 by default); the rest of each rule are counted in one DOC-TRUNCATED, listed last",
    ),
    ("DOC-FORMAT", "`format` is \"2019\" or \"2021\""),
    ("S-REQUIRED", "every key the template requires is present"),
    (
        "S-UNKNOWN",
        "every key is one the template has (the closest valid key is suggested)",
    ),
    (
        "S-TYPE",
        "every value has the type the template gives it (a count is an integer, a text a string)",
    ),
    (
        "S-NEGATIVE",
        "every count and amount is ≥ 0 (the 2019 本年增/减 may be negative)",
    ),
    (
        "S-RANGE",
        "every number fits 64 bits; `year` is in 2019–2100; `published` is a real date",
    ),
    ("S-DUPLICATE", "no key appears twice in one object"),
    (
        "CELL-BLANK",
        "every table cell is a number, not null (the template has no not-applicable cells)",
    ),
    (
        "T3-ROW-TOTAL",
        "for every Row r: `r.total = r.natural_person + r.commercial + r.research + r.social_welfare + r.legal_services + r.other`",
    ),
    (
        "T3-OUTCOME-TOTAL",
        "for every column c: `outcomes.total[c] = disclosed[c] + partially_disclosed[c] + Σ withheld.*[c] + Σ unavailable.*[c] + Σ not_processed.*[c] + other[c]` (2021: `Σ other.*[c]`)",
    ),
    (
        "T3-BALANCE",
        "for every column c: `new[c] + carried_over[c] = outcomes.total[c] + carried_forward[c]` (not evaluated when all four cells are blank)",
    ),
    (
        "T4-TOTAL",
        "for each group g of review, litigation_direct, litigation_after_review: `g.total = g.upheld + g.corrected + g.other + g.pending`",
    ),
    (
        "T2-PUBLISHED-EXCEEDS-TOTAL",
        "2019, for regulations and normative_documents: `published ≤ total_published`",
    ),
    (
        "T2-ITEMS-BELOW-ZERO",
        "2019, for licensing, other_services, penalty, coercion, fees: `previous_items + change ≥ 0`",
    ),
    (
        "T2-PROCUREMENT-MISMATCH",
        "2019: `procurement.projects = 0` exactly when `procurement.amount = 0`",
    ),
    (
        "T2-ISSUED-EXCEEDS-IN-FORCE",
        "2021, for regulations and normative_documents: `issued ≤ in_force + repealed`",
    ),
    (
        "T2-FEE-UNIT",
        "2021: `fees.amount < 1,000,000` (万元; a larger figure is almost certainly entered in 元)",
    ),
    (
        "DOC-FORMAT-YEAR",
        "`format = \"2019\"` when `year ≤ 2020`, `format = \"2021\"` when `year ≥ 2021`",
    ),
    (
        "DOC-SECTION-EMPTY",
        "`overview`, `problems` and `other_matters` are present and not blank",
    ),
    (
        "DOC-FEE-NOT-REPORTED",
        "2021: `other_matters` says something of 信息处理费 (section 六 is where the fees are reported from 2021)",
    ),
    (
        "DOC-PUBLISHED-LATE",
        "`published ≤ 31 March of year + 1` for a people's government (or the 管委会 of a 综合实验区, 开发区 or 新区), `≤ 31 January` for a department; the level is told from `organ` (or the title), then from how the overview speaks of the organ (我局, 本单位); when it cannot be told, a date between the two deadlines is reported as possibly late",
    ),
    ("X-PREVIOUS", "last year's report, when given, is a readable report"),
    (
        "X-YEAR",
        "`previous.year = year − 1` (else the other cross-year rules are skipped)",
    ),
    (
        "P-UNREADABLE",
        "every file of a panel can be read (at most 64 MiB, a regular file) and, for a published page, parsed",
    ),
    ("P-NO-ORGAN", "a report of a panel has a non-blank `organ`"),
    ("P-NO-YEAR", "a report of a panel has a valid `year`"),
    (
        "P-NO-PREVIOUS",
        "the panel holds a report of the same organ (names compared after normalisation) for `year − 1`",
    ),
    (
        "P-PREVIOUS-CONFLICT",
        "the reports of the same organ for `year − 1` agree (else none of them is read by the cross-year rules)",
    ),
    (
        "P-DUPLICATE",
        "one report per organ and year (copies whose figures agree are named, and the one with the most filled cells is read by the cross-year rules)",
    ),
    (
        "P-CONFLICT",
        "for every cell filled in two reports of the same organ and year: the two figures are equal",
    ),
    (
        "P-ORGAN-SIMILAR",
        "no two organ names of a panel are equal once their bracketed notes are removed (such names are listed, never merged)",
    ),
    (
        "X-ORGAN",
        "`previous.organ = organ` when both are present, compared after normalisation (spaces, full-width forms and brackets, 管理委员会 = 管委会, 人民政府 = 政府 …)",
    ),
    (
        "X-CARRY",
        "for every column c: `requests.carried_over[c] = previous.requests.carried_forward[c]`",
    ),
    (
        "X-IN-FORCE",
        "2021 after 2021, for regulations and normative_documents: `in_force = previous.in_force + issued − repealed`",
    ),
    (
        "X-ITEMS",
        "2019 after 2019, for licensing, other_services, penalty, coercion, fees: `previous_items = previous.previous_items + previous.change`",
    ),
];

/// The formula of a rule.
pub(crate) fn of(id: &str) -> Option<&'static str> {
    FORMULAS.iter().find(|(i, _)| *i == id).map(|(_, f)| *f)
}
