//! Balances on every chain of the active profile.

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::assets::AssetId;
use tauri::State;

use super::{
    CmdResult,
    views::{ChainKindView, checksum, units, usd_per_eth},
};
use crate::host::Host;

/// One account's balance of one asset.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChainBalancesView {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub kind: Option<ChainKindView>,
    /// Holdings (non-zero, plus every account's native balance).
    pub holdings: Vec<HoldingView>,
    /// USD total of the priced holdings (8 decimals).
    pub usd_total: String,
    /// Why the chain could not be read, if it could not.
    pub error: Option<String>,
    /// The wallet's transactions on this chain not yet in a block.
    pub pending: u32,
}

/// Balances everywhere.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioView {
    /// Per chain.
    pub chains: Vec<ChainBalancesView>,
    /// USD total (8 decimals).
    pub usd_total: String,
    /// ETH/USD (8 decimals), when a feed answered.
    pub eth_usd: Option<String>,
}

/// Balances of every visible account on every chain.
#[tauri::command]
#[specta::specta]
pub async fn balances_portfolio(host: State<'_, Host>) -> CmdResult<PortfolioView> {
    host.call("balances_portfolio", |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let portfolio = wallet.portfolio(&networks, &[]).await?;
        let pending = wallet
            .history(None, 500)?
            .into_iter()
            .filter(|r| r.status.is_unmined())
            .fold(std::collections::HashMap::<u64, u32>::new(), |mut m, r| {
                *m.entry(r.chain_id).or_default() += 1;
                m
            });
        let eth_usd = portfolio
            .prices
            .iter()
            .find(|p| p.feed == "eth_usd_feed")
            .map(usd_per_eth);
        Ok(PortfolioView {
            chains: portfolio
                .chains
                .iter()
                .map(|c| ChainBalancesView {
                    chain_id: c.chain_id,
                    chain: c.chain.clone(),
                    kind: networks
                        .client_by_id(c.chain_id)
                        .map(|cl| cl.spec().kind.into()),
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
                    pending: pending.get(&c.chain_id).copied().unwrap_or(0),
                })
                .collect(),
            usd_total: portfolio.usd_total.0.to_string(),
            eth_usd,
        })
    })
    .await
}
