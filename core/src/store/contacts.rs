use alloy::primitives::Address;
use rusqlite::params;

use super::{Store, StoreError};

impl Store {
    /// The address book: (name, address), by name.
    pub fn contacts(&self) -> Result<Vec<(String, Address)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, address FROM contacts ORDER BY lower(name), address")
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|(name, address)| {
                // Older versions stored some addresses in lower case: any case reads.
                let parsed = address
                    .parse()
                    .map_err(|_| self.corrupt(format!("bad contact address {address}")))?;
                Ok((name, parsed))
            })
            .collect()
    }

    /// Adds a contact, or renames the one at the same address.
    pub fn save_contact(&self, name: &str, address: Address) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO contacts (address, name) VALUES (?1, ?2)
                 ON CONFLICT (address) DO UPDATE SET name = excluded.name",
                params![address.to_checksum(None), name],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// Removes the contact at `address`; whether there was one.
    pub fn remove_contact(&self, address: Address) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "DELETE FROM contacts WHERE address = ?1 OR lower(address) = lower(?1)",
                [address.to_checksum(None)],
            )
            .map(|n| n > 0)
            .map_err(|e| self.sqlite(e))
    }
}
