//! The address book, and who an address is: the names both shells show and accept.

use alloy::primitives::Address;

use super::Wallet;
use crate::{
    accounts::{AccountError, Contact, parse_address},
    error::Result,
};

const MAX_CONTACT_NAME_CHARS: usize = 64;

impl Wallet {
    /// The address book, by name.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        Ok(self
            .store
            .contacts()?
            .into_iter()
            .map(|(name, address)| Contact { name, address })
            .collect())
    }

    /// Adds a contact, or renames the one at the same address.
    pub fn save_contact(&self, name: &str, address: &str) -> Result<Contact> {
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_CONTACT_NAME_CHARS
            || crate::text::has_unsafe_chars(name)
            || name.starts_with("0x")
        {
            return Err(AccountError::BadLabel.into());
        }
        let contact = Contact {
            name: name.to_owned(),
            address: parse_address(address)?,
        };
        self.store.save_contact(&contact.name, contact.address)?;
        Ok(contact)
    }

    /// Removes the contact at `address`; returns whether there was one.
    pub fn remove_contact(&self, address: &str) -> Result<()> {
        let address = parse_address(address)?;
        if !self.store.remove_contact(address)? {
            return Err(AccountError::NoContact(address).into());
        }
        Ok(())
    }

    /// The name the wallet knows `address` by: one of its accounts' labels, else a contact's.
    pub fn name_of(&self, address: Address) -> Result<Option<String>> {
        if let Some(account) = self.store.account_by_address(address)? {
            return Ok(Some(account.label));
        }
        Ok(self
            .contacts()?
            .into_iter()
            .find(|c| c.address == address)
            .map(|c| c.name))
    }

    /// The address a person means by `reference`: an address (checksum checked on mixed
    /// case), else one of the wallet's accounts by its label, else a contact by its name
    /// (both ignoring case). A name that fits several different addresses is refused, not
    /// guessed.
    pub fn resolve_recipient(&self, reference: &str) -> Result<Address> {
        let reference = reference.trim();
        if reference.starts_with("0x") {
            return Ok(parse_address(reference)?);
        }
        let named = |name: &str| name.to_lowercase() == reference.to_lowercase();
        let accounts = self
            .store
            .accounts(true)?
            .into_iter()
            .filter(|a| named(&a.label))
            .map(|a| a.address);
        let contacts = self
            .contacts()?
            .into_iter()
            .filter(|c| named(&c.name))
            .map(|c| c.address);
        let mut found: Vec<Address> = accounts.chain(contacts).collect();
        found.sort();
        found.dedup();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(AccountError::NotFound(format!(
                "{reference} (no account or contact has that name)"
            ))
            .into()),
            _ => Err(AccountError::AmbiguousLabel(reference.to_owned()).into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wallet::test_wallet as wallet;

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
        assert!(w.save_contact("0xlooks-like-an-address", a).is_err());
        assert!(
            w.save_contact("Bad", "0x70997970c51812dc3a010c7d01b50e0d17dc79C8")
                .is_err()
        );
        w.remove_contact(a).unwrap();
        let again = w.remove_contact(a).unwrap_err();
        assert_eq!(again.code(), crate::ErrorCode::AccountNotFound);
        assert!(again.to_string().contains("No contact"), "{again}");
        assert_eq!(w.contacts().unwrap().len(), 1);
    }

    #[test]
    fn a_recipient_is_an_address_an_account_or_a_contact() {
        let (_d, w) = wallet();
        let bob: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
            .parse()
            .unwrap();
        w.save_contact("Bob", &bob.to_string()).unwrap();
        assert_eq!(w.resolve_recipient("Bob").unwrap(), bob);
        assert_eq!(
            w.resolve_recipient("bob").unwrap(),
            bob,
            "as the app matches it"
        );
        assert_eq!(w.resolve_recipient(&bob.to_string()).unwrap(), bob);
        assert_eq!(w.name_of(bob).unwrap().as_deref(), Some("Bob"));
        let err = w.resolve_recipient("Carol").unwrap_err();
        assert_eq!(err.code(), "account_not_found", "{err}");
        w.watch("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", Some("Bob"))
            .unwrap();
        let err = w.resolve_recipient("Bob").unwrap_err();
        assert_eq!(err.code(), "ambiguous_label", "{err}");
    }

    #[test]
    fn an_address_book_of_an_older_version_moves_into_its_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("switchyard.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        // The first three schema versions, with the list in `settings` as they kept it.
        rusqlite_migration::Migrations::from_slice(&crate::store::MIGRATIONS_FOR_TESTS[..3])
            .to_latest(&mut { conn })
            .unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('address_book', ?1)",
            [r#"[{"name":"Bob","address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}]"#],
        )
        .unwrap();
        drop(conn);
        let w = Wallet::open(dir.path()).unwrap();
        let contacts = w.contacts().unwrap();
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].name, "Bob");
        assert_eq!(
            w.store.setting("address_book").unwrap(),
            None,
            "the old list is gone"
        );
    }
}
