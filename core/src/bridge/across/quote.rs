//! Across's `GET /suggested-fees`: the query and the response, as the public API
//! (`https://app.across.to/api/suggested-fees`) and the devnet's endpoint both speak them
//! (`l2-protocols.md` §4.1). Amounts and 1e18-scaled percentages travel as decimal strings.

use alloy::primitives::{Address, U256};
use serde::{Deserialize, Serialize};

/// The query string of `GET /suggested-fees`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedFeesQuery {
    /// The token deposited on the origin chain (WETH for ETH).
    pub input_token: Address,
    /// The token received on the destination chain.
    pub output_token: Address,
    /// Origin chain id.
    pub origin_chain_id: u64,
    /// Destination chain id.
    pub destination_chain_id: u64,
    /// Amount deposited, in the input token's base units.
    pub amount: U256,
}

/// One fee part: a 1e18-scaled fraction of the amount, and the amount it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeePart {
    /// `total × 1e18 / amount`.
    #[serde(with = "decimal")]
    pub pct: U256,
    /// In the input token's base units.
    #[serde(with = "decimal")]
    pub total: U256,
}

impl FeePart {
    /// The part `total` of `amount`.
    pub fn of(total: U256, amount: U256) -> Self {
        let pct = if amount.is_zero() {
            U256::ZERO
        } else {
            total.saturating_mul(U256::from(10u64.pow(18))) / amount
        };
        Self { pct, total }
    }
}

/// The deposit limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedFeesLimits {
    /// Smallest deposit relayed.
    #[serde(with = "decimal")]
    pub min_deposit: U256,
    /// Largest deposit relayed.
    #[serde(with = "decimal")]
    pub max_deposit: U256,
    /// Largest deposit filled at once.
    #[serde(with = "decimal")]
    pub max_deposit_instant: U256,
    /// Largest deposit filled after a short delay.
    #[serde(with = "decimal")]
    pub max_deposit_short_delay: U256,
    /// Recommended largest instant deposit.
    #[serde(with = "decimal")]
    pub recommended_deposit_instant: U256,
}

/// The response of `GET /suggested-fees` (the fields the wallet reads; the public API
/// sends more, legacy flat ones included, which are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedFees {
    /// Relayer capital + relayer gas + LP fee; `outputAmount = amount − totalRelayFee.total`.
    pub total_relay_fee: FeePart,
    /// The relayer's capital cost.
    pub relayer_capital_fee: FeePart,
    /// The destination fill's gas.
    pub relayer_gas_fee: FeePart,
    /// The liquidity providers' fee.
    pub lp_fee: FeePart,
    /// The quote time, to pass as the deposit's `quoteTimestamp` (seconds, a string).
    #[serde(with = "decimal_u64")]
    pub timestamp: u64,
    /// True when the fees eat the amount (or it is below the minimum).
    pub is_amount_too_low: bool,
    /// The origin block the quote was made at.
    #[serde(with = "decimal_u64")]
    pub quote_block: u64,
    /// The origin chain's SpokePool.
    pub spoke_pool_address: Address,
    /// The destination chain's SpokePool.
    pub destination_spoke_pool_address: Address,
    /// The relayer with exclusivity (zero: none).
    pub exclusive_relayer: Address,
    /// Until when it has it (0: none).
    pub exclusivity_deadline: u64,
    /// Expected seconds from deposit to fill.
    pub estimated_fill_time_sec: u64,
    /// The latest fill deadline the origin accepts (origin time + its fill deadline buffer).
    pub fill_deadline: u64,
    /// Deposit limits.
    pub limits: SuggestedFeesLimits,
}

/// U256 as a decimal string.
mod decimal {
    use alloy::primitives::U256;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &U256, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<U256, D::Error> {
        let text = String::deserialize(d)?;
        U256::from_str_radix(&text, 10).map_err(serde::de::Error::custom)
    }
}

/// u64 as a decimal string (how Across sends `timestamp` and `quoteBlock`).
mod decimal_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_1e18_scaled_and_numbers_travel_as_strings() {
        let part = FeePart::of(U256::from(5), U256::from(1000));
        assert_eq!(part.pct, U256::from(5_000_000_000_000_000u64));
        let json = serde_json::to_value(&part).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "pct": "5000000000000000", "total": "5" })
        );
        assert_eq!(serde_json::from_value::<FeePart>(json).unwrap(), part);
        assert_eq!(FeePart::of(U256::from(1), U256::ZERO).pct, U256::ZERO);
    }
}
