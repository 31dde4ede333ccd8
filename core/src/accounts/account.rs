use alloy::primitives::Address;
use serde::{Deserialize, Serialize};

use crate::keys::DerivationScheme;

/// One account of the wallet, as stored and as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Database id.
    pub id: i64,
    /// The account's address (serialized EIP-55 checksummed).
    #[serde(serialize_with = "checksummed")]
    pub address: Address,
    /// The user's name for it.
    pub label: String,
    /// Where its key lives.
    #[serde(flatten)]
    pub kind: AccountKind,
    /// Hidden accounts are left out of lists unless asked for.
    pub hidden: bool,
}

/// Where an account's key lives, and so how it signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccountKind {
    /// Derived from the wallet's recovery phrase.
    Hd {
        /// Derivation scheme.
        scheme: DerivationScheme,
        /// Account index within the scheme.
        index: u32,
    },
    /// An imported private key (raw or from a keystore), held in the vault.
    Imported {
        /// The vault's id for the key.
        key_id: String,
    },
    /// An address the wallet watches but cannot sign for.
    WatchOnly,
    /// A key on a Ledger or Trezor (filled in by the hardware-wallet layer).
    Hardware {
        /// Which kind of device.
        device: HardwareDevice,
        /// Full derivation path on the device.
        path: String,
        /// The scheme the path belongs to (None for a custom path), remembered so the
        /// account is found again under the same scheme.
        scheme: Option<DerivationScheme>,
    },
}

/// Hardware wallet families (the hardware layer's own type).
pub use switchyard_hw::Vendor as HardwareDevice;

impl Account {
    /// Whether the wallet can sign for it (a key in the vault or on a device).
    pub fn can_sign(&self) -> bool {
        !matches!(self.kind, AccountKind::WatchOnly)
    }

    /// Its derivation path, when it has one.
    pub fn path(&self) -> Option<String> {
        match &self.kind {
            AccountKind::Hd { scheme, index } => scheme.path(*index).ok(),
            AccountKind::Hardware { path, .. } => Some(path.clone()),
            AccountKind::Imported { .. } | AccountKind::WatchOnly => None,
        }
    }
}

impl AccountKind {
    /// The short name used in the database and in tables.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Hd { .. } => "hd",
            Self::Imported { .. } => "imported",
            Self::WatchOnly => "watch",
            Self::Hardware { .. } => "hardware",
        }
    }

    /// A one-line description of where the key lives ("bip44 #3", "ledger m/44'/…").
    pub fn describe(&self) -> String {
        match self {
            Self::Hd { scheme, index } => format!("{scheme} #{index}"),
            Self::Imported { .. } => "imported key".to_owned(),
            Self::WatchOnly => "watch-only".to_owned(),
            Self::Hardware { device, path, .. } => format!("{device} {path}").to_lowercase(),
        }
    }
}

/// People compare addresses by eye: every address the wallet prints is EIP-55 checksummed.
pub(crate) fn checksummed<S: serde::Serializer>(
    address: &Address,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&address.to_checksum(None))
}
