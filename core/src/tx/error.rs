use alloy::primitives::B256;

use crate::{assets::AmountError, rpc::RpcError};

/// Why a transfer was not sent (nothing was signed or broadcast unless said otherwise).
#[derive(Debug, thiserror::Error)]
pub enum TxError {
    /// The amount does not parse for the asset.
    #[error("{0}")]
    Amount(#[from] AmountError),
    /// Amount plus fees exceed the balance.
    #[error(
        "Not enough {symbol}: this needs {needed} {symbol} ({detail}) but the account has {available} {symbol}. Nothing was sent."
    )]
    InsufficientFunds {
        /// Asset short of.
        symbol: String,
        /// Needed, formatted.
        needed: String,
        /// Available, formatted.
        available: String,
        /// What makes up the need.
        detail: String,
    },
    /// "Send max" leaves nothing after fees.
    #[error(
        "The balance ({available} {symbol}) does not cover the fee ({fee} {symbol} at worst), so there is nothing to send."
    )]
    NothingToSend {
        /// Native symbol.
        symbol: String,
        /// Balance, formatted.
        available: String,
        /// Worst-case fee, formatted.
        fee: String,
    },
    /// The simulation reverted.
    #[error("The transaction would fail on {chain}: {reason}. Nothing was signed.")]
    WouldRevert {
        /// Chain name.
        chain: String,
        /// Revert reason or node message.
        reason: String,
    },
    /// The node refused the signed transaction because its nonce is taken.
    #[error(
        "{chain} refused the transaction: its nonce {nonce} is already used (another transaction from this account was sent meanwhile). Nothing was sent; try again."
    )]
    NonceConflict {
        /// Chain.
        chain: String,
        /// Nonce.
        nonce: u64,
    },
    /// Every node refused the signed transaction.
    #[error("{0} Nothing was sent.")]
    Rejected(RpcError),
    /// No node confirmed it received the transaction, but one may have.
    #[error(
        "{chain} did not confirm it received transaction {hash} ({detail}). It may have been sent: do not send it again. Switchyard keeps looking for it on the chain (by hash and by nonce) and broadcasts it again if the chain does not have it; its status is in the history."
    )]
    BroadcastUnknown {
        /// Chain.
        chain: String,
        /// The transaction, stored as `unknown`.
        hash: B256,
        /// What each endpoint did.
        detail: String,
    },
    /// A replacement's original, or another replacement of it, is already in a block.
    #[error(
        "{chain} refused the replacement: transaction {original} or one of its replacements is already in a block, so there is nothing left to replace. Nothing was sent."
    )]
    AlreadyMined {
        /// Chain.
        chain: String,
        /// The transaction the replacement was for.
        original: B256,
    },
    /// The same payment was sent by another process while this one was being reviewed.
    #[error(
        "Not sent: while this was being reviewed, transaction {hash} — the same amount to the same recipient from this account — was sent, and it is not mined yet. To send a second payment, prepare it again (it will be flagged as a possible duplicate)."
    )]
    DuplicateMeanwhile {
        /// The transaction sent meanwhile.
        hash: B256,
    },
    /// The same step of the same journey went out while this one was reviewed.
    #[error(
        "Not sent: while this was being reviewed, the same step of this journey went out in transaction {hash} (from another window or process). Follow that one instead of sending another."
    )]
    StepMeanwhile {
        /// The transaction sent meanwhile.
        hash: B256,
    },
    /// The per-account send lock could not be taken.
    #[error("Could not start sending: {0}")]
    Lock(String),
    /// A transaction the wallet does not know.
    #[error("No transaction '{0}' in this wallet's history.")]
    UnknownTransaction(String),
    /// Speed-up / cancel of a transaction that is no longer pending.
    #[error(
        "Transaction {hash} is {status}; only a transaction that is not mined yet (pending or unknown) can be sped up or cancelled."
    )]
    NotReplaceable {
        /// Hash.
        hash: B256,
        /// Its status.
        status: &'static str,
    },
    /// The signature does not recover to the sending account.
    #[error("The signer produced a signature for another address; nothing was sent.")]
    SignerMismatch,
    /// A chain request failed.
    #[error(transparent)]
    Rpc(#[from] RpcError),
}

impl TxError {
    /// Its stable code.
    pub fn code(&self) -> crate::ErrorCode {
        use crate::ErrorCode as C;
        match self {
            Self::Amount(_) => C::InvalidAmount,
            Self::InsufficientFunds { .. } => C::InsufficientFunds,
            Self::NothingToSend { .. } => C::NothingToSend,
            Self::WouldRevert { .. } => C::WouldRevert,
            Self::NonceConflict { .. } => C::NonceConflict,
            Self::Rejected(_) => C::TxRejected,
            Self::BroadcastUnknown { .. } => C::BroadcastUnknown,
            Self::Lock(_) => C::SendLocked,
            Self::AlreadyMined { .. } => C::AlreadyMined,
            Self::DuplicateMeanwhile { .. } => C::PossibleDuplicate,
            Self::StepMeanwhile { .. } => C::JourneyStepInFlight,
            Self::UnknownTransaction(_) => C::UnknownTransaction,
            Self::NotReplaceable { .. } => C::NotReplaceable,
            Self::SignerMismatch => C::SignerMismatch,
            Self::Rpc(e) => e.code(),
        }
    }
}
