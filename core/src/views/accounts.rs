use serde::{Deserialize, Serialize};

use super::checksum;
use crate::{
    accounts::{Account, AccountKind},
    keys::DerivationScheme,
};

/// Where an account's key lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AccountKindView {
    /// Derived from the recovery phrase.
    Hd,
    /// An imported key in the vault.
    Imported,
    /// Watched: no key.
    WatchOnly,
    /// On a Ledger or Trezor.
    Hardware,
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountView {
    /// EIP-55 address.
    pub address: String,
    /// The person's name for it.
    pub label: String,
    /// Where its key lives.
    pub kind: AccountKindView,
    /// "Ledger" / "Trezor" for hardware accounts.
    pub vendor: Option<String>,
    /// Derivation path, when known.
    pub path: Option<String>,
    /// The derivation scheme, for HD accounts and hardware ones on a known scheme.
    pub scheme: Option<DerivationScheme>,
    /// The account index within its scheme (HD accounts).
    pub index: Option<u32>,
    /// Whether the wallet can sign for it.
    pub can_sign: bool,
    /// Whether its key is in the vault, so it can be exported as a keystore.
    pub can_export: bool,
    /// Hidden from lists.
    pub hidden: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        let (kind, vendor) = match &a.kind {
            AccountKind::Hd { .. } => (AccountKindView::Hd, None),
            AccountKind::Imported { .. } => (AccountKindView::Imported, None),
            AccountKind::WatchOnly => (AccountKindView::WatchOnly, None),
            AccountKind::Hardware { device, .. } => {
                (AccountKindView::Hardware, Some(device.to_string()))
            }
        };
        Self {
            address: checksum(a.address),
            label: a.label.clone(),
            kind,
            vendor,
            path: a.path(),
            scheme: match &a.kind {
                AccountKind::Hd { scheme, .. } => Some(*scheme),
                AccountKind::Hardware { scheme, .. } => *scheme,
                _ => None,
            },
            index: match &a.kind {
                AccountKind::Hd { index, .. } => Some(*index),
                _ => None,
            },
            can_sign: a.can_sign(),
            can_export: matches!(
                a.kind,
                AccountKind::Hd { .. } | AccountKind::Imported { .. }
            ),
            hidden: a.hidden,
        }
    }
}

/// A saved recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactView {
    /// Name.
    pub name: String,
    /// EIP-55 address.
    pub address: String,
}

impl From<&crate::accounts::Contact> for ContactView {
    fn from(c: &crate::accounts::Contact) -> Self {
        Self {
            name: c.name.clone(),
            address: checksum(c.address),
        }
    }
}

/// An address found on a hardware wallet, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiscoveredView {
    /// Derivation path.
    pub path: String,
    /// The schemes that put this address at `index`.
    pub schemes: Vec<crate::keys::DerivationScheme>,
    /// Index within the scheme(s).
    pub index: u32,
    /// EIP-55 address.
    pub address: String,
    /// The wallet's account there, if already added.
    pub account: Option<String>,
    /// Its ETH on the chains that answered (wei); none when no chain answered.
    pub balance: Option<String>,
    /// The USD value of everything it holds there (8 decimals), when priced.
    pub usd: Option<String>,
}

/// A signature made by an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignatureView {
    /// The signing account (EIP-55).
    pub address: String,
    /// The 65-byte signature, `0x` r ‖ s ‖ v.
    pub signature: String,
}

impl SignatureView {
    /// The view of `signature` by `address`.
    pub fn new(
        address: alloy::primitives::Address,
        signature: &alloy::primitives::Signature,
    ) -> Self {
        Self {
            address: checksum(address),
            signature: alloy::primitives::hex::encode_prefixed(signature.as_bytes()),
        }
    }
}
