//! The rule registry: every rule of `docs/rules.md` as a small named unit with its id,
//! severity, the template versions it applies to and its message templates.
//!
//! Rule functions read a `Sheet` (the checked cells) and report through an `Emitter`, which renders
//! messages only for findings that are kept (the optional cap counts the rest per rule).

pub(crate) mod cross_year;
pub(crate) mod document;
pub(crate) mod formulas;
pub(crate) mod panel;
pub(crate) mod params;
pub(crate) mod structure;
pub(crate) mod table2;
pub(crate) mod table3;
pub(crate) mod table4;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Figure, Severity};
use crate::model::Format;
use crate::sheet::Sheet;

/// Both template versions.
pub(crate) const BOTH: &[Format] = &[Format::V2019, Format::V2021];
/// Only the 2019 template.
pub(crate) const ONLY_2019: &[Format] = &[Format::V2019];
/// Only the 2021 template.
pub(crate) const ONLY_2021: &[Format] = &[Format::V2021];

/// How a rule is evaluated.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// Reported by the structural stage (JSON reading and the JSON Schema).
    Structural,
    /// Reads one report.
    Single(fn(&Sheet, &mut Emitter)),
    /// Reads this year's report and last year's; returns false to stop the later
    /// cross-year rules.
    CrossYear(fn(&Sheet, &Sheet, &mut Emitter) -> bool),
    /// Reported when many reports are checked together ([`crate::panel`]).
    Panel,
}

/// One checking rule.
#[derive(Clone, Serialize)]
pub struct Rule {
    /// Stable id (never reused).
    pub id: &'static str,
    /// Severity of every finding of this rule.
    pub severity: Severity,
    /// Template versions the rule applies to (of the report being checked).
    pub formats: &'static [Format],
    /// Chinese title.
    pub title: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Chinese message template (`{name}` parameters).
    pub message: &'static str,
    /// English message template.
    pub message_en: &'static str,
    #[serde(skip)]
    pub(crate) check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Rule {
    /// The named values this rule's diagnostics carry in `params`: `(name, meaning)`.
    pub fn params(&self) -> &'static [(&'static str, &'static str)] {
        params::of(self.id)
    }

    /// True when the rule applies to reports of `format`.
    pub fn applies_to(&self, format: Format) -> bool {
        self.formats.contains(&format)
    }
}

/// Every rule, in the order findings are reported.
pub static RULES: &[&Rule] = &[
    &structure::NOT_JSON,
    &structure::TOO_DEEP,
    &structure::TOO_LARGE,
    &structure::NOT_OBJECT,
    &structure::FORMAT,
    &structure::REQUIRED,
    &structure::UNKNOWN,
    &structure::TYPE,
    &structure::NEGATIVE,
    &structure::RANGE,
    &structure::DUPLICATE,
    &structure::CELL_BLANK,
    &table3::ROW_TOTAL,
    &table3::OUTCOME_TOTAL,
    &table3::BALANCE,
    &table4::TOTAL,
    &table2::PUBLISHED_EXCEEDS_TOTAL,
    &table2::ITEMS_BELOW_ZERO,
    &table2::PROCUREMENT_MISMATCH,
    &table2::ISSUED_EXCEEDS_IN_FORCE,
    &table2::FEE_UNIT,
    &document::FORMAT_YEAR,
    &document::SECTION_EMPTY,
    &document::FEE_NOT_REPORTED,
    &document::PUBLISHED_LATE,
    &cross_year::PREVIOUS,
    &cross_year::YEAR,
    &cross_year::ORGAN,
    &cross_year::CARRY,
    &cross_year::IN_FORCE,
    &cross_year::ITEMS,
    &panel::UNREADABLE,
    &panel::NO_ORGAN,
    &panel::NO_YEAR,
    &panel::NO_PREVIOUS,
    &panel::PREVIOUS_CONFLICT,
    &panel::DUPLICATE,
    &panel::CONFLICT,
    &panel::ORGAN_SIMILAR,
    &structure::TRUNCATED,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What a rule found, before its messages are rendered.
pub(crate) struct Finding {
    pub path: String,
    pub label: String,
    /// Named values, kept in the diagnostic's `params` and usable in its messages.
    pub params: Vec<(&'static str, Figure)>,
    /// Message fragments in one language (`detail` / `detail_en`): rendered only.
    pub texts: Vec<(&'static str, String)>,
    pub expected: Option<Figure>,
    pub actual: Option<Figure>,
    pub related: Vec<String>,
}

impl Finding {
    /// A finding at `path` with its printed label.
    pub fn at(path: impl Into<String>, label: impl Into<String>) -> Finding {
        Finding {
            path: path.into(),
            label: label.into(),
            params: Vec::new(),
            texts: Vec::new(),
            expected: None,
            actual: None,
            related: Vec::new(),
        }
    }
    /// Adds a named value: kept in the diagnostic's `params` and usable as `{name}`.
    pub fn param(mut self, name: &'static str, value: impl Into<Figure>) -> Finding {
        self.params.push((name, value.into()));
        self
    }
    /// Adds a message fragment (`{name}` in one language's template): rendered, not kept.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Finding {
        self.texts.push((name, value.into()));
        self
    }
    /// Sets the expected and actual figures (also the `{expected}`/`{actual}` parameters).
    pub fn figures(mut self, expected: Figure, actual: Figure) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }
    /// Sets the related cells.
    pub fn related(mut self, related: Vec<String>) -> Finding {
        self.related = related;
        self
    }
}

/// Replaces `{name}` with its value; unknown names stay as written.
fn render(template: &str, f: &Finding, label: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        let value = match name {
            "label" => Some(label.to_owned()),
            "expected" => f.expected.as_ref().map(ToString::to_string),
            "actual" => f.actual.as_ref().map(ToString::to_string),
            _ => f
                .texts
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .or_else(|| f.params.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())),
        };
        match value {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Collects diagnostics, keeping at most `limit`.
pub(crate) struct Emitter {
    pub out: Vec<Diagnostic>,
    limit: usize,
    /// Per rule id, how many findings were not kept.
    pub cut: Vec<(&'static str, usize)>,
}

impl Emitter {
    pub fn new(limit: Option<usize>) -> Emitter {
        Emitter {
            out: Vec::new(),
            limit: limit.unwrap_or(usize::MAX),
            cut: Vec::new(),
        }
    }

    /// Reports a finding of `rule`; `build` runs only when the finding is kept.
    pub fn emit(&mut self, rule: &'static Rule, build: impl FnOnce() -> Finding) {
        if self.out.len() >= self.limit {
            match self.cut.iter_mut().find(|(id, _)| *id == rule.id) {
                Some((_, n)) => *n += 1,
                None => self.cut.push((rule.id, 1)),
            }
            return;
        }
        let f = build();
        let label_en = crate::label_en::english_label(&f.label);
        self.out.push(Diagnostic {
            rule: rule.id.into(),
            severity: rule.severity,
            message: render(rule.message, &f, &f.label),
            message_en: render(rule.message_en, &f, &label_en),
            path: f.path,
            label: f.label,
            label_en,
            expected: f.expected,
            actual: f.actual,
            related: f.related,
            params: f.params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        });
    }
}

/// The table-2 cell `/proactive/{block}/{field}` and its plain value (blank = 0); `None`
/// when the cell is invalid.
pub(crate) fn proactive(sheet: &Sheet, block: &str, field: &str) -> Option<(usize, i128)> {
    let id = sheet.layout.proactive_cell(block, field)?;
    Some((id, sheet.plain(id)?))
}

/// Pointers of cells, for `related`.
pub(crate) fn pointers(sheet: &Sheet, ids: impl IntoIterator<Item = usize>) -> Vec<String> {
    ids.into_iter().map(|i| sheet.layout.cells[i].pointer.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_named_parameters() {
        let f = Finding::at("/a", "表三 · 甲")
            .param("n", 3i64)
            .figures(Figure::Integer(5), Figure::Integer(4));
        assert_eq!(
            render(
                "「{label}」应为 {expected}，实际 {actual}，{n}，{missing}",
                &f,
                &f.label
            ),
            "「表三 · 甲」应为 5，实际 4，3，{missing}"
        );
    }

    #[test]
    fn ids_are_unique_and_every_rule_has_messages() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "a rule id is used twice");
        for (id, _) in formulas::FORMULAS {
            assert!(ids.binary_search(id).is_ok(), "formula for {id}, which is no rule");
        }
        for (id, _) in params::PARAMS {
            assert!(ids.binary_search(id).is_ok(), "parameters for {id}, which is no rule");
        }
        for r in RULES {
            assert!(
                !r.message.is_empty() && !r.message_en.is_empty(),
                "{} lacks messages",
                r.id
            );
            assert!(!r.title.is_empty() && !r.title_en.is_empty(), "{} lacks titles", r.id);
            assert!(!r.formats.is_empty(), "{} applies to no template", r.id);
            assert!(
                formulas::of(r.id).is_some(),
                "{} has no formula in rules/formulas.rs",
                r.id
            );
            assert!(r.message.is_char_boundary(0));
        }
    }
}
