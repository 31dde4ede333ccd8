//! Raw secp256k1 private keys typed or pasted by a person.

use alloy::signers::local::PrivateKeySigner;
use zeroize::Zeroizing;

use super::KeyError;

/// Parses a hex private key (64 hex digits, `0x` optional, surrounding whitespace ignored)
/// into a signer, refusing zero and values not below the curve order.
pub fn parse_private_key(hex_key: &str) -> Result<PrivateKeySigner, KeyError> {
    let trimmed = hex_key.trim();
    let digits = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
        .unwrap_or(trimmed);
    if digits.len() != 64 {
        return Err(KeyError::InvalidPrivateKey);
    }
    let mut bytes = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(digits, bytes.as_mut()).map_err(|_| KeyError::InvalidPrivateKey)?;
    signer_from_bytes(&bytes)
}

/// Builds a signer from 32 secret bytes.
pub fn signer_from_bytes(bytes: &[u8; 32]) -> Result<PrivateKeySigner, KeyError> {
    PrivateKeySigner::from_slice(bytes).map_err(|_| KeyError::InvalidPrivateKey)
}

/// The 32 secret bytes of a signer, zeroized on drop.
pub fn signer_bytes(signer: &PrivateKeySigner) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(signer.to_bytes().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        // anvil's first account.
        let key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        let signer = parse_private_key(&format!("  {key}\n")).unwrap();
        assert_eq!(
            signer.address().to_string(),
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
        );
        assert!(parse_private_key(&key[2..]).is_ok());
        for bad in [
            "0x1234",
            "0xzz0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x0000000000000000000000000000000000000000000000000000000000000000",
            // The curve order n itself.
            "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        ] {
            assert!(
                matches!(parse_private_key(bad), Err(KeyError::InvalidPrivateKey)),
                "{bad}"
            );
        }
    }
}
