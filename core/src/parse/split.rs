//! Recovering cells that ran together (`行政许可3960181`): every way to read the digit
//! runs as the expected number of cells, kept only when the table's own arithmetic
//! holds. One reading is certain; several are left to the caller as candidates.

/// Most readings kept (beyond this a split is reported as ambiguous anyway).
const MAX_READINGS: usize = 16;
/// Most steps of the search, so that hostile input cannot take long.
const MAX_STEPS: usize = 500_000;

/// The readings of `runs` as exactly `n` cells. Each run of digits is cut into one or
/// more numbers without leading zeros (a lone `0` is a number); `Some(v)` items are fixed
/// cells (a printed blank is `None` and stays one cell). `check(cells)` is called with
/// every prefix of a reading and returns false to prune it.
pub(crate) fn readings(
    runs: &[Option<&str>],
    n: usize,
    check: &dyn Fn(&[Option<u64>]) -> bool,
) -> Result<Vec<Vec<Option<u64>>>, TooMany> {
    let mut found = Vec::new();
    let mut cells = Vec::with_capacity(n);
    let mut steps = 0usize;
    walk(runs, 0, 0, n, &mut cells, check, &mut found, &mut steps)?;
    Ok(found)
}

/// The search gave up (too many readings or steps): the split is ambiguous.
#[derive(Debug)]
pub(crate) struct TooMany;

#[allow(clippy::too_many_arguments)]
fn walk(
    runs: &[Option<&str>],
    run: usize,
    at: usize,
    n: usize,
    cells: &mut Vec<Option<u64>>,
    check: &dyn Fn(&[Option<u64>]) -> bool,
    found: &mut Vec<Vec<Option<u64>>>,
    steps: &mut usize,
) -> Result<(), TooMany> {
    *steps += 1;
    if *steps > MAX_STEPS || found.len() > MAX_READINGS {
        return Err(TooMany);
    }
    if run == runs.len() {
        if cells.len() == n {
            found.push(cells.clone());
        }
        return Ok(());
    }
    if cells.len() >= n {
        return Ok(());
    }
    let Some(digits) = runs[run] else {
        cells.push(None);
        if check(cells) {
            walk(runs, run + 1, 0, n, cells, check, found, steps)?;
        }
        cells.pop();
        return Ok(());
    };
    let rest = &digits[at..];
    // The cells still needed must fit in the digits left (at least one digit each).
    let left_after: usize = runs[run + 1..].iter().map(|r| r.map_or(1, str::len)).sum();
    let max_len = if rest.starts_with('0') { 1 } else { rest.len().min(18) };
    for len in 1..=max_len {
        let Ok(value) = rest[..len].parse::<u64>() else { break };
        let remaining_here = rest.len() - len;
        if cells.len() + 1 + usize::from(remaining_here > 0) > n {
            continue;
        }
        if remaining_here + left_after < n.saturating_sub(cells.len() + 1) {
            continue;
        }
        cells.push(Some(value));
        if check(cells) {
            if remaining_here == 0 {
                walk(runs, run + 1, 0, n, cells, check, found, steps)?;
            } else {
                walk(runs, run, at + len, n, cells, check, found, steps)?;
            }
        }
        cells.pop();
    }
    Ok(())
}

/// The usual check of a row of `width` cells whose last is the sum of the others (blank
/// cells count as 0): applied when a row is complete.
pub(crate) fn row_total(width: usize) -> impl Fn(&[Option<u64>]) -> bool {
    move |cells| {
        if cells.len() < width {
            return true;
        }
        let (parts, total) = cells.split_at(width - 1);
        let sum: u128 = parts.iter().map(|c| u128::from(c.unwrap_or(0))).sum();
        total[0].is_none() || u128::from(total[0].unwrap_or(0)) == sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(runs: &[&str], n: usize, check: &dyn Fn(&[Option<u64>]) -> bool) -> Vec<Vec<u64>> {
        let runs: Vec<Option<&str>> = runs.iter().map(|r| Some(*r)).collect();
        readings(&runs, n, check)
            .unwrap()
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.unwrap()).collect())
            .collect()
    }

    #[test]
    fn a_row_total_decides_the_split() {
        assert_eq!(
            all(&["21710000218"], 7, &row_total(7)),
            vec![vec![217, 1, 0, 0, 0, 0, 218]]
        );
        assert_eq!(
            all(&["10", "0", "0", "0", "01"], 7, &row_total(7)),
            vec![vec![1, 0, 0, 0, 0, 0, 1]]
        );
        assert_eq!(all(&["0000000"], 7, &row_total(7)), vec![vec![0; 7]]);
    }

    #[test]
    fn without_arithmetic_only_forced_splits_are_certain() {
        assert_eq!(all(&["005"], 3, &|_| true), vec![vec![0, 0, 5]]);
        assert!(all(&["3960181"], 3, &|_| true).len() > 1);
    }

    #[test]
    fn the_search_is_bounded() {
        let long = "1".repeat(200);
        let runs = [Some(long.as_str())];
        assert!(readings(&runs, 15, &|_| true).is_err());
    }
}
