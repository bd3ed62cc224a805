//! Recovering cells that ran together (`行政许可3960181`): every way to read the digit
//! runs as the expected number of cells, kept only when the table's own arithmetic
//! holds. One reading is certain; several are left to the caller as candidates.

/// Most readings kept (beyond this a split is reported as ambiguous anyway).
use crate::limits::MAX_SPLIT_READINGS as MAX_READINGS;
/// Most numbers tried by one search, so that hostile input cannot take long (a real row
/// needs a few hundred).
use crate::limits::MAX_SPLIT_STEPS as MAX_STEPS;

/// One printed piece of a row: a blank cell, or digits that hold one or more cells (the
/// first of them carrying the sign printed before the digits, if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Blank,
    Digits { digits: &'a str, sign: Option<char> },
}

/// A reading: the cells of a row in printed order (`None` = blank).
pub(crate) type Reading = Vec<Option<i64>>;

/// The readings of `pieces` as exactly `n` cells. Each run of digits is cut into one or
/// more numbers without leading zeros (a lone `0` is a number); a blank piece stays one
/// cell. A signed run's first number must land in a cell where `signed(cell)` is true.
/// `check(cells)` is called with every prefix of a reading and returns false to prune it.
/// When the pieces hold one cell too few, each reading of `n - 1` cells with a blank put
/// at every position is a candidate (a cell printed blank among fused digits).
pub(crate) fn readings(
    pieces: &[Piece],
    n: usize,
    signed: &dyn Fn(usize) -> bool,
    check: &dyn Fn(&[Option<i64>]) -> bool,
) -> Result<Vec<Reading>, TooMany> {
    let mut found = Vec::new();
    let mut cells = Vec::with_capacity(n);
    let mut steps = 0usize;
    let mut search = Search {
        pieces,
        n,
        signed,
        check,
        found: &mut found,
        steps: &mut steps,
    };
    search.walk(0, 0, &mut cells)?;
    let most: usize = pieces
        .iter()
        .map(|p| match p {
            Piece::Blank => 1,
            Piece::Digits { digits, .. } => digits.len(),
        })
        .sum();
    if found.is_empty() && n > 1 && most + 1 == n {
        let mut shorter = Vec::new();
        let mut search = Search {
            pieces,
            n: n - 1,
            signed,
            check: &|_| true,
            found: &mut shorter,
            steps: &mut steps,
        };
        search.walk(0, 0, &mut cells)?;
        for reading in shorter {
            for at in 0..n {
                let mut with_blank = reading.clone();
                with_blank.insert(at, None);
                if (0..=n).all(|len| check(&with_blank[..len])) && !found.contains(&with_blank) {
                    found.push(with_blank);
                    if found.len() > MAX_READINGS {
                        return Err(TooMany);
                    }
                }
            }
        }
    }
    Ok(found)
}

/// The search gave up (too many readings or steps): the split is ambiguous.
#[derive(Debug)]
pub(crate) struct TooMany;

struct Search<'s, 'p> {
    pieces: &'s [Piece<'p>],
    n: usize,
    signed: &'s dyn Fn(usize) -> bool,
    check: &'s dyn Fn(&[Option<i64>]) -> bool,
    found: &'s mut Vec<Reading>,
    steps: &'s mut usize,
}

impl Search<'_, '_> {
    fn walk(&mut self, piece: usize, at: usize, cells: &mut Vec<Option<i64>>) -> Result<(), TooMany> {
        *self.steps += 1;
        if *self.steps > MAX_STEPS || self.found.len() > MAX_READINGS {
            return Err(TooMany);
        }
        let n = self.n;
        if piece == self.pieces.len() {
            if cells.len() == n {
                self.found.push(cells.clone());
            }
            return Ok(());
        }
        if cells.len() >= n {
            return Ok(());
        }
        let (digits, sign) = match self.pieces[piece] {
            Piece::Blank => {
                cells.push(None);
                if (self.check)(cells) {
                    self.walk(piece + 1, 0, cells)?;
                }
                cells.pop();
                return Ok(());
            }
            Piece::Digits { digits, sign } => (digits, sign),
        };
        let rest = &digits[at..];
        if at == 0 && sign.is_some() && !(self.signed)(cells.len()) {
            return Ok(());
        }
        // The cells still needed must fit in the digits left (at least one digit each).
        let left_after: usize = self.pieces[piece + 1..]
            .iter()
            .map(|p| match p {
                Piece::Blank => 1,
                Piece::Digits { digits, .. } => digits.len(),
            })
            .sum();
        let max_len = if rest.starts_with('0') { 1 } else { rest.len().min(18) };
        for len in 1..=max_len {
            // Every number tried counts toward the bound, not only every call.
            *self.steps += 1;
            if *self.steps > MAX_STEPS {
                return Err(TooMany);
            }
            let Ok(value) = rest[..len].parse::<i64>() else { break };
            let value = if at == 0 && sign == Some('-') { -value } else { value };
            let remaining_here = rest.len() - len;
            if cells.len() + 1 + usize::from(remaining_here > 0) > n {
                continue;
            }
            if remaining_here + left_after < n.saturating_sub(cells.len() + 1) {
                continue;
            }
            cells.push(Some(value));
            if (self.check)(cells) {
                if remaining_here == 0 {
                    self.walk(piece + 1, 0, cells)?;
                } else {
                    self.walk(piece, at + len, cells)?;
                }
            }
            cells.pop();
        }
        Ok(())
    }
}

/// The usual check of a row of `width` cells whose last is the sum of the others (blank
/// cells count as 0): applied when a row is complete.
pub(crate) fn row_total(width: usize) -> impl Fn(&[Option<i64>]) -> bool {
    move |cells| {
        if cells.len() < width {
            return true;
        }
        let (parts, total) = cells.split_at(width - 1);
        let sum: i128 = parts.iter().map(|c| i128::from(c.unwrap_or(0))).sum();
        total[0].is_none_or(|t| i128::from(t) == sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(runs: &[&str], n: usize, check: &dyn Fn(&[Option<i64>]) -> bool) -> Vec<Vec<i64>> {
        let pieces: Vec<Piece> = runs.iter().map(|r| Piece::Digits { digits: r, sign: None }).collect();
        readings(&pieces, n, &|_| false, check)
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
        let pieces = [Piece::Digits {
            digits: &long,
            sign: None,
        }];
        assert!(readings(&pieces, 15, &|_| false, &|_| true).is_err());
    }

    #[test]
    fn a_signed_figure_lands_in_a_signed_cell() {
        let pieces = [
            Piece::Digits {
                digits: "0",
                sign: None,
            },
            Piece::Digits {
                digits: "11",
                sign: Some('+'),
            },
        ];
        let found = readings(&pieces, 3, &|cell| cell == 1, &|_| true).unwrap();
        assert_eq!(found, vec![vec![Some(0), Some(1), Some(1)]]);
        let none = readings(&pieces, 3, &|cell| cell == 0, &|_| true).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn one_cell_too_few_gives_a_blank_anywhere() {
        let pieces = [
            Piece::Digits {
                digits: "0",
                sign: None,
            },
            Piece::Digits {
                digits: "00000",
                sign: None,
            },
        ];
        let found = readings(&pieces, 7, &|_| false, &row_total(7)).unwrap();
        assert_eq!(found.len(), 7);
        assert!(found.iter().all(|r| r.iter().filter(|c| c.is_none()).count() == 1));
    }
}
