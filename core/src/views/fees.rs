use serde::{Deserialize, Serialize};

use super::{units, usd_per_eth};
use crate::{
    assets::UsdPrice,
    chain::ChainKind,
    fees::{FeeBreakdown, FeeComparison, Speed},
};

/// The cost of one speed, in wei, with USD when a price is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeeView {
    /// Speed.
    pub speed: Speed,
    /// Gas limit signed.
    pub gas_limit: u64,
    /// maxFeePerGas (wei).
    pub max_fee_per_gas: String,
    /// maxPriorityFeePerGas (wei).
    pub max_priority_fee_per_gas: String,
    /// Expected execution fee.
    pub execution: String,
    /// Expected L1 data fee (rollups).
    pub l1_data: String,
    /// Operator fee (OP Stack Isthmus+).
    pub operator: String,
    /// Expected total.
    pub total: String,
    /// The most it can cost.
    pub worst_case: String,
    /// The same in USD (8 decimals), when the ETH price is known.
    pub usd: Option<FeeUsdView>,
}

/// Fee parts in USD (8 decimals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeeUsdView {
    /// Execution.
    pub execution: String,
    /// L1 data.
    pub l1_data: String,
    /// Operator.
    pub operator: String,
    /// Total.
    pub total: String,
    /// Worst case.
    pub worst_case: String,
}

impl FeeView {
    /// A breakdown in the chain's native currency (18 decimals), priced at `price`.
    pub fn new(f: &FeeBreakdown, price: Option<&UsdPrice>) -> Self {
        let usd = price.map(|p| {
            let of = |wei| p.value_of(wei, 18).0.to_string();
            FeeUsdView {
                execution: of(f.execution),
                l1_data: of(f.l1_data),
                operator: of(f.operator),
                total: of(f.total),
                worst_case: of(f.worst_case),
            }
        });
        Self {
            speed: f.speed,
            gas_limit: f.gas_limit,
            max_fee_per_gas: f.max_fee_per_gas.to_string(),
            max_priority_fee_per_gas: f.max_priority_fee_per_gas.to_string(),
            execution: units(f.execution),
            l1_data: units(f.l1_data),
            operator: units(f.operator),
            total: units(f.total),
            worst_case: units(f.worst_case),
            usd,
        }
    }
}

/// One chain's price for the transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeeRowView {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub kind: ChainKind,
    /// Gas the transfer uses there.
    pub gas_used: u64,
    /// The normal-speed fee, when the chain answered.
    pub fee: Option<FeeView>,
    /// Why it could not be priced.
    pub error: Option<String>,
}

/// The same transfer priced on every chain, cheapest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeeComparisonView {
    /// Asset compared.
    pub asset: String,
    /// Amount compared (decimal, as given).
    pub amount: String,
    /// ETH/USD (8 decimals), when known.
    pub eth_usd: Option<String>,
    /// Rows.
    pub rows: Vec<FeeRowView>,
}

impl From<&FeeComparison> for FeeComparisonView {
    fn from(cmp: &FeeComparison) -> Self {
        let price = cmp.eth_usd.as_ref();
        Self {
            asset: cmp.asset.clone(),
            amount: cmp.amount.clone(),
            eth_usd: price.map(usd_per_eth),
            rows: cmp
                .rows
                .iter()
                .map(|r| FeeRowView {
                    chain_id: r.chain_id,
                    chain: r.chain.clone(),
                    kind: r.kind,
                    gas_used: r.gas_used,
                    fee: r.fee.as_ref().map(|f| FeeView::new(f, price)),
                    error: r.error.clone(),
                })
                .collect(),
        }
    }
}
