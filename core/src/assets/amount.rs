//! Decimal amounts as people type them, to and from integer base units (money is
//! integers). Strict on purpose: alloy's `parse_units` drops digits past the asset's
//! decimals, which would silently change what the user asked for.

use alloy::primitives::U256;

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not a plain decimal number.
    #[error("\"{0}\" is not an amount: use digits with an optional decimal point, e.g. 1.5.")]
    NotANumber(String),
    /// More fractional digits than the asset has.
    #[error("\"{amount}\" has more than {decimals} decimals, the most this asset can represent.")]
    TooManyDecimals {
        /// The input.
        amount: String,
        /// The asset's decimals.
        decimals: u8,
    },
    /// Larger than a 256-bit integer of base units.
    #[error("\"{0}\" is too large.")]
    TooLarge(String),
}

/// Parses `"1.5"` with `decimals` into base units (`1500000000000000000` for 18).
pub fn parse_units(amount: &str, decimals: u8) -> Result<U256, AmountError> {
    let s = amount.trim();
    let not_a_number = || AmountError::NotANumber(s.to_owned());
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return Err(not_a_number());
    }
    if fraction.len() > usize::from(decimals) {
        return Err(AmountError::TooManyDecimals {
            amount: s.to_owned(),
            decimals,
        });
    }
    let digits = format!("{whole}{fraction:0<width$}", width = usize::from(decimals));
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(digits, 10).map_err(|_| AmountError::TooLarge(s.to_owned()))
}

/// Formats base units as a decimal string without trailing zeros (`1.5`).
pub fn format_units(value: U256, decimals: u8) -> String {
    let digits = value.to_string();
    let d = usize::from(decimals);
    if d == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = d + 1);
    let (whole, fraction) = padded.split_at(padded.len() - d);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(
            parse_units("1.5", 18).unwrap(),
            U256::from(1_500_000_000_000_000_000u128)
        );
        assert_eq!(parse_units("0.000001", 6).unwrap(), U256::from(1));
        assert_eq!(parse_units(".5", 1).unwrap(), U256::from(5));
        assert_eq!(parse_units("7.", 2).unwrap(), U256::from(700));
        assert_eq!(parse_units("0", 18).unwrap(), U256::ZERO);
        assert_eq!(parse_units("42", 0).unwrap(), U256::from(42));
    }

    #[test]
    fn refuses_what_it_cannot_represent() {
        assert!(matches!(
            parse_units("1.0000000000000000001", 18),
            Err(AmountError::TooManyDecimals { .. })
        ));
        assert!(matches!(
            parse_units("0.1234567", 6),
            Err(AmountError::TooManyDecimals { .. })
        ));
        for bad in ["", ".", "-1", "1e18", "1,5", "0x10", " 1 2"] {
            assert!(
                matches!(parse_units(bad, 18), Err(AmountError::NotANumber(_))),
                "{bad}"
            );
        }
        let huge = "9".repeat(80);
        assert!(matches!(
            parse_units(&huge, 0),
            Err(AmountError::TooLarge(_))
        ));
    }

    #[test]
    fn formats_and_round_trips() {
        assert_eq!(
            format_units(U256::from(1_500_000_000_000_000_000u128), 18),
            "1.5"
        );
        assert_eq!(format_units(U256::from(1), 6), "0.000001");
        assert_eq!(format_units(U256::ZERO, 18), "0");
        assert_eq!(format_units(U256::from(42), 0), "42");
        for s in ["0.1", "123.456789", "1000000", "0.000000000000000001"] {
            assert_eq!(format_units(parse_units(s, 18).unwrap(), 18), s);
        }
    }
}
