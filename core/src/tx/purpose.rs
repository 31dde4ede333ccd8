use serde::{Deserialize, Serialize};

/// Why the wallet signed a transaction. Stored with it, shown on the review and in the
/// history; later steps (bridges, routes, channels) have theirs already.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// ETH or a token to a recipient.
    Transfer,
    /// The same transaction again with higher fees.
    SpeedUp,
    /// A zero-value transaction to self that takes the nonce.
    Cancel,
    /// An ERC-20 allowance for a contract (before a token deposit).
    Approve,
    /// A deposit into a rollup through its canonical bridge.
    Deposit,
    /// The start of a withdrawal from a rollup.
    WithdrawalInit,
    /// Proving a withdrawal on L1 (OP Stack).
    Prove,
    /// Finalizing a proven withdrawal on L1 (OP Stack).
    Finalize,
    /// Claiming a withdrawal from the Outbox (Arbitrum).
    Claim,
    /// Redeeming a retryable ticket by hand (Arbitrum).
    Redeem,
    /// Replaying a message whose relay failed (OP Stack messengers).
    Replay,
    /// A deposit into a fast bridge.
    FastDeposit,
    /// Opening a payment channel.
    ChannelOpen,
    /// Closing a payment channel.
    ChannelClose,
}

impl Purpose {
    /// Every purpose, in declaration order.
    pub const ALL: [Self; 14] = [
        Self::Transfer,
        Self::SpeedUp,
        Self::Cancel,
        Self::Approve,
        Self::Deposit,
        Self::WithdrawalInit,
        Self::Prove,
        Self::Finalize,
        Self::Claim,
        Self::Redeem,
        Self::Replay,
        Self::FastDeposit,
        Self::ChannelOpen,
        Self::ChannelClose,
    ];

    /// Text stored in the database (and seen in `--json`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Transfer => "transfer",
            Self::SpeedUp => "speed_up",
            Self::Cancel => "cancel",
            Self::Approve => "approve",
            Self::Deposit => "deposit",
            Self::WithdrawalInit => "withdrawal_init",
            Self::Prove => "prove",
            Self::Finalize => "finalize",
            Self::Claim => "claim",
            Self::Redeem => "redeem",
            Self::Replay => "replay",
            Self::FastDeposit => "fast_deposit",
            Self::ChannelOpen => "channel_open",
            Self::ChannelClose => "channel_close",
        }
    }

    /// Parses [`Purpose::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// A short name for a person ("Speed-up").
    pub fn label(self) -> &'static str {
        match self {
            Self::Transfer => "Transfer",
            Self::SpeedUp => "Speed-up",
            Self::Cancel => "Cancellation",
            Self::Approve => "Token approval",
            Self::Deposit => "Deposit",
            Self::WithdrawalInit => "Withdrawal",
            Self::Prove => "Withdrawal proof",
            Self::Finalize => "Withdrawal finalization",
            Self::Claim => "Withdrawal claim",
            Self::Redeem => "Ticket redemption",
            Self::Replay => "Message replay",
            Self::FastDeposit => "Fast-bridge deposit",
            Self::ChannelOpen => "Channel opening",
            Self::ChannelClose => "Channel closing",
        }
    }

    /// Whether it pays value to someone (a transfer, a deposit, a withdrawal, a fast
    /// deposit, a channel's funding): what a retry would pay twice.
    pub fn moves_value(self) -> bool {
        matches!(
            self,
            Self::Transfer
                | Self::Deposit
                | Self::WithdrawalInit
                | Self::FastDeposit
                | Self::ChannelOpen
        )
    }

    /// Whether a journey takes this step once at most: a finalization, a claim or a
    /// redeem that succeeded is done for good (a proof may be needed again after its game
    /// is invalidated; a replay may fail again).
    pub fn happens_once(self) -> bool {
        matches!(self, Self::Finalize | Self::Claim | Self::Redeem)
    }

    /// Whether it replaces another transaction (same nonce).
    pub fn is_replacement(self) -> bool {
        matches!(self, Self::SpeedUp | Self::Cancel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_round_trips_through_its_stored_text() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
        }
        assert_eq!(Purpose::parse("send"), None);
    }
}
