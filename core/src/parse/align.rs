//! Template rows against the rows a page printed, like a diff.
//!
//! Each printed row (an *observation*: the figures of a grid row, or a run of figures in
//! text with the label text around it) may be matched to at most one template row, in
//! order. A match scores high when the row's label words are printed beside the figures
//! (in a grid row's own label cells; in text, as the last label before the run or the
//! first after it: PDF text wraps a label around its row's figures), low when only the
//! position and the number of figures fit. The best total wins. A template row left
//! unmatched is missing; an observation left unmatched is not part of the table.
//!
//! Where several alignments score the best, a template row they place differently is
//! ambiguous (its candidates are every observation some best alignment gives it): the
//! reader leaves it `null` rather than choose.

use super::scan::squash;

/// Score of a match whose label is printed beside the figures.
const LABEL: u32 = 10;
/// Score of a match whose label is printed on the side of the figures that the table's
/// other rows do not use (a label wrapped around its figures in PDF text, in a table whose
/// labels otherwise come first).
const LABEL_OTHER_SIDE: u32 = 9;
/// Score of a match by position and shape alone.
const POSITION: u32 = 1;

/// A template row to place.
pub(crate) struct Want {
    /// Its label words, squashed.
    pub words: Vec<String>,
    /// `fits[k]`: whether observation `k` has the right shape (number of figures) for it.
    pub fits: Vec<bool>,
}

/// A printed row.
pub(crate) struct Obs {
    /// Label text printed with the row (a grid row's label cells) or before it (text),
    /// squashed.
    pub before: String,
    /// Text printed after it, before the next run (text only), squashed.
    pub after: Option<String>,
    /// The label is the row's own (a grid row), not text that may belong to a neighbour.
    pub own: bool,
}

/// Why a template row was placed where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Basis {
    /// Its label is printed beside the figures.
    Label,
    /// Only its position and shape fit.
    Position,
}

/// Where a template row went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placed {
    /// One observation, in every best alignment.
    At(usize, Basis),
    /// Not printed (no observation in any best alignment).
    Missing,
    /// Best alignments disagree: these observations (and `None` = missing) are candidates.
    Ambiguous(Vec<Option<usize>>),
}

/// Where `needle` first occurs in `hay`: the label texts beside a row's figures are short,
/// and a plain scan for the first byte is cheaper there than setting up a string search.
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if h.len() > 512 {
        return hay.find(needle);
    }
    let first = *n.first()?;
    let mut i = 0;
    while i + n.len() <= h.len() {
        let at = i + h[i..=h.len() - n.len()].iter().position(|&b| b == first)?;
        if &h[at..at + n.len()] == n {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The first and last position of any of `words` in `text`.
fn span(text: &str, words: &[String]) -> Option<(usize, usize)> {
    let mut found: Option<(usize, usize)> = None;
    for w in words.iter().filter(|w| !w.is_empty()) {
        // Most words are not in most texts: one search, a second only on a hit.
        if let Some(first) = find(text, w) {
            let last = text[first..].rfind(w.as_str()).map_or(first, |p| first + p);
            found = Some(found.map_or((first, last), |(f, l)| (f.min(first), l.max(last))));
        }
    }
    found
}

/// Which template row's words come last in `text`, and which come first.
fn last_and_first(text: &str, wants: &[Want]) -> (Option<usize>, Option<usize>) {
    let mut last: Option<(usize, usize)> = None;
    let mut first: Option<(usize, usize)> = None;
    for (t, want) in wants.iter().enumerate() {
        if let Some((f, l)) = span(text, &want.words) {
            if last.is_none_or(|(p, _)| l > p) {
                last = Some((l, t));
            }
            if first.is_none_or(|(p, _)| f < p) {
                first = Some((f, t));
            }
        }
    }
    (last.map(|(_, t)| t), first.map(|(_, t)| t))
}

/// Places `wants` on `obs`.
pub(crate) fn align(wants: &[Want], obs: &[&Obs]) -> Vec<Placed> {
    let (m, n) = (wants.len(), obs.len());
    // Which side of the figures the table prints its labels on: before when a row label
    // comes before the first run of figures, after when one comes after the last.
    let any_label = |text: &str| wants.iter().any(|w| span(text, &w.words).is_some());
    let before_side = obs.first().is_some_and(|o| !o.own && any_label(&o.before));
    let after_side = obs.last().and_then(|o| o.after.as_deref()).is_some_and(any_label);
    let (before_score, after_score) = match (before_side, after_side) {
        (true, false) => (LABEL, LABEL_OTHER_SIDE),
        (false, true) => (LABEL_OTHER_SIDE, LABEL),
        _ => (LABEL, LABEL),
    };
    // labelled[k]: the template rows whose label is printed beside observation k, with the
    // score of that evidence.
    let mut labelled: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
    // A text's label ends, once per text (a run's text after is the next run's text before).
    let mut ends: std::collections::HashMap<&str, (Option<usize>, Option<usize>)> = std::collections::HashMap::new();
    for (k, o) in obs.iter().enumerate() {
        if o.own {
            for (t, want) in wants.iter().enumerate() {
                if span(&o.before, &want.words).is_some() {
                    labelled[k].push((t, LABEL));
                }
            }
            continue;
        }
        let (last_before, _) = *ends
            .entry(o.before.as_str())
            .or_insert_with(|| last_and_first(&o.before, wants));
        labelled[k].extend(last_before.map(|t| (t, before_score)));
        if let Some(after) = &o.after {
            let (_, first_after) = *ends
                .entry(after.as_str())
                .or_insert_with(|| last_and_first(after, wants));
            if let Some(t) = first_after
                && !labelled[k].iter().any(|(x, _)| *x == t)
            {
                labelled[k].push((t, after_score));
            }
        }
    }
    let score = |t: usize, k: usize| -> Option<u32> {
        if !wants[t].fits.get(k).copied().unwrap_or(false) {
            return None;
        }
        Some(
            labelled[k]
                .iter()
                .filter(|(x, _)| *x == t)
                .map(|(_, s)| *s)
                .max()
                .unwrap_or(POSITION),
        )
    };
    // fwd[t][k]: best score of wants[..t] on obs[..k]; bwd[t][k]: of wants[t..] on obs[k..].
    let idx = |t: usize, k: usize| t * (n + 1) + k;
    let mut fwd = vec![0u32; (m + 1) * (n + 1)];
    for t in 0..=m {
        for k in 0..=n {
            let mut best = 0;
            if t > 0 {
                best = best.max(fwd[idx(t - 1, k)]);
            }
            if k > 0 {
                best = best.max(fwd[idx(t, k - 1)]);
            }
            if t > 0
                && k > 0
                && let Some(s) = score(t - 1, k - 1)
            {
                best = best.max(fwd[idx(t - 1, k - 1)] + s);
            }
            fwd[idx(t, k)] = best;
        }
    }
    let mut bwd = vec![0u32; (m + 1) * (n + 1)];
    for t in (0..=m).rev() {
        for k in (0..=n).rev() {
            let mut best = 0;
            if t < m {
                best = best.max(bwd[idx(t + 1, k)]);
            }
            if k < n {
                best = best.max(bwd[idx(t, k + 1)]);
            }
            if t < m
                && k < n
                && let Some(s) = score(t, k)
            {
                best = best.max(bwd[idx(t + 1, k + 1)] + s);
            }
            bwd[idx(t, k)] = best;
        }
    }
    let total = bwd[idx(0, 0)];
    (0..m)
        .map(|t| {
            let mut options: Vec<Option<usize>> = Vec::new();
            let mut basis = Basis::Position;
            for k in 0..n {
                if let Some(s) = score(t, k)
                    && fwd[idx(t, k)] + s + bwd[idx(t + 1, k + 1)] == total
                {
                    options.push(Some(k));
                    basis = if s > POSITION { Basis::Label } else { Basis::Position };
                }
            }
            // Left out in some best alignment: wants[t] skipped between obs k-1 and k.
            if (0..=n).any(|k| fwd[idx(t, k)] + bwd[idx(t + 1, k)] == total) {
                options.push(None);
            }
            match options.as_slice() {
                [Some(k)] => Placed::At(*k, basis),
                [None] | [] => Placed::Missing,
                _ => Placed::Ambiguous(options),
            }
        })
        .collect()
}

/// Squashed label words.
pub(crate) fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| squash(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wants(labels: &[&str]) -> Vec<Want> {
        labels
            .iter()
            .map(|l| Want {
                words: vec![l.to_string()],
                fits: vec![true; 8],
            })
            .collect()
    }

    /// Every row placed on its own observation by its label.
    fn each_by_label(n: usize) -> Vec<Placed> {
        (0..n).map(|k| Placed::At(k, Basis::Label)).collect()
    }

    fn place(labels: &[&str], gaps: &[&str]) -> Vec<Placed> {
        let obs = text_obs(gaps);
        align(&wants(labels), &obs.iter().collect::<Vec<_>>())
    }

    fn text_obs(gaps: &[&str]) -> Vec<Obs> {
        (0..gaps.len() - 1)
            .map(|k| Obs {
                before: gaps[k].to_owned(),
                after: Some(gaps[k + 1].to_owned()),
                own: false,
            })
            .collect()
    }

    #[test]
    fn labels_before_or_after_the_figures() {
        let w = ["甲", "乙", "丙"];
        // Labels before their runs.
        let placed = place(&w, &["甲", "乙", "丙", ""]);
        assert_eq!(placed, each_by_label(3));
        // Labels after their runs (a PDF's wrapped cells).
        let placed = place(&w, &["", "甲", "乙", "丙"]);
        assert_eq!(placed, each_by_label(3));
    }

    #[test]
    fn a_note_between_rows_and_a_missing_row() {
        let w = ["甲", "乙", "丙"];
        // An extra run with no label between 甲 and 乙 is left out.
        let placed = place(&w, &["甲", "注", "乙", "丙", ""]);
        assert_eq!(
            placed,
            vec![
                Placed::At(0, Basis::Label),
                Placed::At(2, Basis::Label),
                Placed::At(3, Basis::Label)
            ]
        );
        // 乙 printed without figures: missing.
        let placed = place(&w, &["甲", "乙丙", ""]);
        assert_eq!(
            placed,
            vec![
                Placed::At(0, Basis::Label),
                Placed::Missing,
                Placed::At(1, Basis::Label)
            ]
        );
    }

    #[test]
    fn position_alone_is_ambiguous_when_it_could_be_elsewhere() {
        let w = ["甲", "乙", "丙"];
        // Two unlabelled runs for three rows: who is missing cannot be told.
        let placed = place(&w, &["", "", ""]);
        assert!(placed.iter().all(|p| matches!(p, Placed::Ambiguous(_))));
        // Bracketed: 乙's run sits alone between 甲 and 丙.
        let placed = place(&w, &["甲", "", "丙", ""]);
        assert_eq!(placed[1], Placed::At(1, Basis::Position));
    }
}
