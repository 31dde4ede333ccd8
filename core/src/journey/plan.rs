//! A journey before it starts: its first transaction, and each later step with what it
//! is expected to cost and when it should be possible.

use alloy::primitives::U256;

use super::{Journey, JourneyAction};
use crate::tx::PreparedTx;

/// A later step of a journey, priced now as an estimate.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LaterStep {
    /// What the person will do.
    pub action: JourneyAction,
    /// Where it signs.
    pub chain_id: u64,
    /// The chain's name.
    pub chain: String,
    /// Its estimated fee at today's prices (gas measured on the devnet).
    pub estimated_fee: U256,
    /// Seconds from the first step until it is expected to be possible, if known.
    pub possible_after_secs: Option<u64>,
}

/// A journey ready to start: the record, its first transaction (priced, simulated), and
/// what comes after with its cost and time.
#[derive(Debug, Clone)]
pub struct PreparedJourney {
    /// The record that will be stored just before signing.
    pub journey: Journey,
    /// A token deposit's approval, when the bridge may not take the tokens yet: signed
    /// just before the first transaction.
    pub approve: Option<PreparedTx>,
    /// The first transaction (the deposit or the withdrawal itself).
    pub first: PreparedTx,
    /// The person's later steps.
    pub later: Vec<LaterStep>,
    /// Seconds until the funds are expected on the destination, if known.
    pub total_secs: Option<u64>,
}

impl PreparedJourney {
    /// Every fee of the journey in ETH: an approval's and the first transaction's expected
    /// fees, the ETH a ticket pays beyond the amount moved, and the later steps' estimates.
    pub fn total_fees(&self) -> U256 {
        let value = self.first.transaction.value.unwrap_or_default();
        let extra = match self.journey.asset.source_token {
            Some(_) => value,
            None => value.saturating_sub(self.journey.amount),
        };
        let approval = self
            .approve
            .as_ref()
            .map(|a| a.fee.total)
            .unwrap_or_default();
        approval
            + self.first.fee.total
            + extra
            + self.later.iter().map(|s| s.estimated_fee).sum::<U256>()
    }
}
