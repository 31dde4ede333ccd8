//! Hardware accounts: where the devices are, discovering addresses, adding and verifying
//! accounts, and the signer of a hardware account.

use std::sync::Arc;

use alloy::primitives::Address;
use switchyard_hw::{Device, DeviceError, Endpoint, HardwareSigner, HdPath, Prompter, Vendor};

use super::Wallet;
use crate::{
    accounts::{Account, AccountError, AccountKind},
    error::Result,
    keys::DerivationScheme,
};

/// Addresses per discovery page (Frame and Ledger Live show five at a time).
pub const PAGE_SIZE: u32 = 5;

/// One address found on a device.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiscoveredAddress {
    /// Derivation path.
    pub path: String,
    /// Schemes that put this address at this index: Ledger Live's and BIP44's index 0
    /// are the same path, shown once with both.
    pub schemes: Vec<DerivationScheme>,
    /// Account index within the scheme(s).
    pub index: u32,
    /// The address (serialized EIP-55).
    #[serde(serialize_with = "crate::accounts::checksummed")]
    pub address: Address,
    /// The label of the wallet's account at this address, if it is already added.
    pub account: Option<String>,
}

fn setting_key(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Ledger => "hw.ledger",
        Vendor::Trezor => "hw.trezor",
    }
}

impl Wallet {
    /// Where to find a device of this family: the saved setting, else USB.
    pub fn hardware_endpoint(&self, vendor: Vendor) -> Result<Endpoint> {
        let saved = self.store.setting(setting_key(vendor))?;
        Ok(Endpoint::parse(vendor, saved.as_deref().unwrap_or("usb"))?)
    }

    /// Saves where to find a device of this family (`usb`, or a Speculos-compatible
    /// Ledger / emulated Trezor at `HOST:PORT`).
    pub fn set_hardware_endpoint(&self, endpoint: &Endpoint) -> Result<()> {
        self.store
            .set_setting(setting_key(endpoint.vendor()), &endpoint.to_string())?;
        Ok(())
    }

    /// Addresses on `device`, one page of [`PAGE_SIZE`] per scheme (`page` counts from 1);
    /// all three schemes when none is given, with shared paths shown once.
    pub async fn discover(
        &self,
        device: &Device,
        scheme: Option<DerivationScheme>,
        page: u32,
        prompter: &Arc<dyn Prompter>,
    ) -> Result<Vec<DiscoveredAddress>> {
        let first = page
            .checked_sub(1)
            .and_then(|p| p.checked_mul(PAGE_SIZE))
            .ok_or_else(|| DeviceError::BadInput("Pages count from 1.".into()))?;
        let schemes = match scheme {
            Some(s) => vec![s],
            None => DerivationScheme::ALL.to_vec(),
        };
        let mut found: Vec<DiscoveredAddress> = Vec::new();
        for index in first..first.saturating_add(PAGE_SIZE) {
            for scheme in &schemes {
                let path = scheme.path(index)?;
                if let Some(seen) = found.iter_mut().find(|d| d.path == path) {
                    seen.schemes.push(*scheme);
                    continue;
                }
                let address = device.address(&hd_path(&path)?, false, prompter).await?;
                let account = self.store.account_by_address(address)?.map(|a| a.label);
                found.push(DiscoveredAddress {
                    path,
                    schemes: vec![*scheme],
                    index,
                    address,
                    account,
                });
            }
        }
        Ok(found)
    }

    /// [`Wallet::discover`], with what each address holds on the chains of `networks`
    /// (one scan for the page): its ETH summed over the chains that answered (none when no
    /// chain answered — or no profile could be loaded — which is not the same as 0), and
    /// the USD value of all of it.
    pub async fn discover_with_balances(
        &self,
        networks: Option<&crate::networks::Networks>,
        device: &Device,
        scheme: Option<DerivationScheme>,
        page: u32,
        prompter: &Arc<dyn Prompter>,
    ) -> Result<Vec<crate::views::DiscoveredView>> {
        use alloy::primitives::U256;
        let found = self.discover(device, scheme, page, prompter).await?;
        let addresses: Vec<_> = found.iter().map(|d| d.address).collect();
        let portfolio = match networks {
            Some(networks) => Some(self.portfolio(networks, &addresses).await?),
            None => None,
        };
        let answered: Vec<_> = portfolio
            .iter()
            .flat_map(|p| &p.chains)
            .filter(|c| c.error.is_none())
            .collect();
        Ok(found
            .into_iter()
            .map(|d| {
                let held = answered
                    .iter()
                    .flat_map(|c| &c.holdings)
                    .filter(|h| h.account == d.address);
                let eth = held
                    .clone()
                    .filter(|h| h.asset == crate::assets::AssetId::Native)
                    .fold(U256::ZERO, |sum, h| sum.saturating_add(h.amount));
                let usd = held
                    .filter_map(|h| h.usd)
                    .map(|u| u.0)
                    .reduce(|a, b| a.saturating_add(b));
                crate::views::DiscoveredView {
                    path: d.path,
                    schemes: d.schemes,
                    index: d.index,
                    address: d.address.to_checksum(None),
                    account: d.account,
                    balance: (!answered.is_empty()).then(|| eth.to_string()),
                    usd: usd.map(|u| u.to_string()),
                }
            })
            .collect())
    }

    /// Adds the device's account at `path` (checked before the device is asked).
    pub async fn add_hardware_account(
        &self,
        device: &Device,
        path: &str,
        scheme: Option<DerivationScheme>,
        label: Option<&str>,
        prompter: &Arc<dyn Prompter>,
    ) -> Result<Account> {
        let parsed = hd_path(path)?;
        let address = device.address(&parsed, false, prompter).await?;
        self.check_new_address(address)?;
        let kind = AccountKind::Hardware {
            device: device.vendor(),
            path: parsed.to_string(),
            scheme,
        };
        self.insert(address, label, kind)
    }

    /// The signer of a hardware account on an open device.
    pub fn hardware_signer(
        &self,
        account: &Account,
        device: Device,
        prompter: Arc<dyn Prompter>,
    ) -> Result<HardwareSigner> {
        let AccountKind::Hardware {
            device: vendor,
            path,
            ..
        } = &account.kind
        else {
            return Err(AccountError::CannotSign(format!(
                "\"{}\" is not a hardware account.",
                account.label
            ))
            .into());
        };
        if *vendor != device.vendor() {
            return Err(AccountError::CannotSign(format!(
                "\"{}\" lives on a {vendor}, not on a {}.",
                account.label,
                device.vendor()
            ))
            .into());
        }
        Ok(HardwareSigner::new(
            device,
            hd_path(path)?,
            account.address,
            prompter,
        ))
    }
}

fn hd_path(path: &str) -> Result<HdPath> {
    Ok(path.parse::<HdPath>()?)
}
