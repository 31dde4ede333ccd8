//! Network profiles, chains and their RPC endpoints.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::{
    NewNetwork, chain::ChainKind, networks::verify_rpc, rpc::DEFAULT_TIMEOUT, views::NetworksView,
};
use tauri::State;

use super::CmdResult;
use crate::{ctx::WalletCtx, host::Host};

fn list(ctx: &WalletCtx) -> CmdResult<NetworksView> {
    let networks = ctx.networks()?;
    Ok(ctx.unlocked()?.networks_view(&networks)?)
}

/// The active profile and its chains.
#[tauri::command]
#[specta::specta]
pub async fn networks_list(host: State<'_, Host>) -> CmdResult<NetworksView> {
    host.call("networks_list", |ctx| async move { list(&ctx) })
        .await
}

/// Switches the active profile ("devnet", "mainnets", "testnets").
#[tauri::command]
#[specta::specta]
pub async fn networks_use(host: State<'_, Host>, profile: String) -> CmdResult<NetworksView> {
    host.call("networks_use", move |ctx| async move {
        ctx.unlocked()?.use_network(&profile)?;
        ctx.reset_networks();
        list(&ctx)
    })
    .await
}

/// Adds an RPC endpoint to a chain after checking it serves that chain.
#[tauri::command]
#[specta::specta]
pub async fn networks_add_rpc(
    host: State<'_, Host>,
    chain_id: u64,
    url: String,
) -> CmdResult<NetworksView> {
    host.call("networks_add_rpc", move |ctx| async move {
        let networks = ctx.networks()?;
        ctx.unlocked()?
            .add_rpc(&networks, &chain_id.to_string(), url.trim())
            .await?;
        ctx.reset_networks();
        list(&ctx)
    })
    .await
}

/// Removes an RPC endpoint the person added.
#[tauri::command]
#[specta::specta]
pub async fn networks_remove_rpc(
    host: State<'_, Host>,
    chain_id: u64,
    url: String,
) -> CmdResult<NetworksView> {
    host.call("networks_remove_rpc", move |ctx| async move {
        let networks = ctx.networks()?;
        ctx.unlocked()?
            .remove_rpc(&networks, &chain_id.to_string(), &url)?;
        ctx.reset_networks();
        list(&ctx)
    })
    .await
}

/// An endpoint that answered.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RpcTestView {
    /// Round trip of the check, in milliseconds.
    pub latency_ms: u32,
}

/// Checks that `url` answers and serves chain `chain_id`.
#[tauri::command]
#[specta::specta]
pub async fn networks_test_rpc(
    host: State<'_, Host>,
    chain_id: u64,
    url: String,
) -> CmdResult<RpcTestView> {
    host.call("networks_test_rpc", move |ctx| async move {
        ctx.unlocked()?;
        let started = Instant::now();
        verify_rpc(url.trim(), chain_id, DEFAULT_TIMEOUT)
            .await
            .map_err(switchyard_core::Error::from)?;
        Ok(RpcTestView {
            latency_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
        })
    })
    .await
}

/// A network to add to the active profile.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NetworkForm {
    /// Name.
    pub name: String,
    /// Chain id.
    pub chain_id: u64,
    /// Kind (decides the fee model).
    pub kind: ChainKind,
    /// RPC endpoint.
    pub rpc_url: String,
    /// Block explorer, if any.
    pub explorer: Option<String>,
}

/// Adds a network after checking its RPC serves its chain id.
#[tauri::command]
#[specta::specta]
pub async fn networks_add(host: State<'_, Host>, form: NetworkForm) -> CmdResult<NetworksView> {
    host.call("networks_add", move |ctx| async move {
        let networks = ctx.networks()?;
        let new = NewNetwork {
            name: form.name,
            chain_id: form.chain_id,
            kind: form.kind,
            rpc_urls: vec![form.rpc_url],
            explorer: form.explorer,
            symbol: String::new(),
        };
        ctx.unlocked()?.add_network(&networks, new).await?;
        ctx.reset_networks();
        list(&ctx)
    })
    .await
}
