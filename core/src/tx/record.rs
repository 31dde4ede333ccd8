use alloy::primitives::{Address, B256, Bytes, U256};
use serde::{Deserialize, Serialize};

use super::Purpose;
use crate::assets::AssetId;

/// Where a transaction is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TxStatus {
    /// Signed and broadcast, and a node took it; not in a block yet.
    Pending,
    /// Signed, but no node has confirmed it got it (stored, not yet broadcast; or the
    /// broadcast timed out, lost its connection, or failed after the request left). It may
    /// have been sent: it is looked up by hash and nonce, and broadcast again if missing.
    Unknown,
    /// In a block that may still be reorganised away.
    Included,
    /// In a finalized block.
    Final,
    /// Another of the wallet's transactions with the same nonce was included instead.
    Replaced,
    /// Its nonce was used by a transaction the wallet did not sign, or it vanished.
    Dropped,
    /// Not sent: every node that got it refused it (nonce too low, underpriced,
    /// insufficient funds…), or no node could be reached at all.
    NotSent,
}

impl TxStatus {
    /// Text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Unknown => "unknown",
            Self::Included => "included",
            Self::Final => "final",
            Self::Replaced => "replaced",
            Self::Dropped => "dropped",
            Self::NotSent => "not_sent",
        }
    }

    /// Parses [`TxStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Unknown,
            Self::Included,
            Self::Final,
            Self::Replaced,
            Self::Dropped,
            Self::NotSent,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// Whether it can still change.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Unknown | Self::Included)
    }

    /// Whether it may still be mined: pending, or unknown (it may have reached a node).
    /// Such a transaction holds its nonce, and can be sped up or cancelled.
    pub fn is_unmined(self) -> bool {
        matches!(self, Self::Pending | Self::Unknown)
    }
}

/// A transaction in the wallet's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TxRecord {
    /// Hash.
    pub hash: B256,
    /// Chain.
    pub chain_id: u64,
    /// Sender.
    pub from: Address,
    /// Recipient (of the tokens, for an ERC-20 transfer).
    pub to: Address,
    /// Asset sent.
    pub asset: AssetId,
    /// Its symbol.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// Amount, smallest unit.
    pub amount: U256,
    /// Nonce.
    pub nonce: u64,
    /// Why it was signed.
    pub purpose: Purpose,
    /// The transaction it replaces (speed-up, cancel).
    pub replaces: Option<B256>,
    /// The multi-step record (a journey) it belongs to, if any.
    pub journey_id: Option<String>,
    /// Signed bytes, kept for rebroadcast.
    #[serde(skip)]
    pub raw: Bytes,
    /// Gas limit.
    pub gas_limit: u64,
    /// `maxFeePerGas`.
    pub max_fee_per_gas: u128,
    /// `maxPriorityFeePerGas`.
    pub max_priority_fee_per_gas: u128,
    /// Expected total fee when signed.
    pub quoted_fee: U256,
    /// Status.
    pub status: TxStatus,
    /// Receipt status, once included.
    pub succeeded: Option<bool>,
    /// Block, once included.
    pub block_number: Option<u64>,
    /// Gas used, once included.
    pub gas_used: Option<u64>,
    /// Effective gas price, once included.
    pub effective_gas_price: Option<u128>,
    /// L1 data fee charged (OP Stack), once included.
    pub l1_fee: Option<U256>,
    /// Total fee paid, once included.
    pub fee_paid: Option<U256>,
    /// When it was signed (unix seconds).
    pub submitted_at: i64,
    /// Last change (unix seconds).
    pub updated_at: i64,
    /// A record an older version stored as dropped after a failed broadcast: looked up by
    /// hash once more, in case the chain has it.
    #[serde(skip)]
    pub recheck: bool,
}
