//! The cross-chain fee comparison.

use switchyard_core::{
    fees::{DEFAULT_COMPARISON_AMOUNT, DEFAULT_COMPARISON_ASSET},
    views::FeeComparisonView,
};
use tauri::State;

use super::CmdResult;
use crate::host::Host;

/// Prices the same transfer (by default the core's amount of ETH) on every chain of the
/// active profile, cheapest first.
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
            .unwrap_or_else(|| DEFAULT_COMPARISON_ASSET.into());
        let amount = amount
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_COMPARISON_AMOUNT.into());
        let cmp = wallet.compare_fees(&networks, &asset, &amount).await?;
        Ok(FeeComparisonView::from(&cmp))
    })
    .await
}
