use serde::{Deserialize, Serialize};

use super::{checksum, units};
use crate::{
    assets::{AssetId, ChainBalances},
    chain::ChainKind,
};

/// One account's balance of one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HoldingView {
    /// Account (EIP-55).
    pub account: String,
    /// Token contract; none for the native currency.
    pub token: Option<String>,
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u8,
    /// Amount in base units.
    pub amount: String,
    /// USD value (8 decimals), when priced.
    pub usd: Option<String>,
}

/// One chain's balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainBalancesView {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind (none for a chain no longer in the profile).
    pub kind: Option<ChainKind>,
    /// Holdings (non-zero, plus every account's native balance).
    pub holdings: Vec<HoldingView>,
    /// USD total of the priced holdings (8 decimals).
    pub usd_total: String,
    /// Why the chain could not be read, if it could not.
    pub error: Option<String>,
    /// The wallet's transactions on this chain not yet in a block (pending or unknown).
    pub pending: u32,
}

/// Balances everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioView {
    /// Per chain.
    pub chains: Vec<ChainBalancesView>,
    /// USD total (8 decimals).
    pub usd_total: String,
    /// ETH/USD (8 decimals), when a feed answered.
    pub eth_usd: Option<String>,
}

impl ChainBalancesView {
    /// The view of one chain's scan, with its kind and its count of unmined transactions.
    pub fn new(c: &ChainBalances, kind: Option<ChainKind>, pending: u32) -> Self {
        Self {
            chain_id: c.chain_id,
            chain: c.chain.clone(),
            kind,
            holdings: c
                .holdings
                .iter()
                .map(|h| HoldingView {
                    account: checksum(h.account),
                    token: match h.asset {
                        AssetId::Token(a) => Some(checksum(a)),
                        AssetId::Native => None,
                    },
                    symbol: h.symbol.clone(),
                    decimals: h.decimals,
                    amount: units(h.amount),
                    usd: h.usd.map(|u| u.0.to_string()),
                })
                .collect(),
            usd_total: c.usd_total.0.to_string(),
            error: c.error.clone(),
            pending,
        }
    }
}
