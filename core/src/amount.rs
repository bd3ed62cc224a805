//! Exact decimal money amounts (`amount` cells): 本年收费金额（万元）, 采购总金额.
//!
//! JSON carries them as numbers. We keep the decimal digits the number was written with
//! (as far as an `f64` round-trip preserves them: up to 15 significant digits), so that
//! comparisons are exact and a document round-trips unchanged (`56580` stays `56580`,
//! `96171.6` stays `96171.6`).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest number of decimal places kept.
const MAX_SCALE: u32 = 18;

/// A non-negative decimal: `units / 10^scale`.
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    units: u128,
    scale: u32,
}

/// Why a number is not an [`Amount`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Below zero.
    Negative,
    /// NaN, infinite, or too large / too precise to hold exactly.
    OutOfRange,
}

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount { units: 0, scale: 0 };

    /// A whole number.
    pub fn from_u64(v: u64) -> Amount {
        Amount {
            units: u128::from(v),
            scale: 0,
        }
    }

    /// The decimal an `f64` stands for (its shortest round-trip digits).
    pub fn from_f64(v: f64) -> Result<Amount, AmountError> {
        if !v.is_finite() {
            return Err(AmountError::OutOfRange);
        }
        if v == 0.0 {
            // Also −0.0, which prints with a sign.
            return Ok(Amount::from_u64(0));
        }
        if v < 0.0 {
            return Err(AmountError::Negative);
        }
        // `Display` for f64 prints the shortest digits that round-trip, never an exponent.
        Amount::parse_decimal(&v.to_string()).ok_or(AmountError::OutOfRange)
    }

    /// Parses `123`, `123.45` (ASCII digits, one optional point, no sign).
    pub fn parse_decimal(text: &str) -> Option<Amount> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        let scale = u32::try_from(frac.len()).ok().filter(|s| *s <= MAX_SCALE)?;
        let mut units: u128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            units = units.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
        }
        Some(Amount { units, scale })
    }

    /// True for 0.
    pub fn is_zero(&self) -> bool {
        self.units == 0
    }

    /// The value as the nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::INFINITY)
    }

    fn scaled_to(&self, scale: u32) -> Option<u128> {
        self.units.checked_mul(10u128.checked_pow(scale - self.scale)?)
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Amount {}
impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Amount {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.scaled_to(scale), other.scaled_to(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only an overflowing side can be larger than the other.
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let digits = format!("{:0>width$}", self.units, width = self.scale as usize + 1);
        let (int, frac) = digits.split_at(digits.len() - self.scale as usize);
        write!(f, "{int}.{frac}")
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match u64::try_from(self.units) {
            Ok(whole) if self.scale == 0 => s.serialize_u64(whole),
            _ => s.serialize_f64(self.to_f64()),
        }
    }
}

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative number")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount::from_u64(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        u64::try_from(v)
            .map(Amount::from_u64)
            .map_err(|_| E::custom("negative amount"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        Amount::from_f64(v).map_err(|e| E::custom(format!("amount {v}: {e:?}")))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_written_digits() {
        for text in ["56580", "96171.6", "18651.06", "75394432.52", "999999.999999", "0"] {
            let a: Amount = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&a).unwrap(), text);
            assert_eq!(a.to_string(), text);
        }
    }

    #[test]
    fn tiny_amounts_keep_their_value() {
        let a: Amount = serde_json::from_str("0.000001").unwrap();
        assert_eq!(a.to_string(), "0.000001");
        let back: Amount = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn compares_exactly_across_scales() {
        let a = Amount::parse_decimal("1000000").unwrap();
        let b = Amount::parse_decimal("999999.999999").unwrap();
        assert!(b < a);
        assert_eq!(
            Amount::parse_decimal("1.50").unwrap(),
            Amount::parse_decimal("1.5").unwrap()
        );
    }

    #[test]
    fn rejects_negative_and_non_finite() {
        assert_eq!(Amount::from_f64(-0.5), Err(AmountError::Negative));
        assert_eq!(Amount::from_f64(f64::NAN), Err(AmountError::OutOfRange));
        assert!(serde_json::from_str::<Amount>("-3").is_err());
        assert!(Amount::from_f64(1e300).is_err());
    }
}
