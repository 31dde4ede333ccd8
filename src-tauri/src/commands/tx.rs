//! History, speed-up and cancel.

use switchyard_core::tx::Purpose;
use tauri::State;

use super::{
    CmdResult,
    send::review,
    views::{PreparedView, TxView},
};
use crate::host::Host;

/// History, newest first (one chain when given), after one look at open transactions.
#[tauri::command]
#[specta::specta]
pub async fn tx_list(host: State<'_, Host>, chain_id: Option<u64>) -> CmdResult<Vec<TxView>> {
    host.call("tx_list", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        wallet.refresh_transactions(&networks).await?;
        Ok(wallet
            .history(chain_id, 500)?
            .iter()
            .map(|r| TxView::new(r, networks.client_by_id(r.chain_id).map(|c| c.spec())))
            .collect())
    })
    .await
}

async fn replacement(
    host: &Host,
    command: &'static str,
    hash: String,
    purpose: Purpose,
) -> CmdResult<PreparedView> {
    host.call(command, move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let prepared = wallet
            .prepare_replacement(&networks, &hash, purpose)
            .await?;
        review(&ctx, prepared).await
    })
    .await
}

/// Prepares a faster replacement of a pending transaction (confirm with `send_confirm`).
#[tauri::command]
#[specta::specta]
pub async fn tx_speed_up(host: State<'_, Host>, hash: String) -> CmdResult<PreparedView> {
    replacement(&host, "tx_speed_up", hash, Purpose::SpeedUp).await
}

/// Prepares a cancellation of a pending transaction (confirm with `send_confirm`).
#[tauri::command]
#[specta::specta]
pub async fn tx_cancel(host: State<'_, Host>, hash: String) -> CmdResult<PreparedView> {
    replacement(&host, "tx_cancel", hash, Purpose::Cancel).await
}
