//! Moving ETH between a chain and its rollups through the rollups' own bridges: prepare
//! (the first transaction simulated and priced, each later step's cost and time), review,
//! confirm (the journey stored, then the first transaction signed and broadcast).

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::{
    fees::Speed,
    tx::Amount,
    views::{JourneyPlanView, JourneyView},
    wallet::MoveInput,
};
use tauri::State;

use super::{CmdResult, send::signed};
use crate::host::Host;

/// The Move form as the person filled it in.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MoveForm {
    /// Sending account (address).
    pub from: String,
    /// Source chain id.
    pub from_chain_id: u64,
    /// Destination chain id.
    pub to_chain_id: u64,
    /// Recipient on the destination (address, account label or contact); none: the sender.
    pub recipient: Option<String>,
    /// Asset symbol; none for ETH.
    pub asset: Option<String>,
    /// Decimal amount.
    pub amount: String,
    /// Fee level of the first transaction.
    pub speed: Speed,
}

/// Resolves, simulates and prices a move, with every later step's cost and time.
/// Nothing is signed or stored.
#[tauri::command]
#[specta::specta]
pub async fn bridge_prepare(host: State<'_, Host>, form: MoveForm) -> CmdResult<JourneyPlanView> {
    host.call("bridge_prepare", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let (from_chain, to_chain) = (form.from_chain_id.to_string(), form.to_chain_id.to_string());
        let input = MoveInput {
            from: Some(&form.from),
            from_chain: Some(&from_chain),
            to_chain: Some(&to_chain),
            recipient: form.recipient.as_deref().filter(|r| !r.trim().is_empty()),
            asset: form.asset.as_deref(),
            amount: Amount::Exact(form.amount.trim().to_owned()),
            speed: form.speed,
        };
        let bridges = wallet.bridges(&networks);
        let prepared = bridges.prepare(&input).await?;
        let mut plan = bridges.plan_view(&prepared, String::new()).await?;
        plan.first.id = ctx.keep_prepared(prepared);
        Ok(plan)
    })
    .await
}

/// Stores the journey and signs its first transaction (on the device for a hardware
/// account); the journey as read from the chains right after.
#[tauri::command]
#[specta::specta]
pub async fn bridge_confirm(host: State<'_, Host>, id: String) -> CmdResult<JourneyView> {
    host.call("bridge_confirm", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        let prepared = ctx.take_journey(&id)?;
        let account = wallet.find_account(&prepared.first.from.to_checksum(None))?;
        let bridges = wallet.bridges(&networks);
        let started = &prepared;
        let journey = signed(&ctx, &account, &id, prepared.clone(), |signer| async move {
            bridges.start(&signer, started).await
        })
        .await?;
        log::info!("journey {} started", journey.id);
        Ok(bridges.view(&journey)?)
    })
    .await
}
