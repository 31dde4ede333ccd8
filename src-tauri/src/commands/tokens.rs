//! The tokens the wallet shows, per chain of the active profile.

use switchyard_core::views::TokenView;
use tauri::State;

use super::CmdResult;
use crate::host::Host;

/// The tokens known on each chain (one chain when given).
#[tauri::command]
#[specta::specta]
pub async fn tokens_list(
    host: State<'_, Host>,
    chain_id: Option<u64>,
) -> CmdResult<Vec<TokenView>> {
    host.call("tokens_list", move |ctx| async move {
        let networks = ctx.networks()?;
        let chain = chain_id.map(|id| id.to_string());
        Ok(ctx.wallet()?.tokens_view(&networks, chain.as_deref())?)
    })
    .await
}

/// Adds a token by its contract address (metadata read from the chain and checked).
#[tauri::command]
#[specta::specta]
pub async fn tokens_add(
    host: State<'_, Host>,
    chain_id: u64,
    address: String,
) -> CmdResult<TokenView> {
    host.call("tokens_add", move |ctx| async move {
        let networks = ctx.networks()?;
        let token = ctx
            .unlocked()?
            .add_token(&networks, &chain_id.to_string(), &address)
            .await?;
        // The profile's token list changed.
        ctx.reset_networks();
        Ok(TokenView::from(&token))
    })
    .await
}
