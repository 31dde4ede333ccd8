//! Journeys: one durable record per cross-chain transfer (a canonical deposit or
//! withdrawal today; fast-bridge fills, routes and channel steps later), with the state of
//! each step, the block or transaction that proved it, what the person must do next and
//! when the next step is expected.
//!
//! The record is data only. Its state is never set by hand: a reader in [`crate::bridge`]
//! reads the chains that own each step and returns an [`Observation`], which
//! [`Journey::observe`] applies — forwards freely, backwards only with a named reason
//! (a re-prove, a reorg), keeping every change in the history.

mod plan;
mod state;
mod steps;

pub use plan::{LaterStep, PreparedJourney};
pub use state::{JourneyAction, JourneyState};
pub use steps::{StepTx, step};

use alloy::primitives::{Address, B256, Bytes, U256};
use serde::{Deserialize, Serialize};

/// Which protocol path a journey takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JourneyKind {
    /// L1 → OP Stack chain through the standard bridge (a 0x7E deposit on L2).
    OpDeposit,
    /// OP Stack chain → L1: initiate, prove, finalize.
    OpWithdrawal,
    /// L1 → Arbitrum chain through the delayed inbox (an ETH deposit or a retryable ticket).
    ArbDeposit,
    /// Arbitrum chain → L1: initiate, then claim from the Outbox.
    ArbWithdrawal,
}

impl JourneyKind {
    /// Text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpDeposit => "op_deposit",
            Self::OpWithdrawal => "op_withdrawal",
            Self::ArbDeposit => "arb_deposit",
            Self::ArbWithdrawal => "arb_withdrawal",
        }
    }

    /// Parses [`JourneyKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::OpDeposit,
            Self::OpWithdrawal,
            Self::ArbDeposit,
            Self::ArbWithdrawal,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Whether it moves value down to a rollup (the L1 transaction is the only one signed).
    pub fn is_deposit(self) -> bool {
        matches!(self, Self::OpDeposit | Self::ArbDeposit)
    }
}

/// What was read, where: the chain, and the block or transaction that showed a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The chain that owns the state.
    pub chain_id: u64,
    /// The block the state was read in (or the transaction's block).
    pub block: Option<u64>,
    /// The transaction that made it so, when one did.
    pub tx: Option<B256>,
}

/// One change of state, kept for ever (an old proof stays in history after a re-prove).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateChange {
    /// When the wallet saw it (unix seconds).
    pub at: i64,
    /// The new state.
    pub state: JourneyState,
    /// Why, when it needs saying (always for a move backwards).
    pub reason: Option<String>,
    /// What showed it.
    pub evidence: Option<Evidence>,
}

/// The protocol message a journey carries, learnt from its first transaction's receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// An OP Stack deposit: the L2 transaction the L1 receipt names.
    OpDeposit {
        /// Hash of the 0x7E transaction on L2.
        l2_hash: B256,
    },
    /// An OP Stack withdrawal, as the portal proves and finalizes it.
    OpWithdrawal {
        /// `Types.WithdrawalTransaction.nonce`.
        nonce: U256,
        /// Sender on L2 (the L2 messenger for the standard bridge).
        sender: Address,
        /// Target on L1.
        target: Address,
        /// ETH it carries.
        value: U256,
        /// Gas limit on L1.
        gas_limit: U256,
        /// Calldata on L1.
        data: Bytes,
        /// Its hash.
        hash: B256,
        /// The L2 block it was initiated in.
        l2_block: u64,
    },
    /// An Arbitrum deposit: the inbox message and what it became on the child chain.
    ArbDeposit {
        /// The delayed inbox's message number.
        message_number: U256,
        /// The child-chain id (`@arbitrum/sdk`'s): an ETH deposit's transaction or a
        /// retryable's ticket.
        l2_id: B256,
        /// Whether it is a retryable ticket (else a plain ETH deposit).
        retryable: bool,
    },
    /// An Arbitrum withdrawal: the `L2ToL1Tx` event, which the Outbox executes.
    ArbWithdrawal {
        /// `caller` (the L2 sender).
        caller: Address,
        /// L1 destination.
        destination: Address,
        /// Position in the send tree (the Outbox's index).
        position: U256,
        /// L2 block.
        arb_block: U256,
        /// L1 block.
        eth_block: U256,
        /// L2 timestamp.
        timestamp: U256,
        /// ETH it carries.
        value: U256,
        /// Calldata on L1.
        data: Bytes,
    },
}

/// The asset a journey moves, on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyAsset {
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u8,
    /// The token on the source chain (`None` for ETH).
    pub source_token: Option<Address>,
    /// The token on the destination chain (`None` for ETH).
    pub destination_token: Option<Address>,
}

/// One cross-chain transfer, from its first transaction to the funds on the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
    /// Its id (`j` + 16 hex digits).
    pub id: String,
    /// Protocol path.
    pub kind: JourneyKind,
    /// Where the value leaves.
    pub from_chain: u64,
    /// Where it arrives.
    pub to_chain: u64,
    /// The account that started it (and signs the later steps by default).
    pub sender: Address,
    /// Who receives it on the destination chain.
    pub recipient: Address,
    /// What moves.
    pub asset: JourneyAsset,
    /// How much, in the asset's smallest unit.
    pub amount: U256,
    /// The state last read from the chains.
    pub state: JourneyState,
    /// Why it is in that state, when it needs saying (a re-prove, a failure, a deadline).
    pub reason: Option<String>,
    /// When the next step is expected to be possible (unix seconds), if known.
    pub eta: Option<i64>,
    /// What showed the current state.
    pub evidence: Option<Evidence>,
    /// The protocol message, once its first receipt has been read.
    pub message: Option<Message>,
    /// Every change of state, oldest first.
    pub history: Vec<StateChange>,
    /// When it was created (unix seconds).
    pub created_at: i64,
    /// When its state last changed or was last read (unix seconds).
    pub updated_at: i64,
}

/// What a reader found on the chains for one journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The state the chains show.
    pub state: JourneyState,
    /// Why (required when it is earlier than the recorded state).
    pub reason: Option<String>,
    /// When the next step is expected.
    pub eta: Option<i64>,
    /// What showed it.
    pub evidence: Option<Evidence>,
    /// The message, when this read learnt it.
    pub message: Option<Message>,
}

impl Observation {
    /// A state with nothing else to say.
    pub fn of(state: JourneyState) -> Self {
        Self {
            state,
            reason: None,
            eta: None,
            evidence: None,
            message: None,
        }
    }

    /// With a reason.
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// With an expected time for the next step.
    pub fn until(mut self, eta: Option<i64>) -> Self {
        self.eta = eta;
        self
    }

    /// With what showed it.
    pub fn shown_by(mut self, evidence: Evidence) -> Self {
        self.evidence = Some(evidence);
        self
    }
}

impl Journey {
    /// A new journey, before its first transaction is signed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: String,
        kind: JourneyKind,
        from_chain: u64,
        to_chain: u64,
        sender: Address,
        recipient: Address,
        asset: JourneyAsset,
        amount: U256,
        now: i64,
    ) -> Self {
        Self {
            id,
            kind,
            from_chain,
            to_chain,
            sender,
            recipient,
            asset,
            amount,
            state: JourneyState::NotSent,
            reason: None,
            eta: None,
            evidence: None,
            message: None,
            // Its history starts with the first state the chains show.
            history: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    /// A fresh id: `j` and 16 random hex digits.
    pub fn new_id() -> String {
        format!("j{}", alloy::hex::encode(rand::random::<[u8; 8]>()))
    }

    /// The id a journey rebuilt from its first transaction gets: the same on every
    /// machine holding the keys, so a rebuild twice does not make two.
    pub fn id_for(chain_id: u64, first_tx: B256) -> String {
        let digest = alloy::primitives::keccak256(
            [chain_id.to_be_bytes().as_slice(), first_tx.as_slice()].concat(),
        );
        format!("j{}", alloy::hex::encode(&digest[..8]))
    }

    /// Applies what was read. Returns whether anything a person would see changed.
    ///
    /// A move to an earlier state without a reason is taken as a reorg and says so: the
    /// chains are the truth, but the history must say why a state went away.
    pub fn observe(&mut self, seen: Observation, now: i64) -> bool {
        let changed = seen.state != self.state || seen.reason != self.reason;
        let reason = match seen.reason {
            None if seen.state.rank() < self.state.rank() => Some(format!(
                "reorg: the chain no longer shows this journey as {}",
                self.state.label().to_lowercase()
            )),
            reason => reason,
        };
        if changed {
            self.history.push(StateChange {
                at: now,
                state: seen.state,
                reason: reason.clone(),
                evidence: seen.evidence.clone(),
            });
        }
        let eta_changed = seen.eta != self.eta;
        self.state = seen.state;
        self.reason = reason;
        self.eta = seen.eta;
        if seen.evidence.is_some() {
            self.evidence = seen.evidence;
        }
        if seen.message.is_some() {
            self.message = seen.message;
        }
        self.updated_at = now;
        changed || eta_changed
    }

    /// What the person must do next, if anything.
    pub fn next_action(&self) -> Option<JourneyAction> {
        self.state.action()
    }
}

/// Why a journey request was refused. Nothing was signed.
#[derive(Debug, thiserror::Error)]
pub enum JourneyError {
    /// No journey with that id (or prefix).
    #[error(
        "There is no journey {0} in this wallet. `journey list` shows them; `journey rebuild` finds those started elsewhere."
    )]
    NotFound(String),
    /// The prefix names several.
    #[error("{0} names more than one journey; type more of its id.")]
    Ambiguous(String),
    /// The action is not the one the journey is waiting for, with when it will be.
    #[error("{0}")]
    NotNow(String),
    /// A step's transaction is already out.
    #[error(
        "A {what} for this journey is already on its way (transaction {tx}); sending another could pay twice. Wait for it, or speed it up or cancel it from the history."
    )]
    StepInFlight {
        /// The step.
        what: String,
        /// Its transaction.
        tx: B256,
    },
    /// The two chains are not connected by a canonical bridge the wallet knows.
    #[error("{0}")]
    NoRoute(String),
    /// The asset cannot take this bridge.
    #[error("{0}")]
    UnsupportedAsset(String),
    /// The amount cannot pay for what the journey needs.
    #[error("{0}")]
    AmountTooSmall(String),
}

impl JourneyError {
    /// The stable code the shells show.
    pub fn code(&self) -> crate::ErrorCode {
        use crate::ErrorCode;
        match self {
            Self::NotFound(_) => ErrorCode::JourneyNotFound,
            Self::Ambiguous(_) => ErrorCode::JourneyNotFound,
            Self::NotNow(_) => ErrorCode::JourneyNotReady,
            Self::StepInFlight { .. } => ErrorCode::JourneyStepInFlight,
            Self::NoRoute(_) => ErrorCode::NoBridgeRoute,
            Self::UnsupportedAsset(_) => ErrorCode::UnsupportedBridgeAsset,
            Self::AmountTooSmall(_) => ErrorCode::InvalidAmount,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
