//! Addresses as people type them: EIP-55 checksums enforced on mixed case.

use alloy::primitives::Address;

use super::AccountError;

/// Parses `0x` + 40 hex digits. Mixed-case input must carry a valid EIP-55 checksum;
/// all-lowercase or all-uppercase input (no checksum) is accepted.
pub fn parse_address(input: &str) -> Result<Address, AccountError> {
    let s = input.trim();
    let digits = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"));
    let Some(digits) = digits.filter(|d| d.len() == 40 && d.bytes().all(|b| b.is_ascii_hexdigit()))
    else {
        return Err(AccountError::NotAnAddress(s.to_owned()));
    };
    let has_lower = digits.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = digits.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        Address::parse_checksummed(format!("0x{digits}"), None)
            .map_err(|_| AccountError::BadChecksum(s.to_owned()))
    } else {
        digits
            .parse()
            .map_err(|_| AccountError::NotAnAddress(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    #[test]
    fn eip55() {
        // The EIP-55 specification's examples.
        for s in [
            GOOD,
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert_eq!(parse_address(s).unwrap().to_checksum(None), s);
        }
        assert!(parse_address(&GOOD.to_lowercase()).is_ok());
        assert!(parse_address(&format!("0x{}", GOOD[2..].to_uppercase())).is_ok());
        let typo = GOOD.replacen("aAeb", "aaeb", 1);
        assert!(matches!(
            parse_address(&typo),
            Err(AccountError::BadChecksum(_))
        ));
        assert!(matches!(
            parse_address("0x1234"),
            Err(AccountError::NotAnAddress(_))
        ));
        assert!(matches!(
            parse_address(&GOOD[2..]),
            Err(AccountError::NotAnAddress(_))
        ));
    }
}
