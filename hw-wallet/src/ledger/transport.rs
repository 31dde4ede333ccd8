//! The links to a Ledger: USB HID, a Speculos emulator's APDU port, or memory (the
//! simulator, or any [`ApduExchange`]), all behind `coins-ledger`'s [`LedgerTransport`].

use std::time::Duration;

use coins_ledger::{
    ApduAnswer, ApduBuffer, ApduCommand, LedgerError, Model,
    transports::{
        DeviceIdentity, HidTransport, LedgerTransport, NativeTransportError, SpeculosError,
        SpeculosTransport,
    },
};

use crate::{DeviceError, Vendor};

/// Why an in-memory exchange produced no reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryFault {
    /// The device never answers (a prompt nobody resolves, a frozen app).
    Hang,
    /// The link is gone (cable pulled, socket closed).
    Disconnected,
}

/// Something that answers raw APDUs: the in-memory side of a Ledger.
pub trait ApduExchange: Send {
    /// Sends one encoded APDU (`CLA INS P1 P2 [Lc data]`); the reply is `data ‖ SW` (the
    /// status word is the last 2 bytes).
    fn exchange(&mut self, apdu: &[u8]) -> Result<Vec<u8>, MemoryFault>;
}

/// A [`LedgerTransport`] over an [`ApduExchange`], so the request code runs unchanged
/// against a simulator. Like the HID and Speculos transports, a status word other
/// than 9000 comes back as [`LedgerError::BadRetcode`].
pub struct MemoryTransport {
    inner: Box<dyn ApduExchange>,
}

impl std::fmt::Debug for MemoryTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryTransport(..)")
    }
}

impl MemoryTransport {
    /// Wraps an exchange.
    pub fn new(exchange: impl ApduExchange + 'static) -> Self {
        Self {
            inner: Box::new(exchange),
        }
    }
}

fn disconnected() -> LedgerError {
    LedgerError::Transport(Box::new(std::io::Error::new(
        std::io::ErrorKind::BrokenPipe,
        "the device was disconnected",
    )))
}

impl LedgerTransport for MemoryTransport {
    fn identity(&self) -> Option<DeviceIdentity<'_>> {
        None
    }

    async fn exchange(
        &mut self,
        packet: ApduCommand,
        timeout: Option<Duration>,
    ) -> Result<ApduAnswer, LedgerError> {
        match self.inner.exchange(packet.as_bytes()) {
            Ok(reply) => {
                let mut buffer = ApduBuffer::new();
                buffer
                    .extend_from_slice(&reply)
                    .map_err(|e| LedgerError::Transport(Box::new(e)))?;
                ApduAnswer::from_answer(buffer)?.into_result()
            }
            Err(MemoryFault::Disconnected) => Err(disconnected()),
            // A hung device is only noticed by waiting, exactly as on USB.
            Err(MemoryFault::Hang) => match timeout {
                Some(t) => {
                    tokio::time::sleep(t).await;
                    Err(LedgerError::Timeout(t))
                }
                None => std::future::pending().await,
            },
        }
    }
}

/// Where to find a Ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerEndpoint {
    /// The first Ledger on USB.
    Usb,
    /// A Speculos emulator (or the simulator's Speculos port) at `host:port`.
    Speculos(String),
}

/// An open link to a Ledger, whichever kind it is.
#[derive(Debug)]
pub enum LedgerLink {
    /// USB HID.
    Hid(HidTransport),
    /// Speculos APDU TCP.
    Speculos(SpeculosTransport),
    /// In memory (tests).
    Memory(MemoryTransport),
}

impl LedgerLink {
    /// Opens the link, turning the OS's refusals into the states a person can act on
    /// (hardware-wallets.md §5.5): nothing plugged in, no udev rules, device held by
    /// another program, emulator not listening.
    pub async fn open(endpoint: &LedgerEndpoint) -> Result<Self, DeviceError> {
        match endpoint {
            LedgerEndpoint::Usb => {
                // hidapi calls block: keep them off the async runtime's threads.
                tokio::task::spawn_blocking(open_usb)
                    .await
                    .map_err(|e| DeviceError::Device {
                        vendor: Vendor::Ledger,
                        detail: format!("the USB open task failed: {e}"),
                    })?
                    .map(Self::Hid)
            }
            LedgerEndpoint::Speculos(addr) => {
                match SpeculosTransport::connect(addr.as_str(), Model::NanoSPlus).await {
                    Ok(transport) => Ok(Self::Speculos(transport)),
                    Err(SpeculosError::Io(e))
                        if e.kind() == std::io::ErrorKind::PermissionDenied =>
                    {
                        Err(DeviceError::NoPermission {
                            vendor: Vendor::Ledger,
                            detail: format!("{addr}: {e}"),
                        })
                    }
                    // Refused, unreachable or unresolvable: nothing is listening there.
                    Err(_) => Err(DeviceError::NotConnected(Vendor::Ledger)),
                }
            }
        }
    }
}

fn open_usb() -> Result<HidTransport, DeviceError> {
    let devices = HidTransport::list().map_err(usb_error)?;
    let Some(first) = devices.first() else {
        return Err(DeviceError::NotConnected(Vendor::Ledger));
    };
    HidTransport::open(first).map_err(|e| match e {
        NativeTransportError::CantOpen(inner) => {
            let path = first.path().to_string_lossy().into_owned();
            classify_open_failure(&path, &inner.to_string())
        }
        other => usb_error(other),
    })
}

/// An enumerated device that hidapi cannot open is either unreadable (udev rules
/// missing) or held by another program. The message alone is not reliable across
/// hidapi backends, so the device node is probed too.
fn classify_open_failure(path: &str, message: &str) -> DeviceError {
    let denied_by_os = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .err()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
    if denied_by_os || message.contains("Permission denied") || message.contains("EACCES") {
        DeviceError::NoPermission {
            vendor: Vendor::Ledger,
            detail: format!("{path}: {message}"),
        }
    } else {
        DeviceError::Busy(Vendor::Ledger)
    }
}

fn usb_error(e: NativeTransportError) -> DeviceError {
    let message = e.to_string();
    match e {
        NativeTransportError::DeviceNotFound => DeviceError::NotConnected(Vendor::Ledger),
        _ if message.contains("Permission denied") => DeviceError::NoPermission {
            vendor: Vendor::Ledger,
            detail: message,
        },
        _ => DeviceError::Device {
            vendor: Vendor::Ledger,
            detail: format!("USB: {message}"),
        },
    }
}

impl LedgerTransport for LedgerLink {
    fn identity(&self) -> Option<DeviceIdentity<'_>> {
        match self {
            Self::Hid(t) => t.identity(),
            Self::Speculos(t) => t.identity(),
            Self::Memory(t) => t.identity(),
        }
    }

    async fn exchange(
        &mut self,
        packet: ApduCommand,
        timeout: Option<Duration>,
    ) -> Result<ApduAnswer, LedgerError> {
        match self {
            Self::Hid(t) => t.exchange(packet, timeout).await,
            Self::Speculos(t) => {
                // A request that timed out while the device showed a prompt still owes
                // its reply, and Speculos sends it to whoever asks next. Once the person
                // has resolved the prompt, drop that stale reply and carry on; while the
                // prompt is still up, the link says so (PendingReply → awaiting approval).
                t.discard_pending(STALE_REPLY_GRACE)
                    .await
                    .map_err(|e| match e {
                        SpeculosError::NoReply(_) => SpeculosError::PendingReply,
                        other => other,
                    })?;
                t.exchange(packet, timeout).await
            }
            Self::Memory(t) => t.exchange(packet, timeout).await,
        }
    }
}

/// How long a new request waits for the stale reply of an earlier, timed-out one.
const STALE_REPLY_GRACE: Duration = Duration::from_millis(200);

/// A Ledger seen on USB (for `switchyard hw devices`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LedgerUsbDevice {
    /// The model, from the USB product id ("Nano S Plus").
    pub model: String,
    /// The OS's HID path (`/dev/hidraw3` on Linux).
    pub path: String,
}

/// Every Ledger on USB; empty when none is plugged in.
pub fn list_usb() -> Result<Vec<LedgerUsbDevice>, DeviceError> {
    let devices = HidTransport::list().map_err(usb_error)?;
    Ok(devices
        .iter()
        .map(|id| LedgerUsbDevice {
            model: id.model().to_string(),
            path: id.path().to_string_lossy().into_owned(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unopenable_missing_node_is_busy_and_a_denial_is_a_permission_problem() {
        assert!(matches!(
            classify_open_failure("/nonexistent/hidraw9", "hid_open_path failed"),
            DeviceError::Busy(Vendor::Ledger)
        ));
        assert!(matches!(
            classify_open_failure(
                "/nonexistent/hidraw9",
                "Failed to open a device with path '/dev/hidraw9': Permission denied"
            ),
            DeviceError::NoPermission { .. }
        ));
    }
}
