//! Fee models: what a transaction really costs on each kind of chain.
//!
//! - [`eip1559`]: fee levels from `eth_feeHistory` (every chain);
//! - [`op_formula`]: the OP Stack L1 data fee and operator fee formulas, offline;
//! - [`op_stack`]: the OP Stack `GasPriceOracle` on chain;
//! - [`arbitrum`]: Arbitrum's `NodeInterface` components;
//! - [`quote`]: the full breakdown for one chain in one round trip;
//! - [`compare`]: the same transfer priced on every chain.

pub mod arbitrum;
pub mod compare;
pub mod eip1559;
pub mod op_formula;
pub mod op_stack;
pub mod quote;

pub use compare::{
    DEFAULT_COMPARISON_AMOUNT, DEFAULT_COMPARISON_ASSET, FeeComparison, FeeComparisonRow,
    compare_fees,
};
pub use eip1559::Speed;
pub use quote::{FeeBreakdown, FeeQuote, FeeRequest, GasPlan, GasSource, quote};
