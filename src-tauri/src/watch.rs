//! What the wallet thread does on its own: unlock from the OS keychain at start when the
//! person chose "remember on this device", follow open transactions and tell the UI when
//! they change, and lock after the auto-lock time without activity.

use std::{collections::HashMap, rc::Rc, time::Duration};

use switchyard_core::Unlock;
use tauri_specta::Event;

use crate::{
    ctx::WalletCtx,
    events::{BalancesChanged, LockReason, TxUpdated},
};

/// How often open transactions are looked at (devnet blocks come every second).
const POLL: Duration = Duration::from_secs(2);

/// Runs until the app exits.
pub async fn run(ctx: Rc<WalletCtx>) {
    if let Ok(wallet) = ctx.wallet()
        && wallet.is_initialized()
        && wallet.is_remembered().unwrap_or(false)
    {
        match wallet.unlock(Unlock::Keychain) {
            Ok(session) => ctx.set_session(session),
            Err(e) => log::warn!("could not unlock from the OS keychain: {e}"),
        }
    }
    let mut ticker = tokio::time::interval(POLL);
    loop {
        ticker.tick().await;
        if !ctx.is_unlocked() {
            continue;
        }
        if let Ok(minutes) = ctx.wallet().and_then(|w| Ok(w.auto_lock_minutes()?))
            && ctx.idle_for() >= Duration::from_secs(u64::from(minutes) * 60)
        {
            ctx.lock(LockReason::Idle);
            continue;
        }
        if let Err(e) = follow_transactions(&ctx).await {
            log::warn!("following transactions: {}", e.message);
        }
    }
}

/// Looks at every open transaction once; emits what changed.
async fn follow_transactions(ctx: &WalletCtx) -> Result<(), crate::commands::CommandError> {
    let wallet = ctx.wallet()?;
    let before: HashMap<_, _> = wallet
        .history(None, 500)?
        .into_iter()
        .filter(|r| r.status.is_open())
        .map(|r| (r.hash, (r.status, r.block_number)))
        .collect();
    if before.is_empty() {
        return Ok(());
    }
    let networks = ctx.networks()?;
    let refresh = wallet.refresh_transactions(&networks).await?;
    for (chain_id, reason) in &refresh.unchecked {
        log::warn!("could not check the open transactions of chain {chain_id}: {reason}");
    }
    for record in refresh.updated {
        if before.get(&record.hash) == Some(&(record.status, record.block_number)) {
            continue;
        }
        let _ = TxUpdated {
            tx: wallet.tx_view(&networks, &record),
        }
        .emit(&ctx.app);
        let _ = BalancesChanged {
            chain_id: record.chain_id,
        }
        .emit(&ctx.app);
    }
    Ok(())
}
