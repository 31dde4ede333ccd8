//! A Trezor simulator (test-only): Trezor's Ethereum message flows as
//! hardware-wallets.md §3.2 and §6.3 describe them, over an in-memory transport or the
//! emulator's UDP protocol. It is not firmware: it models what a host can observe
//! (messages, their order, failures, PIN/passphrase/button interactions) and signs with
//! RFC6979 like the firmware, so the published fixtures reproduce byte for byte.
//!
//! A "firmware" thread runs the flows as sequential code (like the real firmware's
//! workflows); transports hand it host messages and take its answers. The handle is
//! cheap to clone and every setter acts on the running device, so a test can change
//! the person's behaviour (approve, reject, walk away) while a request is in flight.

mod eip712;
mod firmware;
mod udp;

use std::{
    collections::{HashSet, VecDeque},
    sync::{Arc, Condvar, Mutex, MutexGuard},
    time::{Duration, Instant},
};

use trezor_client::{
    protos::MessageType,
    transport::{ProtoMessage, Transport, error::Error as TransportError},
};

pub use udp::UdpServer;

use super::keys::{SeedKeys, TREZOR_ALCOHOL_MNEMONIC, TREZOR_ALL_MNEMONIC};

/// What the person does when the simulated device shows a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserAction {
    /// Confirms at once.
    Approve,
    /// Declines: the device answers `Failure(ActionCancelled)`.
    Reject,
    /// Never touches the device: no answer until the action changes or the host sends
    /// `Cancel`/`Initialize`.
    Hang,
}

/// Where a device answer goes: the connection its request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channel {
    Memory(u64),
    Udp,
}

/// What the firmware thread receives.
pub(crate) enum Inbound {
    Message(ProtoMessage),
    /// The link died: drop the flow in progress.
    Disconnected,
}

/// A session: its id and, once the passphrase was entered, that passphrase's wallet.
pub(crate) type Session = ([u8; 32], Option<(String, SeedKeys)>);

/// The simulated device's state, shared by the handle, the transports and the firmware.
pub(crate) struct State {
    pub(crate) keys: SeedKeys,
    pub(crate) mnemonic: Option<String>,
    pub(crate) user: UserAction,
    pub(crate) pin: Option<String>,
    pub(crate) unlocked: bool,
    pub(crate) layout: [u8; 9],
    pub(crate) passphrase_protection: bool,
    pub(crate) firmware: (u32, u32, u32),
    pub(crate) model: String,
    disconnect_after: Option<usize>,
    pub(crate) chunk_rng: Option<u64>,
    /// The current session.
    pub(crate) session: Option<Session>,
    pub(crate) session_counter: u64,
    pub(crate) inbox: VecDeque<Inbound>,
    outbox: VecDeque<(Channel, ProtoMessage)>,
    reply_to: Channel,
    dead: HashSet<u64>,
    pub(crate) udp_dead: bool,
    next_connection: u64,
    transcript: Vec<String>,
    pub(crate) shutdown: bool,
}

pub(crate) struct Shared {
    pub(crate) state: Mutex<State>,
    /// Signalled on every change: a message in either direction, a setter, shutdown.
    pub(crate) changed: Condvar,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A host message arrives on `channel`.
    pub(crate) fn deliver(
        &self,
        channel: Channel,
        message: ProtoMessage,
    ) -> Result<(), TransportError> {
        let mut state = self.lock();
        match channel {
            Channel::Memory(id) if state.dead.contains(&id) => {
                return Err(disconnected());
            }
            Channel::Udp if state.udp_dead => return Ok(()),
            _ => {}
        }
        state
            .transcript
            .push(format!("> {}", type_name(message.message_type())));
        if let Some(left) = state.disconnect_after {
            if left == 0 {
                // The cable comes out: this message is lost, the flow is dropped.
                state.disconnect_after = None;
                match channel {
                    Channel::Memory(id) => {
                        state.dead.insert(id);
                    }
                    Channel::Udp => state.udp_dead = true,
                }
                state.outbox.retain(|(c, _)| *c != channel);
                state.inbox.clear();
                state.inbox.push_back(Inbound::Disconnected);
                state.transcript.push("-- disconnected".into());
                self.changed.notify_all();
                return Ok(());
            }
            state.disconnect_after = Some(left - 1);
        }
        state.reply_to = channel;
        state.inbox.push_back(Inbound::Message(message));
        self.changed.notify_all();
        Ok(())
    }

    /// The firmware answers.
    pub(crate) fn answer(&self, message: ProtoMessage) {
        let mut state = self.lock();
        state
            .transcript
            .push(format!("< {}", type_name(message.message_type())));
        let channel = state.reply_to;
        state.outbox.push_back((channel, message));
        self.changed.notify_all();
    }

    /// Takes the next answer for `channel`, waiting up to `timeout`.
    pub(crate) fn take(
        &self,
        channel: Channel,
        timeout: Duration,
    ) -> Result<Option<ProtoMessage>, TransportError> {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        loop {
            if let Channel::Memory(id) = channel
                && state.dead.contains(&id)
            {
                return Err(disconnected());
            }
            if let Some(pos) = state.outbox.iter().position(|(c, _)| *c == channel) {
                return Ok(state.outbox.remove(pos).map(|(_, m)| m));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || state.shutdown {
                return Ok(None);
            }
            state = self
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// A new UDP "connection" (a PINGPING): the emulator is reachable again.
    pub(crate) fn udp_reconnect(&self) {
        let mut state = self.lock();
        state.udp_dead = false;
        state.outbox.retain(|(c, _)| *c != Channel::Udp);
    }
}

fn disconnected() -> TransportError {
    TransportError::IO(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "the simulated Trezor was unplugged",
    ))
}

/// A message type's name without the `MessageType_` prefix.
pub(crate) fn type_name(kind: MessageType) -> String {
    let full = format!("{kind:?}");
    full.strip_prefix("MessageType_")
        .unwrap_or(&full)
        .to_owned()
}

/// Stops the firmware thread when the last handle goes.
struct Owner {
    shared: Arc<Shared>,
}

impl Drop for Owner {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.changed.notify_all();
    }
}

/// A simulated Trezor. Clones are handles to the same device.
#[derive(Clone)]
pub struct TrezorSimulator {
    owner: Arc<Owner>,
}

impl std::fmt::Debug for TrezorSimulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TrezorSimulator(..)")
    }
}

impl TrezorSimulator {
    /// A device holding `keys`. Without the mnemonic it cannot open passphrase wallets
    /// or report extended public keys; prefer [`Self::from_mnemonic`].
    pub fn new(keys: SeedKeys) -> Self {
        Self::build(keys, None)
    }

    /// A device holding this English mnemonic (passphrase wallets and xpubs work).
    pub fn from_mnemonic(phrase: &str) -> Self {
        Self::build(SeedKeys::from_mnemonic(phrase, ""), Some(phrase.to_owned()))
    }

    /// The `all all … all` seed of most Trezor fixtures.
    pub fn all_seed() -> Self {
        Self::from_mnemonic(TREZOR_ALL_MNEMONIC)
    }

    /// The `alcohol woman …` seed of `sign_tx.json` and `getpublickey.json`.
    pub fn alcohol_seed() -> Self {
        Self::from_mnemonic(TREZOR_ALCOHOL_MNEMONIC)
    }

    fn build(keys: SeedKeys, mnemonic: Option<String>) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                keys,
                mnemonic,
                user: UserAction::Approve,
                pin: None,
                unlocked: true,
                layout: scrambled_layout(0x5EED_7E20),
                passphrase_protection: false,
                firmware: (2, 8, 1),
                model: "T3T1".to_owned(),
                disconnect_after: None,
                chunk_rng: None,
                session: None,
                session_counter: 0,
                inbox: VecDeque::new(),
                outbox: VecDeque::new(),
                reply_to: Channel::Memory(0),
                dead: HashSet::new(),
                udp_dead: false,
                next_connection: 1,
                transcript: Vec::new(),
                shutdown: false,
            }),
            changed: Condvar::new(),
        });
        let firmware = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("trezor-simulator".into())
            .spawn(move || firmware::Firmware::new(firmware).run())
            .expect("spawn the simulator thread");
        Self {
            owner: Arc::new(Owner { shared }),
        }
    }

    fn shared(&self) -> &Arc<Shared> {
        &self.owner.shared
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.shared().lock());
        self.shared().changed.notify_all();
    }

    /// What the person does at the next confirmations (default: approve). Changing it
    /// while the device waits (after `Hang`) releases the waiting confirmation.
    pub fn set_user(&self, action: UserAction) {
        self.update(|s| s.user = action);
    }

    /// A PIN (digits 1–9) entered on the host through a Trezor One-style scrambled
    /// matrix; setting one locks the device. `None` removes it.
    pub fn set_pin(&self, pin: Option<String>) {
        self.update(|s| {
            s.unlocked = pin.is_none();
            s.pin = pin;
        });
    }

    /// Locks the device again (as after a replug or its auto-lock).
    pub fn lock(&self) {
        self.update(|s| s.unlocked = s.pin.is_none());
    }

    /// The scrambled matrix the device "shows": character `p-1` is the digit at matrix
    /// position `p` (positions as on a numeric keypad: 7 8 9 / 4 5 6 / 1 2 3). It stays
    /// the same for the simulator's life so a test prompter can answer in advance.
    pub fn pin_layout(&self) -> String {
        self.shared()
            .lock()
            .layout
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect()
    }

    /// The positions to send for `pin` with the current layout.
    pub fn pin_positions(&self, pin: &str) -> String {
        let layout = self.pin_layout();
        pin.chars()
            .map(|digit| {
                let p = layout.find(digit).expect("PIN digits are 1-9");
                char::from(b'1' + p as u8)
            })
            .collect()
    }

    /// Whether the device asks for a BIP39 passphrase (which selects another wallet).
    pub fn set_passphrase_protection(&self, on: bool) {
        self.update(|s| {
            s.passphrase_protection = on;
            s.session = None;
        });
    }

    /// The firmware version `Features` reports.
    pub fn set_firmware(&self, version: (u32, u32, u32)) {
        self.update(|s| s.firmware = version);
    }

    /// The internal model `Features` reports: "T1B1", "T2T1", "T2B1", "T3B1", "T3T1".
    pub fn set_model(&self, internal_model: &str) {
        let model = internal_model.to_owned();
        self.update(|s| s.model = model);
    }

    /// The link dies when the host sends its `n+1`-th message from now: `n` messages
    /// get through, the next is lost, and the connection it came on is dead (memory:
    /// I/O errors; UDP: silence until the next `PINGPING`). The flow is dropped; a new
    /// connection starts clean. One-shot.
    pub fn disconnect_after(&self, n_messages: usize) {
        self.update(|s| s.disconnect_after = Some(n_messages));
    }

    /// Makes the firmware ask for calldata in pseudo-random chunk sizes (1..=1024,
    /// deterministic from `seed`) instead of 1024, so a host must honour `data_length`.
    pub fn set_chunk_seed(&self, seed: u64) {
        self.update(|s| s.chunk_rng = Some(seed | 1));
    }

    /// The message types exchanged so far: `"> Name"` from the host, `"< Name"` from the
    /// device, `"-- disconnected"` where the link died.
    pub fn transcript(&self) -> Vec<String> {
        self.shared().lock().transcript.clone()
    }

    /// Forgets the transcript so far.
    pub fn clear_transcript(&self) {
        self.update(|s| s.transcript.clear());
    }

    /// A new in-memory connection (as if plugged in). It honours the read timeout our
    /// `TrezorDevice` sets; other clients wait up to 60 s per read.
    pub fn memory_transport(&self) -> Box<dyn Transport> {
        let id = {
            let mut state = self.shared().lock();
            let id = state.next_connection;
            state.next_connection += 1;
            id
        };
        Box::new(MemoryTransport {
            shared: Arc::clone(self.shared()),
            _owner: Arc::clone(&self.owner),
            id,
        })
    }

    /// Serves the emulator's UDP protocol on `addr` (use `127.0.0.1:0`) until the
    /// returned server is dropped.
    pub fn serve_udp(&self, addr: &str) -> std::io::Result<UdpServer> {
        UdpServer::start(Arc::clone(self.shared()), Arc::clone(&self.owner), addr)
    }
}

/// A deterministic shuffle of 1..=9 (xorshift Fisher-Yates).
fn scrambled_layout(seed: u64) -> [u8; 9] {
    let mut digits = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    let mut x = seed;
    for i in (1..digits.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        digits.swap(i, (x % (i as u64 + 1)) as usize);
    }
    digits
}

struct MemoryTransport {
    shared: Arc<Shared>,
    /// Keeps the device alive while a transport exists.
    _owner: Arc<Owner>,
    id: u64,
}

impl Transport for MemoryTransport {
    fn session_begin(&mut self) -> Result<(), TransportError> {
        Ok(())
    }
    fn session_end(&mut self) -> Result<(), TransportError> {
        Ok(())
    }
    fn write_message(&mut self, message: ProtoMessage) -> Result<(), TransportError> {
        self.shared.deliver(Channel::Memory(self.id), message)
    }
    fn read_message(&mut self) -> Result<ProtoMessage, TransportError> {
        let timeout = crate::trezor::link::ReadTimeout::current();
        self.shared
            .take(Channel::Memory(self.id), timeout)?
            .ok_or(TransportError::DeviceReadTimeout)
    }
}
