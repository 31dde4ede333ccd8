//! USD prices from on-chain Chainlink feeds (the devnet has its own feed with the same
//! interface). Values are integers with the feed's decimals, never floats.

use alloy::{
    primitives::{Address, U256},
    sol,
};
use serde::Serialize;

use crate::rpc::multicall::{Read, decode};

sol! {
    /// Chainlink's `AggregatorV3Interface`, the parts the wallet reads.
    interface IAggregatorV3 {
        function decimals() external view returns (uint8);
        function latestRoundData() external view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
    }
}

/// A USD amount with [`UsdValue::DECIMALS`] decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct UsdValue(pub U256);

impl UsdValue {
    /// Decimals of every USD value (Chainlink's USD feeds use 8).
    pub const DECIMALS: u8 = 8;

    /// Sum of two values.
    pub fn saturating_add(self, other: Self) -> Self {
        Self(self.0.saturating_add(other.0))
    }

    /// Rounded to cents, for display ("1234.57").
    pub fn to_cents_string(self) -> String {
        let cents = (self.0 + U256::from(500_000u64)) / U256::from(1_000_000u64);
        let text = cents.to_string();
        let padded = format!("{text:0>3}");
        let (whole, frac) = padded.split_at(padded.len() - 2);
        format!("{whole}.{frac}")
    }
}

/// A feed's latest answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsdPrice {
    /// Feed name (`eth_usd_feed`, …).
    pub feed: String,
    /// Answer, with `decimals` decimals.
    pub answer: U256,
    /// The feed's decimals.
    pub decimals: u8,
    /// When it was last updated (unix seconds).
    pub updated_at: u64,
}

impl UsdPrice {
    /// The USD value of `amount` of an asset with `decimals` decimals.
    pub fn value_of(&self, amount: U256, decimals: u8) -> UsdValue {
        let scaled =
            amount.saturating_mul(self.answer) / U256::from(10u64).pow(U256::from(decimals));
        let value = match Self::rescale(self.decimals) {
            Rescale::Up(f) => scaled.saturating_mul(f),
            Rescale::Down(f) => scaled / f,
        };
        UsdValue(value)
    }

    fn rescale(feed_decimals: u8) -> Rescale {
        let ten = U256::from(10u64);
        if feed_decimals <= UsdValue::DECIMALS {
            Rescale::Up(ten.pow(U256::from(UsdValue::DECIMALS - feed_decimals)))
        } else {
            Rescale::Down(ten.pow(U256::from(feed_decimals - UsdValue::DECIMALS)))
        }
    }
}

enum Rescale {
    Up(U256),
    Down(U256),
}

/// The two reads a feed needs, for a multicall.
pub fn feed_reads(feed: Address) -> [Read; 2] {
    [
        Read::new(feed, IAggregatorV3::decimalsCall {}),
        Read::new(feed, IAggregatorV3::latestRoundDataCall {}),
    ]
}

/// Decodes the results of [`feed_reads`]; `None` if the feed failed or has no positive answer.
pub fn decode_feed(name: &str, results: &[Option<alloy::primitives::Bytes>]) -> Option<UsdPrice> {
    let decimals = decode::<IAggregatorV3::decimalsCall>(&results[0])?;
    let round = decode::<IAggregatorV3::latestRoundDataCall>(&results[1])?;
    if round.answer.is_negative() || round.answer.is_zero() {
        return None;
    }
    Some(UsdPrice {
        feed: name.into(),
        answer: round.answer.into_raw(),
        decimals,
        updated_at: round.updatedAt.try_into().unwrap_or(u64::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(answer: u64, decimals: u8) -> UsdPrice {
        UsdPrice {
            feed: "f".into(),
            answer: U256::from(answer),
            decimals,
            updated_at: 0,
        }
    }

    #[test]
    fn value_of_is_exact_integer_arithmetic() {
        // 1.5 ETH at $3000.12345678 = $4500.18518517.
        let eth = U256::from(15u64) * U256::from(10u64).pow(U256::from(17u64));
        let v = price(300_012_345_678, 8).value_of(eth, 18);
        assert_eq!(v.0, U256::from(450_018_518_517u64));
        assert_eq!(v.to_cents_string(), "4500.19");
        // 2.5 USDC (6 decimals) at $0.99990000 with an 18-decimal feed.
        let v = price(999_900_000_000_000_000, 18).value_of(U256::from(2_500_000u64), 6);
        assert_eq!(v.0, U256::from(249_975_000u64));
    }

    #[test]
    fn cents_formatting_pads_small_values() {
        assert_eq!(UsdValue(U256::from(4_000_000u64)).to_cents_string(), "0.04");
        assert_eq!(UsdValue(U256::ZERO).to_cents_string(), "0.00");
    }
}
