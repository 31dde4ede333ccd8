//! The error the [`crate::Wallet`] facade returns: each domain's error, plus a stable
//! code for the shells (CLI exit messages, Tauri's `{ code, message }`).

use std::path::PathBuf;

use crate::{
    accounts::AccountError, chain::NetworkError, keys::KeyError, rpc::RpcError, store::StoreError,
    tx::TxError,
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
        "The wallet database {database} is missing or empty, but the vault {vault} is there: this is a wallet whose accounts, history and settings were lost, not a new one. Restore the database from a backup; or move the vault aside and import your recovery phrase again (`switchyard wallet init --import`)."
    )]
    DatabaseMissing {
        /// The database file.
        database: PathBuf,
        /// The vault file.
        vault: PathBuf,
    },
    /// A database that records a wallet whose vault is gone.
    #[error(
        "The vault {vault} is missing, but the database {database} belongs to a wallet that had one: the keys are not here. Restore the vault from a backup; or move the database aside (it holds no keys) and import your recovery phrase again (`switchyard wallet init --import`)."
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
    /// A stable, machine-readable code for the error.
    pub fn code(&self) -> &'static str {
        use AccountError as A;
        use KeyError as K;
        match self {
            Self::Key(e) => match e {
                K::UnknownMnemonicWord { .. }
                | K::MnemonicWordCount(_)
                | K::MnemonicChecksum
                | K::MnemonicLanguage
                | K::EntropyLength(_) => "invalid_mnemonic",
                K::IndexOutOfRange(_) => "index_out_of_range",
                K::UnknownScheme(_) | K::BadPath(_) => "invalid_derivation",
                K::BadExtendedKey(_) => "invalid_extended_key",
                K::Derivation(_) => "derivation_failed",
                K::InvalidPrivateKey => "invalid_private_key",
                K::WeakPassword(_) => "weak_password",
                K::WrongPassword => "wrong_password",
                K::VaultTampered { .. } => "vault_tampered",
                K::VaultFormat { .. } => "vault_format",
                K::NoVault(_) => "no_wallet",
                K::VaultExists(_) => "wallet_exists",
                K::VaultIo { .. } => "vault_io",
                K::KeychainUnavailable(_) | K::KeychainCorrupt => "keychain_unavailable",
                K::KeystoreMac => "keystore_wrong_password",
                K::Keystore(_) => "keystore_invalid",
            },
            Self::Account(e) => match e {
                A::NotAnAddress(_) => "invalid_address",
                A::BadChecksum(_) => "address_checksum",
                A::Device(d) => d.code(),
                A::NotFound(_) => "account_not_found",
                A::AmbiguousLabel(_) => "ambiguous_label",
                A::Duplicate { .. } => "account_exists",
                A::BadLabel => "invalid_label",
                A::BadSetting(_) => "invalid_setting",
                A::CannotSign(_) => "cannot_sign",
                A::NoSeed => "no_seed",
                A::BadSigningInput(_) => "invalid_signing_input",
                A::Signing(_) => "signing_failed",
            },
            Self::Store(StoreError::Damaged { .. }) => "database_damaged",
            Self::Store(_) => "database",
            Self::Network(e) => match e {
                NetworkError::UnknownProfile(_) => "unknown_profile",
                NetworkError::UnknownChain { .. } => "unknown_chain",
                NetworkError::UnknownToken { .. } => "unknown_token",
                NetworkError::WrongChain { .. } => "rpc_wrong_chain",
                NetworkError::RpcUnreachable { .. } => "rpc_unreachable",
                NetworkError::NotAToken { .. } => "not_a_token",
                NetworkError::InvalidNetwork(_) => "invalid_network",
                NetworkError::Devnet(_) => "devnet_not_running",
                NetworkError::Store(_) => "database",
                NetworkError::Rpc(e) => rpc_code(e),
            },
            Self::Rpc(e) => rpc_code(e),
            Self::Tx(e) => match e {
                TxError::Amount(_) => "invalid_amount",
                TxError::InsufficientFunds { .. } => "insufficient_funds",
                TxError::NothingToSend { .. } => "nothing_to_send",
                TxError::WouldRevert { .. } => "would_revert",
                TxError::NonceConflict { .. } => "nonce_conflict",
                TxError::Rejected(_) => "tx_rejected",
                TxError::BroadcastUnknown { .. } => "broadcast_unknown",
                TxError::Lock(_) => "send_locked",
                TxError::AlreadyMined { .. } => "already_mined",
                TxError::DuplicateMeanwhile { .. } => "possible_duplicate",
                TxError::UnknownTransaction(_) => "unknown_transaction",
                TxError::NotReplaceable { .. } => "not_replaceable",
                TxError::SignerMismatch => "signer_mismatch",
                TxError::Rpc(e) => rpc_code(e),
            },
            Self::PassphraseMismatch => "passphrase_mismatch",
            Self::NotRemembered => "not_remembered",
            Self::DataDir { .. } => "data_dir",
            Self::DatabaseMissing { .. } => "database_missing",
            Self::VaultMissing { .. } => "vault_missing",
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

fn rpc_code(e: &RpcError) -> &'static str {
    match e {
        RpcError::Unreachable { .. } => "rpc_unreachable",
        RpcError::Rejected { .. } => "rpc_rejected",
        RpcError::Malformed { .. } => "rpc_malformed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failures_that_prove_nothing_left_allow_confirming_again() {
        let chain = || "L1".to_owned();
        let refused = RpcError::Rejected {
            chain: chain(),
            code: -32000,
            message: "insufficient funds".into(),
            data: None,
        };
        let not_sent = [
            Error::Tx(TxError::Rejected(refused.clone())),
            Error::Tx(TxError::NonceConflict {
                chain: chain(),
                nonce: 3,
            }),
            Error::Tx(TxError::SignerMismatch),
            Error::Key(KeyError::WrongPassword),
            Error::Rpc(refused),
        ];
        for e in not_sent {
            assert!(e.proves_not_sent(), "{e}");
        }
        let maybe_sent = [
            Error::Tx(TxError::BroadcastUnknown {
                chain: chain(),
                hash: Default::default(),
                detail: "timeout".into(),
            }),
            Error::Store(StoreError::Corrupt {
                path: PathBuf::from("db"),
                reason: "busy".into(),
            }),
        ];
        for e in maybe_sent {
            assert!(!e.proves_not_sent(), "{e}");
        }
    }
}
