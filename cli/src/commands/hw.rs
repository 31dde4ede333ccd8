//! `switchyard hw …` and `account add-hw`: devices, discovery, verification, endpoints.

use clap::Subcommand;
use serde_json::json;
use switchyard_core::{
    accounts::AccountKind,
    hw::{Device, Endpoint, Vendor, ledger, trezor},
    keys::DerivationScheme,
};

use super::{CliError, Context, block_on, money};
use crate::output::Output;

#[derive(Debug, Subcommand)]
pub enum HwCommand {
    /// Devices found on USB and at the configured emulator endpoints.
    Devices,
    /// A page of addresses on a device, with balances, per derivation scheme.
    Accounts {
        /// The device.
        #[arg(long, value_enum)]
        device: Vendor,
        /// Only this scheme (default: all three, shared addresses shown once).
        #[arg(long, value_enum)]
        scheme: Option<DerivationScheme>,
        /// Page (five addresses per scheme, from 1).
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Show a hardware account's address on its device, to compare with the screen.
    Verify {
        /// Account address or label.
        account: String,
    },
    /// Show or set where a device is found: `usb`, or HOST:PORT of a Speculos-compatible
    /// Ledger (APDU port) or an emulated Trezor (UDP port).
    Endpoint {
        /// The device (default: show both).
        #[arg(value_enum)]
        device: Option<Vendor>,
        /// New endpoint.
        value: Option<String>,
    },
    /// The Linux udev rules hardware wallets need, and how to install them.
    UdevRules,
}

/// The udev rules shipped with Switchyard (hw-wallet/udev/).
const UDEV_RULES: &str = include_str!("../../../hw-wallet/udev/51-switchyard-hw.rules");

fn core_error(e: switchyard_core::hw::DeviceError) -> CliError {
    CliError::Core(e.into())
}

pub fn run(ctx: &Context<'_>, cmd: HwCommand) -> Result<(), CliError> {
    match cmd {
        HwCommand::Devices => devices(ctx),
        HwCommand::Accounts {
            device,
            scheme,
            page,
        } => accounts(ctx, device, scheme, page),
        HwCommand::Verify { account } => verify(ctx, &account),
        HwCommand::Endpoint { device, value } => endpoint(ctx, device, value),
        HwCommand::UdevRules => {
            // The rules alone on standard output, so `> file` gives a valid rules file.
            ctx.out.show(&json!({ "rules": UDEV_RULES }), || {
                UDEV_RULES.trim_end().to_owned()
            });
            ctx.out.note(
                "Save the rules above as /etc/udev/rules.d/51-switchyard-hw.rules, then run\n  sudo udevadm control --reload-rules && sudo udevadm trigger\nand unplug and replug the device.",
            );
            Ok(())
        }
    }
}

/// One row of `hw devices`.
#[derive(serde::Serialize)]
struct DeviceRow {
    device: Vendor,
    endpoint: String,
    detail: String,
    ready: bool,
}

fn devices(ctx: &Context<'_>) -> Result<(), CliError> {
    let mut rows = Vec::new();
    for found in ledger::list_usb().map_err(core_error)? {
        rows.push(DeviceRow {
            device: Vendor::Ledger,
            endpoint: format!("usb {}", found.path),
            detail: found.model,
            ready: true,
        });
    }
    for found in trezor::list_usb().map_err(core_error)? {
        rows.push(DeviceRow {
            device: Vendor::Trezor,
            endpoint: format!("usb {}", found.path),
            detail: found.model,
            ready: true,
        });
    }
    // Emulators answer only when asked: try the configured endpoints that are sockets.
    for vendor in [Vendor::Ledger, Vendor::Trezor] {
        let endpoint = ctx.endpoint(vendor)?;
        if endpoint.is_usb() {
            continue;
        }
        let (ready, detail) = match block_on(Device::open(&endpoint)) {
            Ok(_) => (true, "answers".to_owned()),
            Err(e) => (false, e.to_string()),
        };
        rows.push(DeviceRow {
            device: vendor,
            endpoint: endpoint.to_string(),
            detail,
            ready,
        });
    }
    ctx.out.show(&rows, || {
        if rows.is_empty() {
            return "No Ledger or Trezor found. Connect and unlock one (on Linux, see `switchyard hw udev-rules`), or point Switchyard at an emulator with `switchyard hw endpoint`.".into();
        }
        Output::table(
            &["Device", "Where", "State"],
            rows.iter()
                .map(|r| vec![r.device.to_string(), r.endpoint.clone(), r.detail.clone()])
                .collect(),
        )
    });
    Ok(())
}

fn accounts(
    ctx: &Context<'_>,
    vendor: Vendor,
    scheme: Option<DerivationScheme>,
    page: u32,
) -> Result<(), CliError> {
    let device = ctx.open_device(vendor)?;
    // A profile that cannot be loaded leaves the balances out rather than the addresses.
    let networks = ctx.networks().ok();
    let found = block_on(ctx.wallet.discover_with_balances(
        networks.as_ref(),
        &device,
        scheme,
        page,
        &ctx.prompter(),
    ))?;
    ctx.out.show(&found, || {
        let table = found
            .iter()
            .map(|d| {
                let schemes: Vec<_> = d.schemes.iter().map(|s| s.to_string()).collect();
                vec![
                    schemes.join(", "),
                    d.index.to_string(),
                    d.path.clone(),
                    d.address.clone(),
                    d.balance
                        .as_deref()
                        .map_or_else(|| "—".into(), |b| money::amount_text(b, 18, "ETH")),
                    d.account.clone().unwrap_or_default(),
                ]
            })
            .collect();
        format!(
            "{}\nAdd one with `switchyard account add-hw --device {} --scheme S --index N`; next page with --page {}.",
            Output::table(&["Scheme", "#", "Path", "Address", "ETH (all chains)", "In wallet as"], table),
            vendor.to_string().to_lowercase(),
            page + 1
        )
    });
    Ok(())
}

fn verify(ctx: &Context<'_>, reference: &str) -> Result<(), CliError> {
    let account = ctx.wallet.find_account(reference)?;
    let AccountKind::Hardware { device, .. } = &account.kind else {
        return Err(CliError::Input(format!(
            "\"{}\" is not a hardware account: there is no device to show it on.",
            account.label
        )));
    };
    let opened = ctx.open_device(*device)?;
    let signer = ctx
        .wallet
        .hardware_signer(&account, opened, ctx.prompter())?;
    ctx.out.note(&format!(
        "Check that your {device} shows {} and approve it there.",
        account.address.to_checksum(None)
    ));
    block_on(signer.verify_on_device()).map_err(core_error)?;
    ctx.out.show(
        &json!({ "account": account.label, "address": account.address.to_checksum(None), "verified": true }),
        || format!("Verified: your {device} holds {} ({}).", account.address.to_checksum(None), account.label),
    );
    Ok(())
}

fn endpoint(
    ctx: &Context<'_>,
    vendor: Option<Vendor>,
    value: Option<String>,
) -> Result<(), CliError> {
    if let (Some(vendor), Some(value)) = (vendor, value.as_deref()) {
        let endpoint = Endpoint::parse(vendor, value).map_err(core_error)?;
        ctx.wallet.set_hardware_endpoint(&endpoint)?;
    } else if value.is_some() {
        return Err(CliError::Input(
            "Name the device: `switchyard hw endpoint ledger HOST:PORT`.".into(),
        ));
    }
    let vendors = match vendor {
        Some(v) => vec![v],
        None => vec![Vendor::Ledger, Vendor::Trezor],
    };
    let shown: Vec<_> = vendors
        .iter()
        .map(|v| {
            Ok(json!({ "device": v, "endpoint": ctx.wallet.hardware_endpoint(*v)?.to_string() }))
        })
        .collect::<Result<_, CliError>>()?;
    ctx.out.show(&shown, || {
        shown
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s["device"].as_str().unwrap_or_default(),
                    s["endpoint"].as_str().unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

/// `switchyard account add-hw`.
pub fn add_account(
    ctx: &Context<'_>,
    device: Vendor,
    scheme: DerivationScheme,
    index: u64,
    path: Option<String>,
    label: Option<String>,
) -> Result<switchyard_core::accounts::Account, CliError> {
    let (path, scheme) = match path {
        Some(path) => (path, None),
        None => {
            let index = switchyard_core::keys::derivation::check_index(index)?;
            (scheme.path(index)?, Some(scheme))
        }
    };
    // The path is checked before the device is opened.
    path.parse::<switchyard_core::hw::HdPath>()
        .map_err(core_error)?;
    let opened = ctx.open_device(device)?;
    Ok(block_on(ctx.wallet.add_hardware_account(
        &opened,
        &path,
        scheme,
        label.as_deref(),
        &ctx.prompter(),
    ))?)
}
