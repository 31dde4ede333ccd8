//! Preferences: auto-lock, hardware endpoints, and what the About section shows.

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::hw::{Endpoint, Vendor};
use tauri::State;

use super::CmdResult;
use crate::host::Host;

/// Settings and facts about the app.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    /// Minutes of inactivity before the wallet locks.
    pub auto_lock_minutes: u32,
    /// Where the Ledger is: "usb" or a Speculos-compatible HOST:PORT.
    pub ledger_endpoint: String,
    /// Where the Trezor is: "usb" or an emulator's HOST:PORT.
    pub trezor_endpoint: String,
    /// The data directory.
    pub data_dir: String,
    /// The log file.
    pub log_file: String,
    /// App version.
    pub version: String,
}

fn view(ctx: &crate::ctx::WalletCtx) -> CmdResult<SettingsView> {
    let wallet = ctx.unlocked()?;
    Ok(SettingsView {
        auto_lock_minutes: wallet.auto_lock_minutes()?,
        ledger_endpoint: wallet.hardware_endpoint(Vendor::Ledger)?.to_string(),
        trezor_endpoint: wallet.hardware_endpoint(Vendor::Trezor)?.to_string(),
        data_dir: ctx.paths.data_dir.display().to_string(),
        log_file: ctx.paths.log_file.display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

/// The settings.
#[tauri::command]
#[specta::specta]
pub async fn settings_get(host: State<'_, Host>) -> CmdResult<SettingsView> {
    host.call("settings_get", |ctx| async move { view(&ctx) })
        .await
}

/// Sets the auto-lock delay in minutes (1 to 1440).
#[tauri::command]
#[specta::specta]
pub async fn settings_set_auto_lock(
    host: State<'_, Host>,
    minutes: u32,
) -> CmdResult<SettingsView> {
    host.call("settings_set_auto_lock", move |ctx| async move {
        ctx.unlocked()?.set_auto_lock_minutes(minutes)?;
        view(&ctx)
    })
    .await
}

/// Sets where a device family is found: "usb", or HOST:PORT of a Speculos-compatible
/// Ledger (APDU port) or an emulated Trezor (UDP).
#[tauri::command]
#[specta::specta]
pub async fn settings_set_hw_endpoint(
    host: State<'_, Host>,
    vendor: Vendor,
    endpoint: String,
) -> CmdResult<SettingsView> {
    host.call("settings_set_hw_endpoint", move |ctx| async move {
        let endpoint =
            Endpoint::parse(vendor, endpoint.trim()).map_err(switchyard_core::Error::from)?;
        ctx.unlocked()?.set_hardware_endpoint(&endpoint)?;
        ctx.forget_device(vendor);
        view(&ctx)
    })
    .await
}
