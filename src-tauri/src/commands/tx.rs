//! History, speed-up and cancel.

use switchyard_core::tx::Purpose;
use tauri::State;

use switchyard_core::views::{PreparedView, TxView};

use super::{CmdResult, send::review};
use crate::host::Host;

/// History, newest first (one chain when given), after one look at open transactions.
#[tauri::command]
#[specta::specta]
pub async fn tx_list(host: State<'_, Host>, chain_id: Option<u64>) -> CmdResult<Vec<TxView>> {
    host.call("tx_list", move |ctx| async move {
        let networks = ctx.networks()?;
        let (history, _) = ctx
            .unlocked()?
            .history_view(&networks, chain_id, 500)
            .await?;
        Ok(history)
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
