//! "Remember on this device": the vault's data key in the platform keychain (Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows) via `keyring`.

use super::{KeyError, VaultKey};

/// The keychain service name all Switchyard entries use.
pub const SERVICE: &str = "Switchyard";

/// The keychain entry of one vault. `vault_id` keeps wallets in different data
/// directories apart.
pub struct KeychainEntry {
    entry: keyring::Entry,
}

impl KeychainEntry {
    /// The entry for the vault with this id.
    pub fn for_vault(vault_id: &str) -> Result<Self, KeyError> {
        let entry =
            keyring::Entry::new(SERVICE, &format!("vault-key-{vault_id}")).map_err(unavailable)?;
        Ok(Self { entry })
    }

    /// Stores the data key.
    pub fn remember(&self, key: &VaultKey) -> Result<(), KeyError> {
        self.entry.set_secret(key.as_bytes()).map_err(unavailable)
    }

    /// Reads the data key back; `None` when nothing is remembered.
    pub fn recall(&self) -> Result<Option<VaultKey>, KeyError> {
        match self.entry.get_secret() {
            Ok(bytes) => {
                let key = VaultKey::from_bytes(&bytes).ok_or(KeyError::KeychainCorrupt);
                drop(zeroize::Zeroizing::new(bytes));
                key.map(Some)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Removes the data key; returns whether there was one.
    pub fn forget(&self) -> Result<bool, KeyError> {
        match self.entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(unavailable(e)),
        }
    }
}

fn unavailable(e: keyring::Error) -> KeyError {
    KeyError::KeychainUnavailable(e.to_string())
}
