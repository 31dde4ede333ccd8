//! The cross-chain fee comparison.

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;

use super::{
    CmdResult,
    views::{ChainKindView, FeeView, usd_per_eth},
};
use crate::host::Host;

/// One chain's price for the transfer.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FeeRowView {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub kind: ChainKindView,
    /// Gas the transfer uses there.
    pub gas_used: u64,
    /// The normal-speed fee, when the chain answered.
    pub fee: Option<FeeView>,
    /// Why it could not be priced.
    pub error: Option<String>,
}

/// The same transfer priced on every chain, cheapest first.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FeeComparisonView {
    /// Asset compared.
    pub asset: String,
    /// Amount compared.
    pub amount: String,
    /// ETH/USD (8 decimals), when known.
    pub eth_usd: Option<String>,
    /// Rows.
    pub rows: Vec<FeeRowView>,
}

/// Prices the same transfer (default: 0.01 ETH) on every chain of the active profile.
#[tauri::command]
#[specta::specta]
pub async fn fees_compare(
    host: State<'_, Host>,
    asset: Option<String>,
    amount: Option<String>,
) -> CmdResult<FeeComparisonView> {
    host.call("fees_compare", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let asset = asset
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| "ETH".into());
        let amount = amount
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| "0.01".into());
        let cmp = wallet.compare_fees(&networks, &asset, &amount).await?;
        let price = cmp.eth_usd.as_ref();
        Ok(FeeComparisonView {
            asset: cmp.asset.clone(),
            amount: cmp.amount.clone(),
            eth_usd: price.map(usd_per_eth),
            rows: cmp
                .rows
                .iter()
                .map(|r| FeeRowView {
                    chain_id: r.chain_id,
                    chain: r.chain.clone(),
                    kind: r.kind.into(),
                    gas_used: r.gas_used,
                    fee: r.fee.as_ref().map(|f| FeeView::new(f, price)),
                    error: r.error.clone(),
                })
                .collect(),
        })
    })
    .await
}
