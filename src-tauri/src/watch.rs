//! What the wallet thread does on its own: unlock from the OS keychain at start when the
//! person chose "remember on this device", follow the core's update stream
//! (`Wallet::follow`) and tell the UI — and the person, with an OS notification, when
//! something needs them — and lock after the auto-lock time without activity.

use std::{rc::Rc, time::Duration};

use switchyard_core::{Unlock, views::Update, wallet::Follower};
use tauri_specta::Event;

use crate::{
    ctx::WalletCtx,
    events::{BalancesChanged, JourneyUpdated, LockReason, TxUpdated},
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
    // Made once the wallet can be read (it may be created while the app runs).
    let mut follower = None;
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
        if let Err(e) = follow(&ctx, &mut follower).await {
            log::warn!("following transactions: {}", e.message);
        }
    }
}

/// One pass of the core's update stream: each change becomes an event for the UI, and
/// one that needs the person also an OS notification.
async fn follow(
    ctx: &WalletCtx,
    follower: &mut Option<Follower>,
) -> Result<(), crate::error::CommandError> {
    let wallet = ctx.wallet()?;
    let networks = ctx.networks()?;
    let follower = match follower {
        Some(f) => f,
        None => follower.insert(wallet.follower()?),
    };
    let pass = wallet.follow(&networks, follower).await?;
    for (chain_id, reason) in &pass.unchecked {
        log::warn!("could not check the open items of chain {chain_id}: {reason}");
    }
    for update in pass.updates {
        if let Some(text) = update.attention() {
            notify(ctx, text);
        }
        match update {
            Update::Transaction { tx, .. } => {
                let chain_id = tx.chain_id;
                let _ = TxUpdated { tx }.emit(&ctx.app);
                let _ = BalancesChanged { chain_id }.emit(&ctx.app);
            }
            Update::Journey { journey, .. } => {
                let _ = JourneyUpdated { journey }.emit(&ctx.app);
            }
        }
    }
    Ok(())
}

/// An OS notification; a desktop without a notification service only logs it.
fn notify(ctx: &WalletCtx, text: &str) {
    use tauri_plugin_notification::NotificationExt;
    if let Err(e) = ctx
        .app
        .notification()
        .builder()
        .title("Switchyard")
        .body(text)
        .show()
    {
        log::warn!("could not show a notification ({e}): {text}");
    }
}
