use serde::{Deserialize, Serialize};

use crate::tx::Purpose;

/// Where a journey is, as read from the chain that owns that step
/// (`bridging-anchors.md` §3.6). One enum for every kind; each kind uses its own path
/// through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JourneyState {
    /// Nothing left the wallet: the first transaction was not signed (a device refused,
    /// the process stopped first) or every node refused it.
    NotSent,
    /// The first transaction is out, not in a block yet.
    Initiating,
    /// Deposits: in a block on L1; the rollup has not executed it yet.
    AwaitingDelivery,
    /// Arbitrum: the ticket exists but its automatic redeem failed; someone must redeem
    /// it before its deadline.
    NeedsRedeem,
    /// Arbitrum: a manual redeem is out.
    Redeeming,
    /// OP withdrawals: no game of the respected type covers the withdrawal's block yet.
    AwaitingGame,
    /// OP withdrawals: a valid game covers it; it can be proven (again, after a re-prove).
    ReadyToProve,
    /// OP withdrawals: a proof transaction is out.
    Proving,
    /// OP withdrawals: proven; the proof matures and the game resolves and settles.
    Maturing,
    /// OP withdrawals: `checkWithdrawal` passes; it can be finalized.
    ReadyToFinalize,
    /// OP withdrawals: a finalize transaction is out.
    Finalizing,
    /// Arbitrum withdrawals: the rollup has not confirmed a send root covering it yet.
    AwaitingConfirmation,
    /// Arbitrum withdrawals: confirmed; it can be claimed from the Outbox.
    ReadyToClaim,
    /// Arbitrum withdrawals: a claim transaction is out.
    Claiming,
    /// The funds are on the destination chain.
    Completed,
    /// OP: delivered, but the messenger's call failed (a deposit's on L2, a withdrawal's
    /// on L1); the message can be replayed.
    RelayFailed,
    /// OP: a replay of the failed message is out.
    Replaying,
    /// Arbitrum: the ticket expired before anyone redeemed it.
    Expired,
    /// It failed for good (a reverted first transaction, a failed L2 execution).
    Failed,
}

impl JourneyState {
    /// Order along the path, for telling a move backwards (which must carry a reason).
    pub fn rank(self) -> u8 {
        match self {
            Self::NotSent => 0,
            Self::Initiating => 1,
            Self::AwaitingDelivery | Self::AwaitingGame | Self::AwaitingConfirmation => 2,
            Self::NeedsRedeem | Self::ReadyToProve | Self::ReadyToClaim => 3,
            Self::Redeeming | Self::Proving | Self::Claiming => 4,
            Self::Maturing => 5,
            Self::ReadyToFinalize => 6,
            Self::Finalizing => 7,
            Self::RelayFailed => 8,
            Self::Replaying => 9,
            Self::Completed | Self::Expired | Self::Failed => 10,
        }
    }

    /// Whether it can still change (the update stream keeps reading it).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Self::NotSent | Self::Completed | Self::Expired | Self::Failed
        )
    }

    /// Whether a transaction of the journey is out and not in a block yet.
    pub fn is_in_flight(self) -> bool {
        matches!(
            self,
            Self::Initiating
                | Self::Proving
                | Self::Finalizing
                | Self::Claiming
                | Self::Redeeming
                | Self::Replaying
        )
    }

    /// What the person must do in this state, if anything.
    pub fn action(self) -> Option<JourneyAction> {
        match self {
            Self::ReadyToProve => Some(JourneyAction::Prove),
            Self::ReadyToFinalize => Some(JourneyAction::Finalize),
            Self::ReadyToClaim => Some(JourneyAction::Claim),
            Self::NeedsRedeem => Some(JourneyAction::Redeem),
            Self::RelayFailed => Some(JourneyAction::Replay),
            _ => None,
        }
    }

    /// A short name for a person.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotSent => "Not sent",
            Self::Initiating => "Sending",
            Self::AwaitingDelivery => "On its way",
            Self::NeedsRedeem => "Needs redeem",
            Self::Redeeming => "Redeeming",
            Self::AwaitingGame => "Waiting for a state proposal",
            Self::ReadyToProve => "Ready to prove",
            Self::Proving => "Proving",
            Self::Maturing => "Proven, waiting out the challenge period",
            Self::ReadyToFinalize => "Ready to finalize",
            Self::Finalizing => "Finalizing",
            Self::AwaitingConfirmation => "Waiting for confirmation",
            Self::ReadyToClaim => "Ready to claim",
            Self::Claiming => "Claiming",
            Self::Completed => "Completed",
            Self::RelayFailed => "Delivered, message failed",
            Self::Replaying => "Replaying",
            Self::Expired => "Expired",
            Self::Failed => "Failed",
        }
    }

    /// Text stored in the database.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// A step the person takes on a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum JourneyAction {
    /// Prove an OP Stack withdrawal on L1.
    Prove,
    /// Finalize a proven OP Stack withdrawal on L1.
    Finalize,
    /// Claim an Arbitrum withdrawal from the Outbox.
    Claim,
    /// Redeem an Arbitrum retryable ticket by hand.
    Redeem,
    /// Replay an OP Stack message whose relay by the messenger failed.
    Replay,
}

impl JourneyAction {
    /// The purpose its transaction is stored with.
    pub fn purpose(self) -> Purpose {
        match self {
            Self::Prove => Purpose::Prove,
            Self::Finalize => Purpose::Finalize,
            Self::Claim => Purpose::Claim,
            Self::Redeem => Purpose::Redeem,
            Self::Replay => Purpose::Replay,
        }
    }

    /// The verb, for sentences ("prove").
    pub fn verb(self) -> &'static str {
        match self {
            Self::Prove => "prove",
            Self::Finalize => "finalize",
            Self::Claim => "claim",
            Self::Redeem => "redeem",
            Self::Replay => "replay",
        }
    }

    /// The state its transaction puts the journey in while it is out.
    pub fn in_flight(self) -> JourneyState {
        match self {
            Self::Prove => JourneyState::Proving,
            Self::Finalize => JourneyState::Finalizing,
            Self::Claim => JourneyState::Claiming,
            Self::Redeem => JourneyState::Redeeming,
            Self::Replay => JourneyState::Replaying,
        }
    }
}
