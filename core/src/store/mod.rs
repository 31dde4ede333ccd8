//! One SQLite database per wallet (WAL, versioned migrations): accounts, labels,
//! settings, contacts, user networks, RPCs and tokens, transaction history; journeys and
//! channel states arrive with their domains.

mod accounts;
mod contacts;
mod journeys;
mod networks;
mod settings;
mod transactions;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

pub use accounts::NewAccount;

/// The schema's migrations, in order. Append only: never edit one that has shipped.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_initial.sql")),
    M::up(include_str!("migrations/002_chains_and_history.sql")),
    M::up(include_str!("migrations/003_broadcast_outcomes.sql")),
    M::up(include_str!("migrations/004_contacts.sql")),
    M::up(include_str!("migrations/005_journeys.sql")),
];

/// The migrations, for tests that build a database as an older version left it.
#[cfg(test)]
pub(crate) const MIGRATIONS_FOR_TESTS: &[M<'static>] = MIGRATIONS;

/// What can go wrong with the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("The wallet database {path} failed: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// The schema could not be brought up to date.
    #[error(
        "The wallet database {path} could not be upgraded: {reason}. Is it from a newer Switchyard?"
    )]
    Migration {
        /// The database file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file fails SQLite's integrity check, or is not a database at all.
    #[error(
        "The wallet database {path} is damaged ({detail}); refusing to read it, so nothing is shown or changed from a partial copy. Restore it from a backup; your keys are in the vault, not in the database."
    )]
    Damaged {
        /// The database file.
        path: PathBuf,
        /// What SQLite found.
        detail: String,
    },
    /// A row does not decode (a value written by something else).
    #[error("The wallet database {path} holds a value this version cannot read: {reason}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
}

impl StoreError {
    /// Its stable code.
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            Self::Damaged { .. } => crate::ErrorCode::DatabaseDamaged,
            _ => crate::ErrorCode::Database,
        }
    }
}

/// The wallet database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed, owner-only) the database at `path`, checks its integrity
    /// and migrates it to the latest schema.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let damaged = |detail: String| StoreError::Damaged {
            path: path.to_owned(),
            detail,
        };
        create_private(path).map_err(|e| damaged(format!("cannot create or protect it: {e}")))?;
        let mut conn = Connection::open(path).map_err(sqlite)?;
        // The first statement reads the header: a file that is not a database fails here.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                    damaged(e.to_string())
                }
                _ => sqlite(e),
            })?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sqlite)?;
        check_integrity(&conn).map_err(damaged)?;
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// The schema version (SQLite `user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.sqlite(e))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one SQLite transaction: all of its writes are committed together, or
    /// none (an error, or the process dying before the end).
    pub fn atomically<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| self.sqlite(e))?;
        let value = f()?;
        tx.commit().map_err(|e| self.sqlite(e))?;
        Ok(value)
    }

    fn sqlite(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn corrupt(&self, reason: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }
}

/// Creates the file owner-only (SQLite gives its -wal and -shm files the same mode), and
/// takes group and other access away from one an older version created.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        if file.metadata()?.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    options.open(path)?;
    Ok(())
}

/// SQLite's full integrity check (structure, every row reachable, indexes matching their
/// tables): a database that fails it could hide rows, so it is not read at all.
fn check_integrity(conn: &Connection) -> Result<(), String> {
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| e.to_string())?;
    let problems = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| e.to_string())?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    match problems.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        _ => Err(problems.into_iter().take(3).collect::<Vec<_>>().join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_idempotent() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        // Reopening does not re-run anything.
        assert_eq!(
            Store::open(&path).unwrap().schema_version().unwrap(),
            MIGRATIONS.len() as i64
        );
    }

    #[test]
    fn older_rows_get_a_purpose_and_dropped_ones_a_recheck() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        // A database as version 2 of the schema left it, with a dropped and a final row.
        let mut conn = Connection::open(&path).unwrap();
        Migrations::from_slice(&MIGRATIONS[..2])
            .to_latest(&mut conn)
            .unwrap();
        for (hash, status) in [("0x01", "dropped"), ("0x02", "final")] {
            conn.execute(
                "INSERT INTO transactions (hash, chain_id, from_address, to_address, asset, symbol, decimals, amount, nonce, kind, raw, gas_limit, max_fee_per_gas, max_priority_fee_per_gas, quoted_fee, status)
                 VALUES (?1, 1, '0x0', '0x0', 'native', 'ETH', 18, '1', 0, 'send', '0x', 21000, '1', '1', '1', ?2)",
                [hash, status],
            )
            .unwrap();
        }
        drop(conn);
        let store = Store::open(&path).unwrap();
        let marked: Vec<(String, String, bool, String)> = store
            .conn
            .prepare("SELECT hash, status, recheck, purpose FROM transactions ORDER BY hash")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            marked,
            [
                ("0x01".into(), "dropped".into(), true, "transfer".into()),
                ("0x02".into(), "final".into(), false, "transfer".into())
            ]
        );
        // The new outcomes fit the table.
        store
            .conn
            .execute(
                "UPDATE transactions SET status = 'unknown' WHERE hash = '0x01'",
                [],
            )
            .unwrap();
        store
            .conn
            .execute(
                "UPDATE transactions SET status = 'not_sent' WHERE hash = '0x02'",
                [],
            )
            .unwrap();
    }
}
