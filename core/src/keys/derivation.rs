//! BIP32 derivation of Ethereum keys with `coins-bip32`, for the three schemes wallets use.

use alloy::signers::local::PrivateKeySigner;
use coins_bip32::{path::DerivationPath, prelude::Parent};

use super::KeyError;

/// The largest account index: indices are hardened in some schemes, so 2^31 − 1 is the
/// largest that means the same thing in all of them.
pub const MAX_INDEX: u32 = 0x7fff_ffff;

/// Where account number `i` lives in the HD tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum DerivationScheme {
    /// BIP44, MetaMask and most software wallets: `m/44'/60'/0'/0/i`.
    Bip44,
    /// Ledger Live: `m/44'/60'/i'/0/0`.
    Live,
    /// Legacy (MyEtherWallet, old Ledger Chrome app): `m/44'/60'/0'/i`.
    Legacy,
}

impl DerivationScheme {
    /// Every scheme.
    pub const ALL: [Self; 3] = [Self::Bip44, Self::Live, Self::Legacy];

    /// The derivation path of account `index`.
    pub fn path(self, index: u32) -> Result<String, KeyError> {
        check_index(index.into())?;
        Ok(match self {
            Self::Bip44 => format!("m/44'/60'/0'/0/{index}"),
            Self::Live => format!("m/44'/60'/{index}'/0/0"),
            Self::Legacy => format!("m/44'/60'/0'/{index}"),
        })
    }

    /// The scheme's short name, as the CLI and the database spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bip44 => "bip44",
            Self::Live => "live",
            Self::Legacy => "legacy",
        }
    }
}

impl std::str::FromStr for DerivationScheme {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "bip44" => Ok(Self::Bip44),
            "live" | "ledger-live" | "ledgerlive" => Ok(Self::Live),
            "legacy" => Ok(Self::Legacy),
            _ => Err(KeyError::UnknownScheme(s.to_owned())),
        }
    }
}

impl std::fmt::Display for DerivationScheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Checks an account index a person typed (as a wide integer, so that 2^32 is caught too).
pub fn check_index(index: u64) -> Result<u32, KeyError> {
    u32::try_from(index)
        .ok()
        .filter(|i| *i <= MAX_INDEX)
        .ok_or(KeyError::IndexOutOfRange(index))
}

/// Derives the signer at `path` (e.g. `m/44'/60'/0'/0/0`) from a BIP39 seed.
pub fn derive_signer(seed: &[u8], path: &str) -> Result<PrivateKeySigner, KeyError> {
    let path: DerivationPath = path
        .parse()
        .map_err(|_| KeyError::BadPath(path.to_owned()))?;
    let root = super::xkey::master_key(seed)?;
    let mut child = root;
    for index in path.iter() {
        child = child
            .derive_child(*index)
            .map_err(|e| KeyError::Derivation(e.to_string()))?;
    }
    let key: &coins_bip32::ecdsa::SigningKey = child.as_ref();
    Ok(PrivateKeySigner::from_signing_key(key.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(DerivationScheme::Bip44.path(3).unwrap(), "m/44'/60'/0'/0/3");
        assert_eq!(DerivationScheme::Live.path(3).unwrap(), "m/44'/60'/3'/0/0");
        assert_eq!(DerivationScheme::Legacy.path(3).unwrap(), "m/44'/60'/0'/3");
        assert!(DerivationScheme::Bip44.path(MAX_INDEX).is_ok());
        assert!(matches!(
            DerivationScheme::Live.path(MAX_INDEX + 1),
            Err(KeyError::IndexOutOfRange(0x8000_0000))
        ));
        assert!(matches!(
            check_index(1 << 32),
            Err(KeyError::IndexOutOfRange(_))
        ));
        assert!(matches!(
            "nope".parse::<DerivationScheme>(),
            Err(KeyError::UnknownScheme(_))
        ));
    }

    #[test]
    fn bad_path_is_refused() {
        assert!(matches!(
            derive_signer(&[0u8; 64], "m/44'/x"),
            Err(KeyError::BadPath(_))
        ));
    }
}
