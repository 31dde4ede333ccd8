//! The error the [`crate::Wallet`] facade returns: each domain's error, plus a stable
//! code for the shells (CLI exit messages, Tauri's `{ code, message }`).

use std::path::PathBuf;

pub use crate::error_code::ErrorCode;
use crate::{
    accounts::AccountError, journey::JourneyError, keys::KeyError, networks::NetworkError,
    rpc::RpcError, store::StoreError, tx::TxError,
};

/// Anything a wallet operation can fail with. `Display` is a sentence for a person.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Key material.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// Accounts and signing.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Networks, chains, RPC endpoints, tokens.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// A chain request.
    #[error(transparent)]
    Rpc(#[from] RpcError),
    /// Sending and tracking transactions.
    #[error(transparent)]
    Tx(#[from] TxError),
    /// Bridges and journeys.
    #[error(transparent)]
    Journey(#[from] JourneyError),
    /// A BIP39 passphrase that is not the wallet's.
    #[error(
        "That passphrase is not this wallet's. A BIP39 passphrase is part of the seed: a different passphrase is not rejected by the math, it silently opens a different, empty set of accounts. Check the passphrase letter by letter (it is case-sensitive)."
    )]
    PassphraseMismatch,
    /// Unlocking from the keychain was asked for but nothing is remembered.
    #[error("This wallet is not remembered on this device; unlock it with its password.")]
    NotRemembered,
    /// The data directory cannot be created or used.
    #[error("Cannot use the data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A vault without its database: not a new wallet, a damaged one.
    #[error(
        "The wallet database {database} is missing or empty, but the vault {vault} is there: this is a wallet whose accounts, history and settings were lost, not a new one. Restore the database from a backup; or move the vault aside and import your recovery phrase again."
    )]
    DatabaseMissing {
        /// The database file.
        database: PathBuf,
        /// The vault file.
        vault: PathBuf,
    },
    /// A database that records a wallet whose vault is gone.
    #[error(
        "The vault {vault} is missing, but the database {database} belongs to a wallet that had one: the keys are not here. Restore the vault from a backup; or move the database aside (it holds no keys) and import your recovery phrase again."
    )]
    VaultMissing {
        /// The vault file.
        vault: PathBuf,
        /// The database file.
        database: PathBuf,
    },
}

impl From<switchyard_hw::DeviceError> for Error {
    fn from(e: switchyard_hw::DeviceError) -> Self {
        Self::Account(AccountError::Device(e))
    }
}

impl Error {
    /// A stable, machine-readable code for the error: each domain answers its own.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Key(e) => e.code(),
            Self::Account(e) => e.code(),
            Self::Store(e) => e.code(),
            Self::Network(e) => e.code(),
            Self::Rpc(e) => e.code(),
            Self::Tx(e) => e.code(),
            Self::Journey(e) => e.code(),
            Self::PassphraseMismatch => ErrorCode::PassphraseMismatch,
            Self::NotRemembered => ErrorCode::NotRemembered,
            Self::DataDir { .. } => ErrorCode::DataDir,
            Self::DatabaseMissing { .. } => ErrorCode::DatabaseMissing,
            Self::VaultMissing { .. } => ErrorCode::VaultMissing,
        }
    }
}

impl Error {
    /// Whether this error proves that nothing left the machine, so the same prepared
    /// transaction may be confirmed again: it failed before signing, the device or the
    /// person refused, or every node refused it. After an error that does not prove it
    /// (a broadcast of unknown fate, a database error once the record may be stored),
    /// confirming again could sign a second payment: prepare anew instead.
    pub fn proves_not_sent(&self) -> bool {
        match self {
            Self::Tx(e) => !matches!(e, TxError::BroadcastUnknown { .. }),
            Self::Store(_) | Self::DataDir { .. } => false,
            _ => true,
        }
    }
}

/// Result with the wallet's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
