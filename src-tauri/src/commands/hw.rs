//! Hardware wallets: discovering addresses, adding and verifying accounts, answering a
//! Trezor's PIN or passphrase request.

use std::sync::Arc;

use switchyard_core::{
    hw::{Prompter, Vendor},
    keys::DerivationScheme,
    views::{AccountView, DiscoveredView},
};
use tauri::State;

use super::CmdResult;
use crate::{host::Host, prompter::DesktopPrompter};

/// One page (five per scheme) of the device's addresses, with their ETH balances.
#[tauri::command]
#[specta::specta]
pub async fn hw_discover(
    host: State<'_, Host>,
    vendor: Vendor,
    scheme: Option<DerivationScheme>,
    page: u32,
) -> CmdResult<Vec<DiscoveredView>> {
    host.call("hw_discover", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let prompter: Arc<dyn Prompter> = ctx.prompter.clone();
        let networks = ctx.networks().ok();
        let found = async {
            let device = ctx.device(vendor).await?;
            Ok(wallet
                .discover_with_balances(networks.as_deref(), &device, scheme, page, &prompter)
                .await?)
        }
        .await;
        ctx.device_result(vendor, found)
    })
    .await
}

/// Adds the device's account at `path`.
#[tauri::command]
#[specta::specta]
pub async fn hw_add_account(
    host: State<'_, Host>,
    vendor: Vendor,
    path: String,
    scheme: Option<DerivationScheme>,
    label: Option<String>,
) -> CmdResult<AccountView> {
    host.call("hw_add_account", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let prompter: Arc<dyn Prompter> = ctx.prompter.clone();
        let label = label.as_deref().map(str::trim).filter(|l| !l.is_empty());
        let added = async {
            let device = ctx.device(vendor).await?;
            Ok(wallet
                .add_hardware_account(&device, &path, scheme, label, &prompter)
                .await?)
        }
        .await;
        Ok(AccountView::from(&ctx.device_result(vendor, added)?))
    })
    .await
}

/// Shows a hardware account's address on its device, to compare with the screen.
#[tauri::command]
#[specta::specta]
pub async fn hw_verify(host: State<'_, Host>, address: String) -> CmdResult<()> {
    host.call("hw_verify", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let account = wallet.find_account(&address)?;
        let switchyard_core::accounts::AccountKind::Hardware { device, .. } = account.kind else {
            return Err(super::CommandError::new(
                switchyard_core::ErrorCode::NotHardware,
                format!("\"{}\" is not a hardware account.", account.label),
            ));
        };
        let verified = async {
            let opened = ctx.device(device).await?;
            let signer = wallet.hardware_signer(&account, opened, ctx.prompter.clone())?;
            signer
                .verify_on_device()
                .await
                .map_err(switchyard_core::Error::from)?;
            Ok(())
        }
        .await;
        ctx.device_result(device, verified)
    })
    .await
}

/// Answers a Trezor's PIN or passphrase request (`None` cancels it). Returns whether a
/// request was waiting. Runs off the wallet thread, which may be waiting for this answer.
#[tauri::command]
#[specta::specta]
pub fn hw_answer(prompter: State<'_, Arc<DesktopPrompter>>, answer: Option<String>) -> bool {
    prompter.answer(answer)
}
