//! Preferences the shells share: where the devnet is, how long until the wallet locks
//! itself, and the address book.

use std::path::Path;

use alloy::primitives::Address;

use super::{Wallet, chains::DEVNET_DIR_SETTING};
use crate::{
    accounts::{AccountError, parse_address},
    error::Result,
};

/// Minutes of inactivity before the desktop app locks, unless the user chose otherwise.
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 15;
/// The longest auto-lock delay offered: a day.
const AUTO_LOCK_MAX_MINUTES: u32 = 24 * 60;

const AUTO_LOCK_SETTING: &str = "auto_lock_minutes";
const ADDRESS_BOOK_SETTING: &str = "address_book";
const MAX_CONTACT_NAME_CHARS: usize = 64;

/// A saved recipient.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Contact {
    /// The user's name for it.
    pub name: String,
    /// Its address (serialized EIP-55).
    #[serde(serialize_with = "crate::accounts::checksummed")]
    pub address: Address,
}

impl Wallet {
    /// Uses the devnet whose manifest is in `dir` (instead of `DATA_DIR/devnet`).
    pub fn set_devnet_dir(&self, dir: &Path) -> Result<()> {
        Ok(self
            .store
            .set_setting(DEVNET_DIR_SETTING, &dir.display().to_string())?)
    }

    /// Minutes of inactivity before the app locks.
    pub fn auto_lock_minutes(&self) -> Result<u32> {
        Ok(self
            .store
            .setting(AUTO_LOCK_SETTING)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(AUTO_LOCK_DEFAULT_MINUTES))
    }

    /// Sets the auto-lock delay (1 minute to a day).
    pub fn set_auto_lock_minutes(&self, minutes: u32) -> Result<()> {
        if !(1..=AUTO_LOCK_MAX_MINUTES).contains(&minutes) {
            return Err(AccountError::BadSetting(format!(
                "Auto-lock must be between 1 and {AUTO_LOCK_MAX_MINUTES} minutes."
            ))
            .into());
        }
        Ok(self
            .store
            .set_setting(AUTO_LOCK_SETTING, &minutes.to_string())?)
    }

    /// The address book, by name.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        let Some(text) = self.store.setting(ADDRESS_BOOK_SETTING)? else {
            return Ok(vec![]);
        };
        let mut contacts: Vec<Contact> = serde_json::from_str(&text).map_err(|e| {
            AccountError::BadSetting(format!("The address book could not be read: {e}"))
        })?;
        contacts.sort_by_key(|c| c.name.to_lowercase());
        Ok(contacts)
    }

    /// Adds a contact, or renames the one at the same address.
    pub fn save_contact(&self, name: &str, address: &str) -> Result<Contact> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_CONTACT_NAME_CHARS {
            return Err(AccountError::BadLabel.into());
        }
        if crate::text::has_unsafe_chars(name) {
            return Err(AccountError::BadLabel.into());
        }
        let contact = Contact {
            name: name.to_owned(),
            address: parse_address(address)?,
        };
        // Read, change, write: under the write lock, or another process's change is lost.
        let _lock = self.write_lock()?;
        let mut contacts = self.contacts()?;
        contacts.retain(|c| c.address != contact.address);
        contacts.push(contact.clone());
        self.save_contacts(&contacts)?;
        Ok(contact)
    }

    /// Removes the contact at `address`; returns whether there was one.
    pub fn remove_contact(&self, address: &str) -> Result<bool> {
        let address = parse_address(address)?;
        let _lock = self.write_lock()?;
        let mut contacts = self.contacts()?;
        let before = contacts.len();
        contacts.retain(|c| c.address != address);
        self.save_contacts(&contacts)?;
        Ok(contacts.len() != before)
    }

    fn save_contacts(&self, contacts: &[Contact]) -> Result<()> {
        let text = serde_json::to_string(contacts).expect("contacts serialize");
        Ok(self.store.set_setting(ADDRESS_BOOK_SETTING, &text)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wallet() -> (tempfile::TempDir, Wallet) {
        let dir = tempfile::tempdir().unwrap();
        let wallet = Wallet::open(dir.path()).unwrap();
        (dir, wallet)
    }

    #[test]
    fn auto_lock_defaults_and_rejects_out_of_range() {
        let (_d, w) = wallet();
        assert_eq!(w.auto_lock_minutes().unwrap(), AUTO_LOCK_DEFAULT_MINUTES);
        w.set_auto_lock_minutes(5).unwrap();
        assert_eq!(w.auto_lock_minutes().unwrap(), 5);
        assert!(w.set_auto_lock_minutes(0).is_err());
        assert!(w.set_auto_lock_minutes(AUTO_LOCK_MAX_MINUTES + 1).is_err());
        assert_eq!(w.auto_lock_minutes().unwrap(), 5);
    }

    #[test]
    fn address_book_saves_renames_and_removes_by_address() {
        let (_d, w) = wallet();
        let a = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        w.save_contact("Bob", a).unwrap();
        w.save_contact("alice", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
            .unwrap();
        // Same address in lower case: a rename, not a second entry.
        w.save_contact("Robert", &a.to_lowercase()).unwrap();
        let names: Vec<_> = w.contacts().unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["alice", "Robert"]);
        assert!(w.save_contact(" ", a).is_err());
        assert!(
            w.save_contact("Bad", "0x70997970c51812dc3a010c7d01b50e0d17dc79C8")
                .is_err()
        );
        assert!(w.remove_contact(a).unwrap());
        assert!(!w.remove_contact(a).unwrap());
        assert_eq!(w.contacts().unwrap().len(), 1);
    }
}
