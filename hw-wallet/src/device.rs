//! A connected device of either family behind its queue, with one async API: the signer
//! and the wallet never care which protocol is underneath.

use std::{sync::Arc, time::Duration};

use alloy::{consensus::TypedTransaction, dyn_abi::TypedData, primitives::Address};

use crate::{
    DeviceError, DeviceQueue, HdPath, Prompt, Prompter, Vendor,
    ledger::{EthApp, LedgerEndpoint, LedgerLink},
    trezor::{TrezorDevice, TrezorEndpoint},
};

/// How long to wait for a Trezor's first answer before calling it absent.
const TREZOR_CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// An open Ledger or Trezor. Cloning shares the device and its queue.
#[derive(Clone)]
pub enum Device {
    /// A Ledger running the Ethereum app.
    Ledger(DeviceQueue<EthApp<LedgerLink>>),
    /// A Trezor.
    Trezor(DeviceQueue<TrezorDevice>),
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Device({})", self.vendor())
    }
}

/// Where to find a device of each family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A Ledger over USB or at a Speculos-compatible APDU port.
    Ledger(LedgerEndpoint),
    /// A Trezor over USB or at an emulator's UDP port.
    Trezor(TrezorEndpoint),
}

impl Device {
    /// Opens the device at `endpoint` and checks it answers (the Ethereum app is open on
    /// a Ledger; a Trezor's firmware is recent enough).
    pub async fn open(endpoint: &Endpoint) -> Result<Self, DeviceError> {
        match endpoint {
            Endpoint::Ledger(endpoint) => {
                let mut app = EthApp::new(LedgerLink::open(endpoint).await?);
                app.configuration().await?;
                Ok(Self::Ledger(DeviceQueue::new(app)))
            }
            Endpoint::Trezor(endpoint) => {
                let endpoint = endpoint.clone();
                let device = blocking(Vendor::Trezor, move || {
                    let mut device = TrezorDevice::open(&endpoint, TREZOR_CONNECT_TIMEOUT)?;
                    device.info()?;
                    Ok(device)
                })
                .await?;
                Ok(Self::Trezor(DeviceQueue::new(device)))
            }
        }
    }

    /// Wraps a Ledger app connection (tests hand in a simulator's transport).
    pub fn from_ledger(app: EthApp<LedgerLink>) -> Self {
        Self::Ledger(DeviceQueue::new(app))
    }

    /// Wraps a Trezor connection.
    pub fn from_trezor(device: TrezorDevice) -> Self {
        Self::Trezor(DeviceQueue::new(device))
    }

    /// The device family.
    pub fn vendor(&self) -> Vendor {
        match self {
            Self::Ledger(_) => Vendor::Ledger,
            Self::Trezor(_) => Vendor::Trezor,
        }
    }

    /// The address at `path`; with `display`, the device shows it for the person to
    /// compare, and answers only once they approve.
    pub async fn address(
        &self,
        path: &HdPath,
        display: bool,
        prompter: &Arc<dyn Prompter>,
    ) -> Result<Address, DeviceError> {
        let action = format!("the address at {path}");
        match self {
            Self::Ledger(queue) => {
                let mut app = queue.turn().await;
                confirming(
                    self.vendor(),
                    display,
                    &action,
                    prompter,
                    app.address(path, display, None),
                )
                .await
            }
            Self::Trezor(queue) => {
                let mut device = queue.turn().await;
                let (path, prompter) = (path.clone(), Arc::clone(prompter));
                blocking(Vendor::Trezor, move || {
                    device.address(&path, display, &*prompter)
                })
                .await
            }
        }
    }

    /// Signs a transaction; the signature's parity is the transaction's y-parity. Only
    /// through [`crate::HardwareSigner`], which checks the device and the signature.
    pub(crate) async fn sign_transaction(
        &self,
        path: &HdPath,
        tx: &TypedTransaction,
        prompter: &Arc<dyn Prompter>,
    ) -> Result<alloy::primitives::Signature, DeviceError> {
        use alloy::consensus::Transaction;
        let action = match (tx.to(), tx.chain_id()) {
            (Some(to), Some(chain)) => format!("a transaction to {to} on chain {chain}"),
            (None, Some(chain)) => format!("a contract creation on chain {chain}"),
            _ => "a transaction".to_owned(),
        };
        match self {
            Self::Ledger(queue) => {
                let mut app = queue.turn().await;
                confirming(
                    self.vendor(),
                    true,
                    &action,
                    prompter,
                    app.sign_transaction(path, tx),
                )
                .await
            }
            Self::Trezor(queue) => {
                let mut device = queue.turn().await;
                let (path, tx, prompter) = (path.clone(), tx.clone(), Arc::clone(prompter));
                blocking(Vendor::Trezor, move || {
                    device.sign_transaction(&path, &tx, &*prompter)
                })
                .await
            }
        }
    }

    /// Signs an EIP-191 `personal_sign` message.
    pub(crate) async fn sign_message(
        &self,
        path: &HdPath,
        message: &[u8],
        prompter: &Arc<dyn Prompter>,
    ) -> Result<alloy::primitives::Signature, DeviceError> {
        match self {
            Self::Ledger(queue) => {
                let mut app = queue.turn().await;
                let action = "a message";
                confirming(
                    self.vendor(),
                    true,
                    action,
                    prompter,
                    app.sign_personal_message(path, message),
                )
                .await
            }
            Self::Trezor(queue) => {
                let mut device = queue.turn().await;
                let (path, message, prompter) =
                    (path.clone(), message.to_vec(), Arc::clone(prompter));
                blocking(Vendor::Trezor, move || {
                    device.sign_message(&path, &message, &*prompter)
                })
                .await
            }
        }
    }

    /// Signs EIP-712 typed data, with its fields shown on the device.
    pub(crate) async fn sign_typed_data(
        &self,
        path: &HdPath,
        data: &TypedData,
        prompter: &Arc<dyn Prompter>,
    ) -> Result<alloy::primitives::Signature, DeviceError> {
        match self {
            Self::Ledger(queue) => {
                let mut app = queue.turn().await;
                let action = format!("the typed data {}", data.primary_type);
                confirming(
                    self.vendor(),
                    true,
                    &action,
                    prompter,
                    app.sign_typed_data(path, data),
                )
                .await
            }
            Self::Trezor(queue) => {
                let mut device = queue.turn().await;
                let (path, data, prompter) = (path.clone(), data.clone(), Arc::clone(prompter));
                blocking(Vendor::Trezor, move || {
                    device.sign_typed_data(&path, &data, &*prompter)
                })
                .await
            }
        }
    }
}

/// Runs a Ledger request that may wait for the person, telling them while it waits.
/// (A Trezor says when it waits itself, with ButtonRequest.)
async fn confirming<T>(
    vendor: Vendor,
    needs_approval: bool,
    action: &str,
    prompter: &Arc<dyn Prompter>,
    request: impl Future<Output = Result<T, DeviceError>>,
) -> Result<T, DeviceError> {
    if needs_approval {
        prompter.notify(&Prompt::Confirm {
            vendor,
            action: action.to_owned(),
        });
    }
    let result = request.await;
    if needs_approval {
        prompter.notify(&Prompt::Done { vendor });
    }
    result
}

/// Runs a blocking device flow off the async runtime.
async fn blocking<T: Send + 'static>(
    vendor: Vendor,
    flow: impl FnOnce() -> Result<T, DeviceError> + Send + 'static,
) -> Result<T, DeviceError> {
    tokio::task::spawn_blocking(flow)
        .await
        .map_err(|e| DeviceError::Protocol {
            vendor,
            detail: format!("the device thread failed: {e}"),
        })?
}

impl Endpoint {
    /// Reads an endpoint as the settings and the CLI spell it: `usb`, or `HOST:PORT` for
    /// a Speculos-compatible Ledger (APDU port) or an emulated Trezor (UDP port).
    pub fn parse(vendor: Vendor, text: &str) -> Result<Self, DeviceError> {
        let text = text.trim();
        let socket = if text.eq_ignore_ascii_case("usb") {
            None
        } else {
            let (host, port) = text
                .rsplit_once(':')
                .ok_or_else(|| bad_endpoint(vendor, text))?;
            if host.is_empty() || port.parse::<u16>().map_or(true, |p| p == 0) {
                return Err(bad_endpoint(vendor, text));
            }
            Some(text.to_owned())
        };
        Ok(match (vendor, socket) {
            (Vendor::Ledger, None) => Self::Ledger(LedgerEndpoint::Usb),
            (Vendor::Ledger, Some(s)) => Self::Ledger(LedgerEndpoint::Speculos(s)),
            (Vendor::Trezor, None) => Self::Trezor(TrezorEndpoint::Usb),
            (Vendor::Trezor, Some(s)) => Self::Trezor(TrezorEndpoint::Udp(s)),
        })
    }

    /// True for a device on USB (as opposed to an emulator's socket).
    pub fn is_usb(&self) -> bool {
        matches!(
            self,
            Self::Ledger(LedgerEndpoint::Usb) | Self::Trezor(TrezorEndpoint::Usb)
        )
    }

    /// The device family this endpoint reaches.
    pub fn vendor(&self) -> Vendor {
        match self {
            Self::Ledger(_) => Vendor::Ledger,
            Self::Trezor(_) => Vendor::Trezor,
        }
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Ledger(LedgerEndpoint::Usb) | Self::Trezor(TrezorEndpoint::Usb) => {
                f.write_str("usb")
            }
            Self::Ledger(LedgerEndpoint::Speculos(s)) | Self::Trezor(TrezorEndpoint::Udp(s)) => {
                f.write_str(s)
            }
        }
    }
}

fn bad_endpoint(vendor: Vendor, text: &str) -> DeviceError {
    DeviceError::BadInput(format!(
        "\"{text}\" is not a {vendor} endpoint: use usb, or HOST:PORT for {}.",
        match vendor {
            Vendor::Ledger => "a Speculos-compatible emulator's APDU port",
            Vendor::Trezor => "a Trezor emulator's UDP port",
        }
    ))
}
