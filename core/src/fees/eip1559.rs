//! EIP-1559 fee levels from `eth_feeHistory` (`l2-protocols.md` §6.1): the tip is the
//! median, over recent blocks, of a reward percentile (10th / 20th / 30th for slow /
//! normal / fast, MetaMask-style), never below a per-chain-kind floor; the fee cap is the
//! next block's base fee times a headroom factor plus the tip.

use alloy::rpc::types::FeeHistory;
use serde::{Deserialize, Serialize};

use crate::chain::ChainKind;

/// Blocks of history read.
pub const HISTORY_BLOCKS: u64 = 10;
/// Reward percentiles read, in [`Speed`] order.
pub const REWARD_PERCENTILES: [f64; 3] = [10.0, 20.0, 30.0];

/// How fast the user wants inclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Speed {
    /// Cheapest reasonable.
    Slow,
    /// The default.
    Normal,
    /// Outbid most.
    Fast,
}

impl Speed {
    /// All speeds, slowest first.
    pub const ALL: [Speed; 3] = [Speed::Slow, Speed::Normal, Speed::Fast];

    fn index(self) -> usize {
        self as usize
    }

    /// Headroom on the next base fee, as (numerator, denominator): how many full blocks of
    /// base-fee growth (12.5 % each) the fee cap survives — 2 for slow, 6 for normal, 8 for fast.
    fn base_fee_headroom(self) -> (u128, u128) {
        match self {
            Speed::Slow => (5, 4),
            Speed::Normal => (2, 1),
            Speed::Fast => (5, 2),
        }
    }

    /// The lowest tip offered on a chain kind: a zero or dust tip from quiet history must not
    /// leave a transaction unmined. Arbitrum ignores tips, so it gets none.
    fn tip_floor(self, kind: ChainKind) -> u128 {
        const GWEI: u128 = 1_000_000_000;
        match (kind, self) {
            (ChainKind::Ethereum, Speed::Slow) => GWEI / 100,
            (ChainKind::Ethereum, Speed::Normal) => GWEI / 20,
            (ChainKind::Ethereum, Speed::Fast) => GWEI / 5,
            (ChainKind::OpStack, Speed::Slow) => GWEI / 10_000,
            (ChainKind::OpStack, Speed::Normal) => GWEI / 1_000,
            (ChainKind::OpStack, Speed::Fast) => GWEI / 100,
            (ChainKind::Arbitrum, _) => 0,
        }
    }
}

/// Fee-per-gas values for one speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GasPrice {
    /// `maxFeePerGas`.
    pub max_fee_per_gas: u128,
    /// `maxPriorityFeePerGas`.
    pub max_priority_fee_per_gas: u128,
    /// What one gas is expected to cost: next base fee + tip.
    pub expected_per_gas: u128,
}

/// The next block's base fee from a fee history (its last `baseFeePerGas` entry).
pub fn next_base_fee(history: &FeeHistory) -> Option<u128> {
    history.base_fee_per_gas.last().copied()
}

/// Gas prices for `speed` on a chain of `kind`.
pub fn gas_price(history: &FeeHistory, kind: ChainKind, speed: Speed) -> Option<GasPrice> {
    let base = next_base_fee(history)?;
    let tip = match kind {
        ChainKind::Arbitrum => 0,
        _ => median_reward(history, speed.index()).max(speed.tip_floor(kind)),
    };
    let (num, den) = speed.base_fee_headroom();
    let max_fee = base.saturating_mul(num) / den + tip;
    Some(GasPrice {
        max_fee_per_gas: max_fee,
        max_priority_fee_per_gas: tip,
        expected_per_gas: base + tip,
    })
}

/// Median of the non-zero rewards at percentile column `column` (zeros are empty blocks).
fn median_reward(history: &FeeHistory, column: usize) -> u128 {
    let mut rewards: Vec<u128> = history
        .reward
        .iter()
        .flatten()
        .filter_map(|row| row.get(column).copied())
        .filter(|r| *r > 0)
        .collect();
    if rewards.is_empty() {
        return 0;
    }
    rewards.sort_unstable();
    rewards[rewards.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(base: &[u128], rewards: &[[u128; 3]]) -> FeeHistory {
        FeeHistory {
            base_fee_per_gas: base.to_vec(),
            reward: Some(rewards.iter().map(|r| r.to_vec()).collect()),
            ..Default::default()
        }
    }

    #[test]
    fn tip_is_the_median_of_non_zero_rewards_and_the_cap_adds_headroom() {
        let h = history(
            &[10_000_000_000, 11_000_000_000, 12_000_000_000],
            &[
                [1_000_000_000, 2_000_000_000, 3_000_000_000],
                [0, 0, 0],
                [500_000_000, 4_000_000_000, 5_000_000_000],
            ],
        );
        let normal = gas_price(&h, ChainKind::Ethereum, Speed::Normal).unwrap();
        // Non-zero 20th-percentile rewards: [2 gwei, 4 gwei] → median index 1 → 4 gwei.
        assert_eq!(normal.max_priority_fee_per_gas, 4_000_000_000);
        assert_eq!(normal.max_fee_per_gas, 2 * 12_000_000_000 + 4_000_000_000);
        assert_eq!(normal.expected_per_gas, 16_000_000_000);
        let slow = gas_price(&h, ChainKind::Ethereum, Speed::Slow).unwrap();
        assert_eq!(slow.max_priority_fee_per_gas, 1_000_000_000);
        assert_eq!(slow.max_fee_per_gas, 15_000_000_000 + 1_000_000_000);
    }

    #[test]
    fn quiet_history_falls_back_to_the_floor_and_arbitrum_has_no_tip() {
        let h = history(&[100, 100], &[[0, 0, 0]]);
        let fast = gas_price(&h, ChainKind::OpStack, Speed::Fast).unwrap();
        assert_eq!(fast.max_priority_fee_per_gas, 10_000_000);
        let arb = gas_price(&h, ChainKind::Arbitrum, Speed::Fast).unwrap();
        assert_eq!(arb.max_priority_fee_per_gas, 0);
        assert_eq!(arb.max_fee_per_gas, 250);
        assert!(gas_price(&history(&[], &[]), ChainKind::Ethereum, Speed::Slow).is_none());
    }
}
