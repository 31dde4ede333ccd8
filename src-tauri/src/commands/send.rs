//! Sending: prepare (check, simulate, price), review, confirm (sign and broadcast).

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::{
    SendInput,
    accounts::{Account, AccountKind, AccountSigner},
    fees::Speed,
    tx::{Amount, PreparedTx, TxError},
    views::{PreparedView, TxView},
};
use tauri::State;

use super::CmdResult;
use crate::{
    ctx::{Prepared, WalletCtx},
    host::Host,
};

/// The send form as the person filled it in.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SendForm {
    /// Sending account (address).
    pub from: String,
    /// Chain id.
    pub chain_id: u64,
    /// Recipient: an address (checksum verified) or one of the wallet's account labels.
    pub to: String,
    /// Token symbol or address; none for the native currency.
    pub asset: Option<String>,
    /// Decimal amount; none for "Max".
    pub amount: Option<String>,
    /// Fee level.
    pub speed: Speed,
}

/// Keeps `prepared` for confirmation and describes it.
pub async fn review(ctx: &WalletCtx, prepared: PreparedTx) -> CmdResult<PreparedView> {
    let wallet = ctx.unlocked()?;
    let networks = ctx.networks()?;
    let mut view = wallet.review(&networks, &prepared, String::new()).await?;
    view.id = ctx.keep_prepared(prepared);
    Ok(view)
}

/// Checks, simulates and prices a transfer. Nothing is signed.
#[tauri::command]
#[specta::specta]
pub async fn send_prepare(host: State<'_, Host>, form: SendForm) -> CmdResult<PreparedView> {
    host.call("send_prepare", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let chain = form.chain_id.to_string();
        let input = SendInput {
            from: Some(&form.from),
            chain: &chain,
            to: &form.to,
            asset: form.asset.as_deref(),
            amount: match &form.amount {
                Some(a) => Amount::Exact(a.trim().to_owned()),
                None => Amount::Max,
            },
            speed: form.speed,
        };
        let prepared = wallet.prepare_send(&networks, &input).await?;
        review(&ctx, prepared).await
    })
    .await
}

/// Signs exactly the prepared transaction `id` (on the device for a hardware account)
/// and broadcasts it. The record is stored before broadcast, so a crash loses nothing.
#[tauri::command]
#[specta::specta]
pub async fn send_confirm(host: State<'_, Host>, id: String) -> CmdResult<TxView> {
    host.call("send_confirm", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let prepared = ctx.take_prepared(&id)?;
        let account = wallet.find_account(&prepared.from.to_checksum(None))?;
        let (networks_ref, prepared_ref) = (&networks, &prepared);
        let record = signed(&ctx, &account, &id, prepared.clone(), |signer| async move {
            match wallet.send(&signer, networks_ref, prepared_ref).await {
                // It may have been sent: not an error to retry from, a transaction to
                // follow (shown as unconfirmed until its chain answers).
                Err(switchyard_core::Error::Tx(TxError::BroadcastUnknown { hash, .. })) => {
                    wallet.transaction(&hash.to_string())
                }
                other => other,
            }
        })
        .await?;
        log::info!("sent {} on chain {}", record.hash, record.chain_id);
        Ok(wallet.tx_view(&networks, &record))
    })
    .await
}

/// Signs with `account`'s signer (its device for a hardware account) and runs `send`.
/// A failure that proves nothing left the machine (rejected on the device, locked,
/// refused by every node…) puts `prepared` back under `id`, so the same review can be
/// confirmed again; after any other failure confirming again could sign a second
/// payment, so the person prepares anew.
pub async fn signed<T, F, Fut>(
    ctx: &WalletCtx,
    account: &Account,
    id: &str,
    prepared: impl Into<Prepared>,
    send: F,
) -> CmdResult<T>
where
    F: FnOnce(AccountSigner) -> Fut,
    Fut: std::future::Future<Output = switchyard_core::error::Result<T>>,
{
    let vendor = match &account.kind {
        AccountKind::Hardware { device, .. } => Some(*device),
        _ => None,
    };
    let mut not_sent = true;
    let sent = async {
        let signer = ctx.signer(account).await?;
        send(signer).await.map_err(|e| {
            not_sent = e.proves_not_sent();
            e.into()
        })
    }
    .await;
    let sent = match vendor {
        Some(v) => ctx.device_result(v, sent),
        None => sent,
    };
    if sent.is_err() && not_sent {
        ctx.restore_prepared(id, prepared);
    }
    sent
}

/// Discards anything prepared (a transfer, a replacement, a journey or its step) the
/// person decided not to send.
#[tauri::command]
#[specta::specta]
pub async fn send_discard(host: State<'_, Host>, id: String) -> CmdResult<()> {
    host.call("send_discard", move |ctx| async move {
        let _ = ctx.take(&id);
        Ok(())
    })
    .await
}
