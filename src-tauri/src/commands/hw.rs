//! Hardware wallets: discovering addresses, adding and verifying accounts, answering a
//! Trezor's PIN or passphrase request.

use std::sync::Arc;

use alloy::primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::{
    assets::AssetId,
    hw::{Prompter, Vendor},
    keys::DerivationScheme,
};
use tauri::State;

use super::{
    CmdResult,
    views::{AccountView, checksum, units},
};
use crate::{host::Host, prompter::DesktopPrompter};

/// Device family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VendorView {
    /// Ledger (Ethereum app).
    Ledger,
    /// Trezor.
    Trezor,
}

impl From<VendorView> for Vendor {
    fn from(v: VendorView) -> Self {
        match v {
            VendorView::Ledger => Vendor::Ledger,
            VendorView::Trezor => Vendor::Trezor,
        }
    }
}

/// Derivation scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SchemeView {
    /// BIP44 (`m/44'/60'/0'/0/i`): MetaMask, Trezor Suite.
    Bip44,
    /// Ledger Live (`m/44'/60'/i'/0/0`).
    Live,
    /// Legacy (`m/44'/60'/0'/i`): MEW, the old Ledger Chrome app.
    Legacy,
}

impl From<SchemeView> for DerivationScheme {
    fn from(s: SchemeView) -> Self {
        match s {
            SchemeView::Bip44 => Self::Bip44,
            SchemeView::Live => Self::Live,
            SchemeView::Legacy => Self::Legacy,
        }
    }
}

impl From<DerivationScheme> for SchemeView {
    fn from(s: DerivationScheme) -> Self {
        match s {
            DerivationScheme::Bip44 => Self::Bip44,
            DerivationScheme::Live => Self::Live,
            DerivationScheme::Legacy => Self::Legacy,
        }
    }
}

/// An address found on the device.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DiscoveredView {
    /// Derivation path.
    pub path: String,
    /// The schemes that put this address at `index`.
    pub schemes: Vec<SchemeView>,
    /// Index within the scheme(s).
    pub index: u32,
    /// EIP-55 address.
    pub address: String,
    /// The wallet's account there, if already added.
    pub account: Option<String>,
    /// Its ETH on all chains (wei); none when no chain answered.
    pub balance: Option<String>,
}

/// One page (five per scheme) of the device's addresses, with their ETH balances.
#[tauri::command]
#[specta::specta]
pub async fn hw_discover(
    host: State<'_, Host>,
    vendor: VendorView,
    scheme: Option<SchemeView>,
    page: u32,
) -> CmdResult<Vec<DiscoveredView>> {
    host.call("hw_discover", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let vendor = Vendor::from(vendor);
        let prompter: Arc<dyn Prompter> = ctx.prompter.clone();
        let found = async {
            let device = ctx.device(vendor).await?;
            Ok(wallet
                .discover(&device, scheme.map(Into::into), page, &prompter)
                .await?)
        }
        .await;
        let found = ctx.device_result(vendor, found)?;
        let networks = ctx.networks()?;
        let addresses: Vec<Address> = found.iter().map(|d| d.address).collect();
        let portfolio = wallet.portfolio(&networks, &addresses).await?;
        let answered = portfolio.chains.iter().any(|c| c.error.is_none());
        Ok(found
            .into_iter()
            .map(|d| {
                let native: Vec<U256> = portfolio
                    .chains
                    .iter()
                    .filter(|c| c.error.is_none())
                    .flat_map(|c| &c.holdings)
                    .filter(|h| h.account == d.address && h.asset == AssetId::Native)
                    .map(|h| h.amount)
                    .collect();
                DiscoveredView {
                    path: d.path,
                    schemes: d.schemes.into_iter().map(Into::into).collect(),
                    index: d.index,
                    address: checksum(d.address),
                    account: d.account,
                    balance: answered.then(|| {
                        units(
                            native
                                .into_iter()
                                .fold(U256::ZERO, |a, b| a.saturating_add(b)),
                        )
                    }),
                }
            })
            .collect())
    })
    .await
}

/// Adds the device's account at `path`.
#[tauri::command]
#[specta::specta]
pub async fn hw_add_account(
    host: State<'_, Host>,
    vendor: VendorView,
    path: String,
    scheme: Option<SchemeView>,
    label: Option<String>,
) -> CmdResult<AccountView> {
    host.call("hw_add_account", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let vendor = Vendor::from(vendor);
        let prompter: Arc<dyn Prompter> = ctx.prompter.clone();
        let label = label.as_deref().map(str::trim).filter(|l| !l.is_empty());
        let added = async {
            let device = ctx.device(vendor).await?;
            Ok(wallet
                .add_hardware_account(&device, &path, scheme.map(Into::into), label, &prompter)
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
                "not_hardware",
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
