//! The named values each rule puts in a diagnostic's `params` (the values that fill its
//! message, so that a caller need not parse the message), for the rule catalog. A rule not
//! listed has none: its figures are `expected` / `actual` and its cells `path` / `related`.
//! The fixture tests fail when a diagnostic carries a parameter its rule does not declare.

/// `(rule id, [(name, meaning)])`.
pub(crate) const PARAMS: &[(&str, &[(&str, &str)])] = &[
    (
        "DOC-NOT-JSON",
        &[
            ("line", "line of the first error (1-based)"),
            ("column", "column of the first error (1-based, in characters)"),
            (
                "byte",
                "offset of the first byte that is not UTF-8 (1-based; only for encoding errors)",
            ),
        ],
    ),
    (
        "DOC-TOO-DEEP",
        &[
            ("line", "line where the 129th level opens (absent for native objects)"),
            (
                "column",
                "column where the 129th level opens (absent for native objects)",
            ),
        ],
    ),
    (
        "DOC-PUBLISHED-LATE",
        &[(
            "level",
            "the organ's level the deadline is for: government, department or unknown (told from the report)",
        )],
    ),
    (
        "DOC-TRUNCATED",
        &[
            ("rule", "the rule whose findings were not all listed"),
            ("count", "how many of its findings were not listed"),
            ("limit", "the most diagnostics listed"),
        ],
    ),
    (
        "DOC-TOO-LARGE",
        &[
            ("limit", "the limit that was exceeded"),
            (
                "unit",
                "what the limit counts: bytes (JSON input) or values (a native object)",
            ),
            ("size", "the input's size in bytes (only for JSON input)"),
        ],
    ),
    (
        "DOC-NOT-OBJECT",
        &[("found_type", "the JSON type found: array, string, number, …")],
    ),
    ("S-REQUIRED", &[("key", "the missing key")]),
    (
        "S-UNKNOWN",
        &[
            ("key", "the key the template does not have"),
            (
                "suggestion",
                "the closest key the template has there (only when one is close)",
            ),
        ],
    ),
    (
        "S-TYPE",
        &[(
            "found_type",
            "the JSON type found: null, boolean, integer, number, string, array, object",
        )],
    ),
    ("S-DUPLICATE", &[("key", "the key written more than once")]),
    (
        "T3-BALANCE",
        &[
            ("new", "一、本年新收 of the column"),
            ("carried_over", "二、上年结转 of the column"),
            ("handled", "三、本年度办理结果 （七）总计 of the column"),
        ],
    ),
    (
        "T2-ITEMS-BELOW-ZERO",
        &[("previous", "上一年项目数量"), ("change", "本年增/减")],
    ),
    (
        "T2-PROCUREMENT-MISMATCH",
        &[("projects", "采购项目数量"), ("amount", "采购总金额 (exact decimal)")],
    ),
    ("DOC-FORMAT-YEAR", &[("year", "the report's year")]),
    (
        "X-PREVIOUS",
        &[("reason_rule", "the rule that made last year's report unreadable")],
    ),
    (
        "X-IN-FORCE",
        &[
            ("previous", "last year's 现行有效件数"),
            ("issued", "this year's 本年制发件数"),
            ("repealed", "this year's 本年废止件数"),
        ],
    ),
    (
        "X-ITEMS",
        &[
            ("previous", "last year's 上一年项目数量"),
            ("change", "last year's 本年增/减"),
        ],
    ),
    (
        "P-UNREADABLE",
        &[(
            "code",
            "why: a parse error code (SECTION_MISSING, …) or NOT_FOUND, PERMISSION_DENIED, NOT_A_FILE, TOO_LARGE, IO",
        )],
    ),
    (
        "P-PREVIOUS-CONFLICT",
        &[(
            "files",
            "the disagreeing files of last year (at most 20 named, then how many more)",
        )],
    ),
    (
        "P-DUPLICATE",
        &[
            ("count", "how many reports of this organ and year"),
            ("files", "their files (at most 20 named, then how many more)"),
            ("primary", "the file the cross-year rules read"),
        ],
    ),
    ("P-CONFLICT", &[("other", "the file of the other report")]),
];

/// The parameters of the rule `id` (empty when it has none).
pub(crate) fn of(id: &str) -> &'static [(&'static str, &'static str)] {
    PARAMS.iter().find(|(r, _)| *r == id).map_or(&[], |(_, p)| p)
}
