//! Trezor: Ethereum over Trezor's protobuf protocol (v1 framing) on WebUSB, the
//! emulator's UDP port, or any `trezor_client::transport::Transport` (the simulator's
//! in-memory one in tests).
//!
//! Everything here blocks: run it on a blocking thread, one request at a time per device
//! (behind a [`crate::DeviceQueue`]). The protobufs and the framing are trezor-client's;
//! the links (with read timeouts), the message loop (PIN matrix, passphrase, button
//! requests, failures) and the Ethereum flows are ours, because trezor-client's client
//! has no EIP-712, no host PIN entry, no passphrase and no timeouts
//! (hardware-wallets.md §0, §4.4).

mod eth;
mod failure;
pub(crate) mod link;
mod session;
mod typed_data;

use std::time::Duration;

use alloy::primitives::{Address, Signature};
use trezor_client::{
    protos::{Features, Initialize, MessageType},
    transport::Transport,
};

use crate::{DeviceError, HdPath, Prompt, Prompter, Vendor};
use link::{LinkTransport, UdpLink, UsbLink};
use session::{Ask, Wire};

/// The emulator's default UDP address (trezorlib `transport/udp.py`).
pub const DEFAULT_EMULATOR_ADDR: &str = "127.0.0.1:21324";

/// Where to find the Trezor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrezorEndpoint {
    /// The first Trezor on USB (WebUSB, vendor 0x1209 product 0x53C1).
    Usb,
    /// A Trezor emulator (or the simulator) on UDP, as `"host:port"`; the emulator's
    /// default is [`DEFAULT_EMULATOR_ADDR`].
    Udp(String),
}

/// A Trezor seen on USB, for `switchyard hw devices`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrezorUsbDevice {
    /// What the USB ids say it is ("Trezor", "Trezor (bootloader)", "Trezor One").
    pub model: String,
    /// Where it is, as `usb:BUS:ADDRESS`.
    pub path: String,
}

/// The Trezors plugged in (an empty list when there are none or USB is unavailable).
/// Nothing is opened, so this works even without udev rules.
pub fn list_usb() -> Result<Vec<TrezorUsbDevice>, DeviceError> {
    Ok(link::usb_candidates()?
        .iter()
        .map(|c| TrezorUsbDevice {
            model: c.model.to_owned(),
            path: link::usb_path(&c.device),
        })
        .collect())
}

/// What a Trezor says about itself (its `Features`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// Marketing name ("Trezor Safe 5"), from the internal model.
    pub model: String,
    /// Firmware version.
    pub version: (u32, u32, u32),
    /// The name the owner gave it.
    pub label: Option<String>,
    /// Whether it is unlocked (`None` on firmware that does not say).
    pub unlocked: Option<bool>,
    /// Whether it asks for a passphrase (hidden wallets).
    pub passphrase_protection: bool,
    /// The internal model code ("T2T1", "T3T1", "T3B1", "T1B1", …).
    pub internal_model: String,
}

/// An extended public key (Trezor's `EthereumPublicKey`): from an account-level node
/// the non-hardened children (addresses) can be derived locally, one device call for a
/// page of addresses (hardware-wallets.md §5.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtendedPublicKey {
    /// The BIP32 serialisation (`xpub…`).
    pub xpub: String,
    /// The compressed secp256k1 public key (33 bytes).
    pub public_key: Vec<u8>,
    /// The chain code (32 bytes).
    pub chain_code: Vec<u8>,
    /// The parent key's fingerprint.
    pub fingerprint: u32,
    /// This node's index (hardened ones carry the hardened bit).
    pub child_num: u32,
    /// Levels below the root.
    pub depth: u32,
}

/// The oldest firmware Switchyard talks to: what alloy-signer-trezor requires, and the
/// first with EIP-1559 and the Ledger-Live-legacy path on both lines (§4.3).
const MIN_CORE: (u32, u32, u32) = (2, 5, 1);
const MIN_ONE: (u32, u32, u32) = (1, 11, 1);

/// An open Trezor. Requests block until the device answers (or a timeout).
pub struct TrezorDevice {
    wire: Wire,
    features: Option<Features>,
    /// Kept across requests so a passphrase entered once holds for the connection.
    session_id: Option<Vec<u8>>,
}

impl std::fmt::Debug for TrezorDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrezorDevice")
            .field(
                "model",
                &self
                    .features
                    .as_ref()
                    .map(|f| f.internal_model().to_owned()),
            )
            .finish_non_exhaustive()
    }
}

impl TrezorDevice {
    /// A device over any transport (tests pass the simulator's in-memory one).
    /// Our own transports honour the reply and approval timeouts; a foreign transport
    /// (such as trezor-client's) blocks as long as it does.
    pub fn new(transport: Box<dyn Transport>) -> Self {
        Self {
            wire: Wire::new(transport),
            features: None,
            session_id: None,
        }
    }

    /// Opens a Trezor. `timeout` bounds finding it (the UDP ping) and each reply before
    /// the device shows anything.
    ///
    /// - `Udp`: nothing answering `PINGPING` → [`DeviceError::NotConnected`];
    /// - `Usb`: none plugged in → `NotConnected`; the OS refuses → `NoPermission` (udev
    ///   rules); another program holds it → `Busy`.
    pub fn open(endpoint: &TrezorEndpoint, timeout: Duration) -> Result<Self, DeviceError> {
        let transport: Box<dyn Transport> = match endpoint {
            TrezorEndpoint::Udp(addr) => {
                Box::new(LinkTransport::new(UdpLink::open(addr, timeout)?))
            }
            TrezorEndpoint::Usb => {
                let candidates = link::usb_candidates()?;
                let first = candidates
                    .first()
                    .ok_or(DeviceError::NotConnected(Vendor::Trezor))?;
                Box::new(LinkTransport::new(UsbLink::open(first)?))
            }
        };
        Ok(Self::new(transport).with_reply_timeout(timeout))
    }

    /// How long to wait for an answer while the device shows a confirmation (or takes
    /// a PIN): default 5 minutes. Past it → [`DeviceError::AwaitingApproval`].
    pub fn with_approval_timeout(mut self, timeout: Duration) -> Self {
        self.wire.approval_timeout = timeout;
        self
    }

    /// How long to wait for an answer the device gives without asking anyone
    /// (default 3 s). Past it → `NotConnected` (never answered) or `Disconnected`.
    pub fn with_reply_timeout(mut self, timeout: Duration) -> Self {
        self.wire.reply_timeout = timeout;
        self
    }

    /// The device's `Features`, fetched afresh. Firmware older than 2.5.1 (1.11.1 on a
    /// Trezor One) → [`DeviceError::TooOld`].
    pub fn info(&mut self) -> Result<DeviceInfo, DeviceError> {
        let result = self.initialize().and_then(|features| {
            check_firmware(&features)?;
            Ok(device_info(&features))
        });
        if result.is_err() {
            self.wire.dirty = true;
        }
        result
    }

    /// The address at `path`; with `display`, the device shows it for the person to
    /// compare (and may be rejected there).
    pub fn address(
        &mut self,
        path: &HdPath,
        display: bool,
        prompter: &dyn Prompter,
    ) -> Result<Address, DeviceError> {
        let action = format!("the address at {path}");
        self.request(prompter, &action, Some(path), |wire, ask| {
            eth::address(wire, ask, path, display)
        })
    }

    /// The extended public key at `path` (EthereumGetPublicKey), for deriving a page of
    /// addresses locally.
    pub fn public_key(
        &mut self,
        path: &HdPath,
        prompter: &dyn Prompter,
    ) -> Result<ExtendedPublicKey, DeviceError> {
        let action = format!("the public key at {path}");
        self.request(prompter, &action, Some(path), |wire, ask| {
            eth::public_key(wire, ask, path)
        })
    }

    /// Signs a legacy (EIP-155, chain id required) or EIP-1559 transaction. Other types
    /// → [`DeviceError::Unsupported`]. The signature's `v` is a y-parity whatever the
    /// firmware's `signature_v` convention.
    pub fn sign_transaction(
        &mut self,
        path: &HdPath,
        tx: &alloy::consensus::TypedTransaction,
        prompter: &dyn Prompter,
    ) -> Result<Signature, DeviceError> {
        // Refuse unsupported types before any I/O.
        eth::check_tx_type(tx)?;
        let action = eth::describe_tx(tx);
        self.request(prompter, &action, Some(path), |wire, ask| {
            eth::sign_transaction(wire, ask, path, tx)
        })
    }

    /// Signs `message` as EIP-191 personal_sign.
    pub fn sign_message(
        &mut self,
        path: &HdPath,
        message: &[u8],
        prompter: &dyn Prompter,
    ) -> Result<Signature, DeviceError> {
        let action = format!("a message ({} bytes)", message.len());
        self.request(prompter, &action, Some(path), |wire, ask| {
            eth::sign_message(wire, ask, path, message)
        })
    }

    /// Signs EIP-712 typed data, streamed to the device member by member so it can show
    /// the fields (MetaMask v4 encoding).
    pub fn sign_typed_data(
        &mut self,
        path: &HdPath,
        data: &alloy::dyn_abi::TypedData,
        prompter: &dyn Prompter,
    ) -> Result<Signature, DeviceError> {
        let host = typed_data::TypedDataHost::new(data)?;
        let action = format!("typed data ({})", data.primary_type);
        self.request(prompter, &action, Some(path), |wire, ask| {
            typed_data::sign(wire, ask, path, &host)
        })
    }

    /// Runs one request: resynchronise if needed, check the firmware, run the flow,
    /// clear the notice.
    fn request<T>(
        &mut self,
        prompter: &dyn Prompter,
        action: &str,
        path: Option<&HdPath>,
        flow: impl FnOnce(&mut Wire, &Ask<'_>) -> Result<T, DeviceError>,
    ) -> Result<T, DeviceError> {
        self.wire.confirmed = false;
        let result = self.ensure_ready().and_then(|()| {
            let ask = Ask {
                prompter,
                action,
                path,
            };
            flow(&mut self.wire, &ask)
        });
        if result.is_err() {
            // Whatever happened, start the next request from a known state.
            self.wire.dirty = true;
        }
        if self.wire.confirmed {
            prompter.notify(&Prompt::Done {
                vendor: Vendor::Trezor,
            });
        }
        result
    }

    fn ensure_ready(&mut self) -> Result<(), DeviceError> {
        if self.features.is_none() || self.wire.dirty {
            self.initialize()?;
        }
        check_firmware(self.features.as_ref().expect("initialized"))
    }

    /// `Initialize` (resuming our session, so a passphrase is asked once), after
    /// discarding the leftovers of an abandoned flow.
    fn initialize(&mut self) -> Result<Features, DeviceError> {
        if self.wire.dirty {
            self.wire.drain();
        }
        let mut init = Initialize::new();
        if let Some(id) = &self.session_id {
            init.set_session_id(id.clone());
        }
        self.wire.send(&init)?;
        // Initialize aborts any flow; its late messages may still precede the Features.
        for _ in 0..16 {
            let reply = self.wire.read(false)?;
            if reply.message_type() == MessageType::MessageType_Features {
                let features: Features = session::parse(reply)?;
                self.session_id = features.session_id.clone();
                self.features = Some(features.clone());
                self.wire.dirty = false;
                return Ok(features);
            }
        }
        Err(DeviceError::Protocol {
            vendor: Vendor::Trezor,
            detail: "it never answered Initialize with its Features".into(),
        })
    }
}

/// Refuses firmware below the minimum, and a device in its bootloader.
fn check_firmware(features: &Features) -> Result<(), DeviceError> {
    let version = (
        features.major_version(),
        features.minor_version(),
        features.patch_version(),
    );
    if features.bootloader_mode() {
        return Err(DeviceError::Device {
            vendor: Vendor::Trezor,
            detail: "it is in bootloader mode; restart it without touching the screen".into(),
        });
    }
    let minimum = if version.0 <= 1 { MIN_ONE } else { MIN_CORE };
    if version < minimum {
        return Err(DeviceError::TooOld(format!(
            "Update your Trezor's firmware in Trezor Suite: it runs {}.{}.{}, and Switchyard needs {}.{}.{} or newer.",
            version.0, version.1, version.2, minimum.0, minimum.1, minimum.2
        )));
    }
    Ok(())
}

fn device_info(features: &Features) -> DeviceInfo {
    let internal = features.internal_model().to_owned();
    let model = match internal.as_str() {
        "T1B1" => "Trezor Model One".to_owned(),
        "T2T1" => "Trezor Model T".to_owned(),
        "T2B1" | "T3B1" => "Trezor Safe 3".to_owned(),
        "T3T1" => "Trezor Safe 5".to_owned(),
        "T3W1" => "Trezor Safe 7".to_owned(),
        _ => match features.model() {
            "1" => "Trezor Model One".to_owned(),
            "T" => "Trezor Model T".to_owned(),
            "" => "Trezor".to_owned(),
            other => format!("Trezor {other}"),
        },
    };
    DeviceInfo {
        model,
        version: (
            features.major_version(),
            features.minor_version(),
            features.patch_version(),
        ),
        label: features.label.clone().filter(|l| !l.is_empty()),
        unlocked: features.unlocked,
        passphrase_protection: features.passphrase_protection(),
        internal_model: internal,
    }
}
