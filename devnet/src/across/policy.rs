//! The devnet relayer's fees: what it charges to fill a deposit, which the quote endpoint
//! offers and the relayer itself checks before filling, so a deposit made at the quoted
//! output amount is filled and one asking for more is not.

use alloy::primitives::U256;
use serde::{Deserialize, Serialize};

/// How much the quote marks the destination's gas price up.
pub const QUOTE_GAS_MARKUP: u64 = 2;

/// The relayer's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelayerPolicy {
    /// The relayer's capital fee, in basis points of the amount.
    pub capital_fee_bps: u64,
    /// The liquidity providers' fee, in basis points of the amount.
    pub lp_fee_bps: u64,
    /// Gas a fill takes on the destination (priced at its gas price).
    pub fill_gas: u64,
    /// Seconds the relayer waits after seeing a deposit before filling it.
    pub fill_delay_secs: u64,
    /// Smallest deposit relayed, wei.
    pub min_deposit: U256,
    /// Largest deposit relayed, wei.
    pub max_deposit: U256,
}

impl Default for RelayerPolicy {
    fn default() -> Self {
        Self {
            capital_fee_bps: 4,
            lp_fee_bps: 1,
            fill_gas: 150_000,
            fill_delay_secs: 2,
            min_deposit: U256::from(10u64.pow(14)),
            max_deposit: U256::from(100u64) * U256::from(10u64.pow(18)),
        }
    }
}

/// The fee parts of one deposit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    /// Capital fee.
    pub capital: U256,
    /// Destination gas.
    pub gas: U256,
    /// LP fee.
    pub lp: U256,
}

impl Fees {
    /// All three.
    pub fn total(&self) -> U256 {
        self.capital + self.gas + self.lp
    }
}

impl RelayerPolicy {
    /// What a deposit of `amount` costs the relayer when the destination's gas price is
    /// `gas_price` (saturating: amounts beyond the limits are refused before this matters).
    pub fn fees(&self, amount: U256, gas_price: U256) -> Fees {
        let bps = |n: u64| amount.saturating_mul(U256::from(n)) / U256::from(10_000);
        Fees {
            capital: bps(self.capital_fee_bps),
            gas: gas_price.saturating_mul(U256::from(self.fill_gas)),
            lp: bps(self.lp_fee_bps),
        }
    }

    /// What the quote endpoint asks: the fees with the gas priced at
    /// [`QUOTE_GAS_MARKUP`] × today's price, so a deposit made at the quote is still worth
    /// filling when the destination's gas price rises before the fill (Across's API marks
    /// gas up too).
    pub fn quoted_fees(&self, amount: U256, gas_price: U256) -> Fees {
        self.fees(
            amount,
            gas_price.saturating_mul(U256::from(QUOTE_GAS_MARKUP)),
        )
    }

    /// Whether `amount` is within the relayer's limits.
    pub fn within_limits(&self, amount: U256) -> bool {
        amount >= self.min_deposit && amount <= self.max_deposit
    }

    /// Whether filling `output` for `input` pays at least the fees (and `input` is within
    /// the limits).
    pub fn worth_filling(&self, input: U256, output: U256, gas_price: U256) -> bool {
        self.within_limits(input)
            && output <= input
            && input - output >= self.fees(input, gas_price).total()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deposit_at_the_quoted_output_is_worth_filling_and_one_wei_more_is_not() {
        let policy = RelayerPolicy::default();
        let (amount, gas_price) = (U256::from(10u64.pow(18)), U256::from(1_000_000_000u64));
        let fees = policy.fees(amount, gas_price);
        assert_eq!(fees.capital, U256::from(4 * 10u64.pow(14)));
        assert_eq!(fees.gas, U256::from(150_000u64 * 1_000_000_000));
        let output = amount - fees.total();
        assert!(policy.worth_filling(amount, output, gas_price));
        assert!(!policy.worth_filling(amount, output + U256::from(1), gas_price));
        assert!(
            !policy.worth_filling(U256::from(1), U256::ZERO, gas_price),
            "below the minimum"
        );
        assert!(
            !policy.worth_filling(U256::MAX, U256::ZERO, gas_price),
            "above the maximum, no overflow"
        );
        // The quote leaves room for the gas price to double before the fill.
        let quoted = amount - policy.quoted_fees(amount, gas_price).total();
        assert!(policy.worth_filling(amount, quoted, gas_price * U256::from(2)));
    }
}
