use alloy::primitives::Address;
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError};
use crate::{
    accounts::{Account, AccountKind, HardwareDevice},
    keys::DerivationScheme,
};

/// An account about to be inserted.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Address.
    pub address: Address,
    /// Label.
    pub label: String,
    /// Kind.
    pub kind: AccountKind,
}

const COLUMNS: &str = "id, address, label, kind, scheme, hd_index, key_id, device, path, hidden";

impl Store {
    /// Inserts an account and returns it with its id.
    pub fn insert_account(&self, new: &NewAccount) -> Result<Account, StoreError> {
        let (scheme, index, key_id, device, path) = match &new.kind {
            AccountKind::Hd { scheme, index } => {
                (Some(scheme.as_str()), Some(*index), None, None, None)
            }
            AccountKind::Imported { key_id } => (None, None, Some(key_id.as_str()), None, None),
            AccountKind::WatchOnly => (None, None, None, None, None),
            AccountKind::Hardware {
                device,
                path,
                scheme,
            } => {
                let device = match device {
                    HardwareDevice::Ledger => "ledger",
                    HardwareDevice::Trezor => "trezor",
                };
                let scheme = scheme.map(DerivationScheme::as_str);
                (scheme, None, None, Some(device), Some(path.as_str()))
            }
        };
        self.conn
            .execute(
                "INSERT INTO accounts (address, label, kind, scheme, hd_index, key_id, device, path)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new.address.to_checksum(None),
                    new.label,
                    new.kind.name(),
                    scheme,
                    index,
                    key_id,
                    device,
                    path
                ],
            )
            .map_err(|e| self.sqlite(e))?;
        Ok(Account {
            id: self.conn.last_insert_rowid(),
            address: new.address,
            label: new.label.clone(),
            kind: new.kind.clone(),
            hidden: false,
        })
    }

    /// All accounts in creation order; hidden ones only if asked.
    pub fn accounts(&self, include_hidden: bool) -> Result<Vec<Account>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM accounts WHERE hidden = 0 OR ?1 ORDER BY id");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([include_hidden], raw_account)
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter().map(|raw| self.decode(raw)).collect()
    }

    /// The account with this address, if any.
    pub fn account_by_address(&self, address: Address) -> Result<Option<Account>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM accounts WHERE address = ?1");
        let raw = self
            .conn
            .query_row(&sql, [address.to_checksum(None)], raw_account)
            .optional()
            .map_err(|e| self.sqlite(e))?;
        raw.map(|raw| self.decode(raw)).transpose()
    }

    /// Accounts whose label is exactly `label`.
    pub fn accounts_by_label(&self, label: &str) -> Result<Vec<Account>, StoreError> {
        Ok(self
            .accounts(true)?
            .into_iter()
            .filter(|a| a.label == label)
            .collect())
    }

    /// The highest HD index used in `scheme`, if any.
    pub fn max_hd_index(&self, scheme: DerivationScheme) -> Result<Option<u32>, StoreError> {
        self.conn
            .query_row(
                "SELECT MAX(hd_index) FROM accounts WHERE kind = 'hd' AND scheme = ?1",
                [scheme.as_str()],
                |r| r.get(0),
            )
            .map_err(|e| self.sqlite(e))
    }

    /// Renames an account.
    pub fn set_label(&self, id: i64, label: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE accounts SET label = ?2 WHERE id = ?1",
                params![id, label],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// Hides or shows an account.
    pub fn set_hidden(&self, id: i64, hidden: bool) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE accounts SET hidden = ?2 WHERE id = ?1",
                params![id, hidden],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// Whether any HD account exists (a wallet with a phrase always has BIP44 #0).
    pub fn has_hd_accounts(&self) -> Result<bool, StoreError> {
        Ok(self.count_accounts("hd")? > 0)
    }

    /// Deletes the account with this address (undoing an interrupted wallet creation).
    pub fn delete_account(&self, address: Address) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM accounts WHERE address = ?1",
                [address.to_checksum(None)],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// Number of accounts of a kind (for default labels).
    pub fn count_accounts(&self, kind: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM accounts WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )
            .map_err(|e| self.sqlite(e))
    }

    fn decode(&self, raw: RawAccount) -> Result<Account, StoreError> {
        // Stored EIP-55: a changed character fails the checksum instead of silently
        // naming another address.
        let address = Address::parse_checksummed(&raw.address, None)
            .map_err(|_| self.corrupt(format!("bad address {}", raw.address)))?;
        let missing = |what: &str| self.corrupt(format!("account {} has no {what}", raw.id));
        let kind = match raw.kind.as_str() {
            "hd" => AccountKind::Hd {
                scheme: raw
                    .scheme
                    .as_deref()
                    .ok_or_else(|| missing("scheme"))?
                    .parse()
                    .map_err(|_| missing("known scheme"))?,
                index: raw.hd_index.ok_or_else(|| missing("index"))?,
            },
            "imported" => AccountKind::Imported {
                key_id: raw.key_id.ok_or_else(|| missing("key id"))?,
            },
            "watch" => AccountKind::WatchOnly,
            "hardware" => AccountKind::Hardware {
                device: match raw.device.as_deref() {
                    Some("ledger") => HardwareDevice::Ledger,
                    Some("trezor") => HardwareDevice::Trezor,
                    _ => return Err(missing("known device")),
                },
                path: raw.path.ok_or_else(|| missing("path"))?,
                scheme: match raw.scheme.as_deref() {
                    None => None,
                    Some(s) => Some(
                        s.parse::<DerivationScheme>()
                            .map_err(|_| missing("known scheme"))?,
                    ),
                },
            },
            other => return Err(self.corrupt(format!("unknown account kind {other}"))),
        };
        Ok(Account {
            id: raw.id,
            address,
            label: raw.label,
            kind,
            hidden: raw.hidden,
        })
    }
}

struct RawAccount {
    id: i64,
    address: String,
    label: String,
    kind: String,
    scheme: Option<String>,
    hd_index: Option<u32>,
    key_id: Option<String>,
    device: Option<String>,
    path: Option<String>,
    hidden: bool,
}

fn raw_account(r: &Row<'_>) -> rusqlite::Result<RawAccount> {
    Ok(RawAccount {
        id: r.get(0)?,
        address: r.get(1)?,
        label: r.get(2)?,
        kind: r.get(3)?,
        scheme: r.get(4)?,
        hd_index: r.get(5)?,
        key_id: r.get(6)?,
        device: r.get(7)?,
        path: r.get(8)?,
        hidden: r.get(9)?,
    })
}
