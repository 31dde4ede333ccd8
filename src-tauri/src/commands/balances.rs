//! Balances on every chain of the active profile.

use switchyard_core::views::PortfolioView;
use tauri::State;

use super::CmdResult;
use crate::host::Host;

/// Balances of every visible account on every chain.
#[tauri::command]
#[specta::specta]
pub async fn balances_portfolio(host: State<'_, Host>) -> CmdResult<PortfolioView> {
    host.call("balances_portfolio", |ctx| async move {
        let networks = ctx.networks()?;
        Ok(ctx.unlocked()?.portfolio_view(&networks, &[]).await?)
    })
    .await
}
