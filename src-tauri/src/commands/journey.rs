//! Cross-chain transfers: their state read from the chains, and the person's steps
//! (prove, finalize, claim, redeem), each prepared and reviewed like a send and confirmed
//! with `send_confirm`.

use switchyard_core::{
    fees::Speed,
    journey::JourneyAction,
    views::{JourneyView, PreparedView},
};
use tauri::State;

use super::{CmdResult, send::review};
use crate::host::Host;

/// Every journey, newest first, after reading the open ones from the chains.
#[tauri::command]
#[specta::specta]
pub async fn journey_list(host: State<'_, Host>) -> CmdResult<Vec<JourneyView>> {
    host.call("journey_list", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let bridges = wallet.bridges(&networks);
        for (chain_id, why) in bridges.refresh_open(&Default::default()).await?.failed {
            log::warn!("could not read the journeys of chain {chain_id}: {why}");
        }
        let views = bridges.views(&bridges.list()?)?;
        Ok(views)
    })
    .await
}

/// One journey, read from the chains.
#[tauri::command]
#[specta::specta]
pub async fn journey_show(host: State<'_, Host>, id: String) -> CmdResult<JourneyView> {
    host.call("journey_show", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let bridges = wallet.bridges(&networks);
        let journey = bridges.refresh(&id).await?;
        Ok(bridges.view(&journey)?)
    })
    .await
}

/// Restores, from the chains' logs, every journey of the wallet's accounts it does not
/// have yet; the journeys restored.
#[tauri::command]
#[specta::specta]
pub async fn journey_rebuild(host: State<'_, Host>) -> CmdResult<Vec<JourneyView>> {
    host.call("journey_rebuild", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let bridges = wallet.bridges(&networks);
        let (restored, failed) = bridges.rebuild().await?;
        for (chain_id, why) in failed {
            log::warn!("rebuild could not read chain {chain_id}: {why}");
        }
        let views = bridges.views(&restored)?;
        Ok(views)
    })
    .await
}

/// Prepares the person's next step on journey `id` (refused with when, if it is not
/// due); confirm it with `send_confirm`.
#[tauri::command]
#[specta::specta]
pub async fn journey_prepare_step(
    host: State<'_, Host>,
    id: String,
    action: JourneyAction,
) -> CmdResult<PreparedView> {
    host.call("journey_prepare_step", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let prepared = wallet
            .bridges(&networks)
            .prepare_action(&id, action, None, Speed::Normal)
            .await?;
        review(&ctx, prepared).await
    })
    .await
}
