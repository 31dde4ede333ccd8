//! Byte links to a Trezor: the emulator's UDP port and WebUSB, both with read timeouts.
//!
//! trezor-client's own links block forever on a read (UDP: no timeout; WebUSB: libusb's
//! "0 = infinite"), so a device left on a confirmation screen would hang a wallet thread
//! for good. These links take the timeout of each read from [`ReadTimeout`], which the
//! message loop sets per read (short before the device shows anything, long while it
//! waits for the person). The protocol-v1 framing itself is trezor-client's `ProtocolV1`.

use std::{
    cell::Cell,
    net::UdpSocket,
    sync::OnceLock,
    time::{Duration, Instant},
};

use rusb::UsbContext;

use trezor_client::transport::{
    ProtoMessage, Transport,
    error::Error as TransportError,
    protocol::{Link, Protocol, ProtocolV1},
};

use crate::{DeviceError, Vendor};

/// One protocol-v1 packet: a UDP datagram or a USB interrupt transfer.
pub(crate) const PACKET: usize = 64;

/// How long a read waits when nobody set a timeout (foreign callers such as
/// trezor-client's own `Trezor` client over a simulator transport).
const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

thread_local! {
    static READ_TIMEOUT: Cell<Option<Duration>> = const { Cell::new(None) };
}

/// The read timeout of the calling thread, as set by the message loop.
///
/// A thread-local rather than a field because `trezor_client::transport::Transport` has
/// no timeout parameter and the loop only holds a `Box<dyn Transport>`; the loop and the
/// transport run on the same thread, one call at a time.
pub(crate) struct ReadTimeout;

impl ReadTimeout {
    /// Runs `f` with reads on this thread limited to `timeout`.
    pub(crate) fn with<T>(timeout: Duration, f: impl FnOnce() -> T) -> T {
        let previous = READ_TIMEOUT.with(|cell| cell.replace(Some(timeout)));
        let out = f();
        READ_TIMEOUT.with(|cell| cell.set(previous));
        out
    }

    /// The timeout for the current read.
    pub(crate) fn current() -> Duration {
        READ_TIMEOUT.with(Cell::get).unwrap_or(DEFAULT_READ_TIMEOUT)
    }
}

/// A `Transport` over any of our links with trezor-client's protocol-v1 framing.
pub(crate) struct LinkTransport<L: Link + Send + Sync> {
    protocol: ProtocolV1<L>,
}

impl<L: Link + Send + Sync> LinkTransport<L> {
    pub(crate) fn new(link: L) -> Self {
        Self {
            protocol: ProtocolV1 { link },
        }
    }
}

impl<L: Link + Send + Sync> Transport for LinkTransport<L> {
    fn session_begin(&mut self) -> Result<(), TransportError> {
        self.protocol.session_begin()
    }
    fn session_end(&mut self) -> Result<(), TransportError> {
        self.protocol.session_end()
    }
    fn write_message(&mut self, message: ProtoMessage) -> Result<(), TransportError> {
        self.protocol.write(message)
    }
    fn read_message(&mut self) -> Result<ProtoMessage, TransportError> {
        self.protocol.read()
    }
}

/// The emulator's UDP endpoint (one datagram per 64-byte packet).
pub(crate) struct UdpLink {
    socket: UdpSocket,
}

impl UdpLink {
    /// Connects to `addr` and checks that something answers `PINGPING` with `PONGPONG`
    /// within `timeout` (trezorlib's and trezor-client's liveness check).
    pub(crate) fn open(addr: &str, timeout: Duration) -> Result<Self, DeviceError> {
        let not_connected = |_| DeviceError::NotConnected(Vendor::Trezor);
        let socket = UdpSocket::bind("127.0.0.1:0")
            .or_else(|_| UdpSocket::bind("0.0.0.0:0"))
            .map_err(not_connected)?;
        socket.connect(addr).map_err(not_connected)?;
        socket
            .set_write_timeout(Some(Duration::from_secs(1)))
            .map_err(not_connected)?;
        let deadline = Instant::now() + timeout;
        socket.send(b"PINGPING").map_err(not_connected)?;
        let mut buf = [0u8; PACKET];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(DeviceError::NotConnected(Vendor::Trezor));
            }
            socket.set_read_timeout(Some(left)).map_err(not_connected)?;
            match socket.recv(&mut buf) {
                Ok(8) if &buf[..8] == b"PONGPONG" => return Ok(Self { socket }),
                // A stale packet from an earlier connection: keep waiting for the pong.
                Ok(_) => continue,
                Err(_) => return Err(DeviceError::NotConnected(Vendor::Trezor)),
            }
        }
    }
}

impl Link for UdpLink {
    fn write_chunk(&mut self, chunk: Vec<u8>) -> Result<(), TransportError> {
        self.socket.send(&chunk)?;
        Ok(())
    }

    fn read_chunk(&mut self) -> Result<Vec<u8>, TransportError> {
        let deadline = Instant::now() + ReadTimeout::current();
        let mut chunk = vec![0u8; PACKET];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(TransportError::DeviceReadTimeout);
            }
            self.socket.set_read_timeout(Some(left))?;
            match self.socket.recv(&mut chunk) {
                Ok(PACKET) => return Ok(chunk),
                // Late PONGPONGs and other short datagrams are not protocol packets.
                Ok(_) => continue,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return Err(TransportError::DeviceReadTimeout);
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// WebUSB ids (trezor-client `transport/mod.rs`, trezorlib `models.py`).
const USB_IDS: [(u16, u16, &str); 3] = [
    (0x1209, 0x53C1, "Trezor"),
    (0x1209, 0x53C0, "Trezor (bootloader)"),
    (0x534C, 0x0001, "Trezor One"),
];
const USB_INTERFACE: u8 = 0;
const USB_ENDPOINT: u8 = 1;
const USB_CLASS_VENDOR: u8 = 0xff;

/// A Trezor found on USB (not yet opened).
pub(crate) struct UsbCandidate {
    pub(crate) device: rusb::Device<rusb::Context>,
    pub(crate) model: &'static str,
}

/// The process's libusb context, or `None` where libusb cannot start (no USB subsystem:
/// a container, CI). rusb's global context panics there, so an owned one is made once.
fn usb_context() -> Option<&'static rusb::Context> {
    static CONTEXT: OnceLock<Option<rusb::Context>> = OnceLock::new();
    CONTEXT.get_or_init(|| rusb::Context::new().ok()).as_ref()
}

/// Trezors on USB with a WebUSB (vendor-class) interface 0, as trezor-client finds them.
pub(crate) fn usb_candidates() -> Result<Vec<UsbCandidate>, DeviceError> {
    // No USB subsystem: nothing is plugged in as far as we can tell.
    let Some(context) = usb_context() else {
        return Ok(Vec::new());
    };
    let devices = match context.devices() {
        Ok(devices) => devices,
        Err(_) => return Ok(Vec::new()),
    };
    let mut found = Vec::new();
    for device in devices.iter() {
        let Ok(desc) = device.device_descriptor() else {
            continue;
        };
        let Some((_, _, model)) = USB_IDS
            .iter()
            .find(|(vid, pid, _)| *vid == desc.vendor_id() && *pid == desc.product_id())
        else {
            continue;
        };
        let vendor_class = device.config_descriptor(0).ok().and_then(|config| {
            config
                .interfaces()
                .find(|i| i.number() == USB_INTERFACE)
                .and_then(|i| i.descriptors().next())
                .map(|d| d.class_code() == USB_CLASS_VENDOR)
        });
        // HID-only Trezor Ones (firmware before 1.7) are far below the minimum anyway.
        if vendor_class == Some(true) {
            found.push(UsbCandidate { device, model });
        }
    }
    Ok(found)
}

/// The `usb:BUS:ADDRESS` name of a device.
pub(crate) fn usb_path(device: &rusb::Device<rusb::Context>) -> String {
    format!("usb:{:03}:{:03}", device.bus_number(), device.address())
}

/// A claimed WebUSB interface.
pub(crate) struct UsbLink {
    handle: rusb::DeviceHandle<rusb::Context>,
}

impl UsbLink {
    /// Opens and claims interface 0. The OS's refusals become the states a person can fix.
    pub(crate) fn open(candidate: &UsbCandidate) -> Result<Self, DeviceError> {
        let usb_error = |e: rusb::Error| match e {
            rusb::Error::Access => DeviceError::NoPermission {
                vendor: Vendor::Trezor,
                detail: format!(
                    "{} at {}: {e}",
                    candidate.model,
                    usb_path(&candidate.device)
                ),
            },
            rusb::Error::Busy => DeviceError::Busy(Vendor::Trezor),
            rusb::Error::NoDevice | rusb::Error::NotFound => {
                DeviceError::NotConnected(Vendor::Trezor)
            }
            other => DeviceError::Device {
                vendor: Vendor::Trezor,
                detail: format!("USB: {other}"),
            },
        };
        let handle = candidate.device.open().map_err(usb_error)?;
        // Linux binds no kernel driver to the vendor interface, but be tolerant.
        let _ = handle.set_auto_detach_kernel_driver(true);
        handle.claim_interface(USB_INTERFACE).map_err(usb_error)?;
        Ok(Self { handle })
    }
}

impl Link for UsbLink {
    fn write_chunk(&mut self, chunk: Vec<u8>) -> Result<(), TransportError> {
        self.handle
            .write_interrupt(USB_ENDPOINT, &chunk, Duration::from_secs(1))?;
        Ok(())
    }

    fn read_chunk(&mut self) -> Result<Vec<u8>, TransportError> {
        let mut chunk = vec![0u8; PACKET];
        // libusb treats 0 as "forever": never pass it.
        let timeout = ReadTimeout::current().max(Duration::from_millis(1));
        match self
            .handle
            .read_interrupt(0x80 | USB_ENDPOINT, &mut chunk, timeout)
        {
            Ok(PACKET) => Ok(chunk),
            Ok(n) => Err(TransportError::UnexpectedChunkSizeFromDevice(n)),
            Err(rusb::Error::Timeout) => Err(TransportError::DeviceReadTimeout),
            Err(e) => Err(e.into()),
        }
    }
}

impl Drop for UsbLink {
    fn drop(&mut self) {
        // Let Trezor Suite (or the next request) claim the device.
        let _ = self.handle.release_interface(USB_INTERFACE);
    }
}
