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

/// One transaction, looked up on its chain once.
#[tauri::command]
#[specta::specta]
pub async fn tx_show(host: State<'_, Host>, hash: String) -> CmdResult<TxView> {
    host.call("tx_show", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let record = wallet.transaction(&hash)?;
        let record = wallet.track(&networks, &record).await?;
        Ok(wallet.tx_view(&networks, &record))
    })
    .await
}

/// Follows a transaction until it is final or `timeout_secs` pass; its last state.
#[tauri::command]
#[specta::specta]
pub async fn tx_wait(host: State<'_, Host>, hash: String, timeout_secs: u32) -> CmdResult<TxView> {
    host.call("tx_wait", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let record = wallet
            .wait_final(
                &networks,
                &hash,
                std::time::Duration::from_secs(u64::from(timeout_secs)),
            )
            .await?;
        Ok(wallet.tx_view(&networks, &record))
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
