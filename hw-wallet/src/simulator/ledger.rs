//! A **simulator** of the Ledger Ethereum app (test-only; hardware-wallets.md §6.2).
//! It is not a device and not an emulator: it answers the app's APDUs as the spec,
//! app-ethereum's sources and the recorded hw-app-eth transcripts describe them, signs
//! with RFC6979 keys from a BIP39 seed (so the Speculos-seed vectors come out byte for
//! byte), and can be put in every state a real Ledger can be in (locked, dashboard,
//! other app, old app, Nano S, settings off, person rejecting or away, cable pulled).
//!
//! It is reached in memory ([`LedgerSimulator::memory_transport`]) or over TCP with
//! Speculos's APDU framing ([`LedgerSimulator::serve_speculos`]), so coins-ledger's
//! `SpeculosTransport` and Ledger's own Python client can drive it too.
//!
//! Modelling choices (where the real app varies by model and version):
//! - EIP-712 full mode is reviewed while it streams: the Blind signing / Raw messages
//!   gate (6A80) and the person's answer (6985, or no answer) come at the first value
//!   of the message struct, like the Nano app's field-by-field review.
//! - Every other prompt (address display, transaction, personal message, EIP-712 v0)
//!   is answered on the APDU that completes the request.
//! - A new connection starts from a clean app state, as re-plugging a device does.

use std::{
    collections::{BTreeMap, BTreeSet, HashSet},
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard},
};

use alloy::{
    primitives::{B256, keccak256},
    signers::SignerSync,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

use super::keys::{SPECULOS_MNEMONIC, SeedKeys};
use crate::{
    HdPath,
    ledger::{
        ApduExchange, MemoryFault, MemoryTransport,
        apdu::rlp,
        eip712::{FieldDef, FieldType, decode_int},
    },
};

/// What is open on the simulated device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimApp {
    /// The dashboard (no app open): 6D02 for app commands.
    Dashboard,
    /// The Ethereum app.
    Ethereum,
    /// Another app (e.g. Bitcoin): 6E00, it does not know CLA E0.
    Other,
}

/// What the person does when the device asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserAction {
    /// Approves.
    Approve,
    /// Rejects (6985).
    Reject,
    /// Never answers (the reply never comes).
    Hang,
}

const SW_OK: u16 = 0x9000;
const SW_LOCKED: u16 = 0x5515;
const SW_DASHBOARD: u16 = 0x6D02;
const SW_CLA: u16 = 0x6E00;
const SW_INS: u16 = 0x6D00;
const SW_REJECTED: u16 = 0x6985;
const SW_INVALID_DATA: u16 = 0x6A80;
const SW_WRONG_P1P2: u16 = 0x6B00;
const SW_WRONG_LENGTH: u16 = 0x6700;
const SW_TX_TYPE: u16 = 0x6501;

#[derive(Default)]
struct TxFlow {
    path: Vec<u32>,
    payload: Vec<u8>,
    chunks: usize,
}

#[derive(Default)]
struct PersonalFlow {
    path: Vec<u32>,
    expected: usize,
    message: Vec<u8>,
}

/// One value of the 0x1C stream.
enum Token {
    Array(u8),
    Value(Vec<u8>),
}

#[derive(Default)]
struct Eip712Flow {
    structs: BTreeMap<String, Vec<FieldDef>>,
    current_struct: Option<String>,
    /// Root struct names with their tokens, in order (domain, then message).
    roots: Vec<(String, Vec<Token>)>,
    partial: Vec<u8>,
    reviewed: bool,
}

struct State {
    keys: SeedKeys,
    locked: bool,
    app: SimApp,
    version: (u8, u8, u8),
    blind_signing: bool,
    raw_messages: bool,
    user: UserAction,
    nano_s: bool,
    disconnect_in: Option<usize>,
    transcript: Vec<(Vec<u8>, Vec<u8>)>,
    tail_only_chunk: bool,
    current_connection: u64,
    next_connection: u64,
    dead: HashSet<u64>,
    tx: Option<TxFlow>,
    personal: Option<PersonalFlow>,
    eip712: Eip712Flow,
}

impl State {
    fn reset_flows(&mut self) {
        self.tx = None;
        self.personal = None;
        self.eip712 = Eip712Flow::default();
    }
}

/// What the simulated device does with one APDU.
enum Outcome {
    Reply(Vec<u8>, u16),
    Hang,
}

fn sw(code: u16) -> Outcome {
    Outcome::Reply(Vec::new(), code)
}

/// The simulator: a cheap handle over shared state, so a test can change the device's
/// state while a transport is connected.
#[derive(Clone)]
pub struct LedgerSimulator {
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for LedgerSimulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LedgerSimulator(..)")
    }
}

impl LedgerSimulator {
    /// An unlocked simulator with the Ethereum app 1.19.1 open, settings at their
    /// defaults (Blind signing and Raw messages off) and a person who approves.
    pub fn new(keys: SeedKeys) -> Self {
        Self {
            state: Arc::new(Mutex::new(State {
                keys,
                locked: false,
                app: SimApp::Ethereum,
                version: (1, 19, 1),
                blind_signing: false,
                raw_messages: false,
                user: UserAction::Approve,
                nano_s: false,
                disconnect_in: None,
                transcript: Vec::new(),
                tail_only_chunk: false,
                current_connection: 0,
                next_connection: 1,
                dead: HashSet::new(),
                tx: None,
                personal: None,
                eip712: Eip712Flow::default(),
            })),
        }
    }

    /// A simulator with Speculos's default seed (the seed of hw-app-eth's vectors).
    pub fn speculos_seed() -> Self {
        Self::new(SeedKeys::from_mnemonic(SPECULOS_MNEMONIC, ""))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks (PIN screen: 5515 for everything) or unlocks the device.
    pub fn set_locked(&self, locked: bool) {
        self.lock().locked = locked;
    }

    /// Opens an app (or goes back to the dashboard).
    pub fn set_app(&self, app: SimApp) {
        let mut s = self.lock();
        s.app = app;
        s.reset_flows();
    }

    /// The Ethereum app's version, as GET_APP_CONFIGURATION reports it.
    pub fn set_version(&self, version: (u8, u8, u8)) {
        self.lock().version = version;
    }

    /// The app's "Blind signing" setting.
    pub fn set_blind_signing(&self, on: bool) {
        self.lock().blind_signing = on;
    }

    /// The app's "Raw messages" setting (lets EIP-712 be shown without filters).
    pub fn set_raw_messages(&self, on: bool) {
        self.lock().raw_messages = on;
    }

    /// What the person does at the next prompts.
    pub fn set_user(&self, action: UserAction) {
        self.lock().user = action;
    }

    /// A Nano S: its app has no EIP-712 full mode (0x1A/0x1C answer 6D00).
    pub fn set_model_nano_s(&self, nano_s: bool) {
        self.lock().nano_s = nano_s;
    }

    /// The `n`th next APDU (1 = the very next) finds the cable pulled: the connection
    /// it came on is dead from then on and the app's state is lost.
    pub fn disconnect_after(&self, n: usize) {
        self.lock().disconnect_in = Some(n.max(1));
    }

    /// Every answered exchange so far: (APDU, reply data ‖ SW).
    pub fn transcript(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.lock().transcript.clone()
    }

    /// Forgets the transcript.
    pub fn clear_transcript(&self) {
        self.lock().transcript.clear();
    }

    /// True once a legacy transaction's last chunk held nothing but (part of) its
    /// EIP-155 tail: the chunking that trips app-ethereum #409 on a real device.
    pub fn tail_only_chunk_seen(&self) -> bool {
        self.lock().tail_only_chunk
    }

    /// A new connection (the app's state starts clean).
    fn connect(&self) -> u64 {
        let mut s = self.lock();
        let id = s.next_connection;
        s.next_connection += 1;
        s.current_connection = id;
        s.reset_flows();
        id
    }

    /// A fresh in-memory connection to the simulator.
    pub fn memory_transport(&self) -> MemoryTransport {
        MemoryTransport::new(self.connection())
    }

    /// A fresh connection as a raw [`ApduExchange`].
    pub fn connection(&self) -> SimConnection {
        SimConnection {
            sim: self.clone(),
            id: self.connect(),
        }
    }

    /// Handles one APDU arriving on connection `conn`.
    fn handle(&self, conn: u64, apdu: &[u8]) -> Result<Vec<u8>, MemoryFault> {
        let mut s = self.lock();
        if s.dead.contains(&conn) {
            return Err(MemoryFault::Disconnected);
        }
        if let Some(n) = s.disconnect_in {
            if n <= 1 {
                s.disconnect_in = None;
                s.dead.insert(conn);
                s.reset_flows();
                return Err(MemoryFault::Disconnected);
            }
            s.disconnect_in = Some(n - 1);
        }
        if conn != s.current_connection {
            s.current_connection = conn;
            s.reset_flows();
        }
        match process(&mut s, apdu) {
            Outcome::Reply(mut data, code) => {
                if code != SW_OK {
                    // A refused request leaves nothing half-done behind.
                    s.reset_flows();
                }
                data.extend_from_slice(&code.to_be_bytes());
                s.transcript.push((apdu.to_vec(), data.clone()));
                Ok(data)
            }
            Outcome::Hang => {
                s.reset_flows();
                Err(MemoryFault::Hang)
            }
        }
    }

    /// Serves Speculos's APDU framing on `addr` (use `127.0.0.1:0`): request `u32 BE
    /// length ‖ APDU`, reply `u32 BE N ‖ N data bytes ‖ SW`. Each TCP connection is a
    /// new connection to the device. Stops when the returned server is dropped.
    pub async fn serve_speculos(&self, addr: &str) -> std::io::Result<SpeculosServer> {
        let listener = TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        let sim = self.clone();
        let task = tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let sim = sim.clone();
                connections.spawn(async move {
                    let _ = serve_connection(sim, stream).await;
                });
                // Reap finished connections so the set does not grow.
                while connections.try_join_next().is_some() {}
            }
        });
        Ok(SpeculosServer { local, task })
    }
}

async fn serve_connection(sim: LedgerSimulator, mut stream: TcpStream) -> std::io::Result<()> {
    let conn = sim.connect();
    loop {
        let mut len = [0u8; 4];
        if stream.read_exact(&mut len).await.is_err() {
            return Ok(());
        }
        let mut apdu = vec![0u8; u32::from_be_bytes(len) as usize];
        stream.read_exact(&mut apdu).await?;
        match sim.handle(conn, &apdu) {
            Ok(reply) => {
                let mut frame = ((reply.len() - 2) as u32).to_be_bytes().to_vec();
                frame.extend_from_slice(&reply);
                stream.write_all(&frame).await?;
            }
            Err(MemoryFault::Disconnected) => return Ok(()),
            Err(MemoryFault::Hang) => {
                // The reply never comes; hold the socket until the client gives up.
                let mut sink = [0u8; 256];
                while stream.read(&mut sink).await.unwrap_or(0) > 0 {}
                return Ok(());
            }
        }
    }
}

/// The simulator's Speculos-framed TCP port; closed when dropped.
#[derive(Debug)]
pub struct SpeculosServer {
    local: SocketAddr,
    task: JoinHandle<()>,
}

impl SpeculosServer {
    /// Where it listens.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }
}

impl Drop for SpeculosServer {
    fn drop(&mut self) {
        // Dropping the accept task drops its JoinSet, which aborts every connection.
        self.task.abort();
    }
}

/// One connection to the simulator.
#[derive(Debug, Clone)]
pub struct SimConnection {
    sim: LedgerSimulator,
    id: u64,
}

impl ApduExchange for SimConnection {
    fn exchange(&mut self, apdu: &[u8]) -> Result<Vec<u8>, MemoryFault> {
        self.sim.handle(self.id, apdu)
    }
}

fn process(s: &mut State, apdu: &[u8]) -> Outcome {
    if s.locked {
        return sw(SW_LOCKED);
    }
    if apdu.len() < 4 {
        return sw(SW_WRONG_LENGTH);
    }
    let (cla, ins, p1, p2) = (apdu[0], apdu[1], apdu[2], apdu[3]);
    let data: &[u8] = match apdu.get(4) {
        None => &[],
        Some(&lc) if apdu.len() == 5 + lc as usize => &apdu[5..],
        // Lc 00 followed by nothing, or Lc with a trailing Le byte.
        Some(&lc) if apdu.len() == 6 + lc as usize => &apdu[5..5 + lc as usize],
        Some(_) => return sw(SW_WRONG_LENGTH),
    };
    if cla == 0xB0 && ins == 0x01 {
        return app_name_and_version(s);
    }
    match s.app {
        SimApp::Dashboard => return sw(SW_DASHBOARD),
        SimApp::Other => return sw(SW_CLA),
        SimApp::Ethereum => {}
    }
    if cla != 0xE0 {
        return sw(SW_CLA);
    }
    match ins {
        0x06 => {
            let flags = s.blind_signing as u8 | 0x02;
            let (a, b, c) = s.version;
            Outcome::Reply(vec![flags, a, b, c], SW_OK)
        }
        0x02 => get_address(s, p1, p2, data),
        0x04 => sign_tx(s, p1, p2, data),
        0x08 => sign_personal(s, p1, p2, data),
        0x0A => Outcome::Reply(vec![0x00], SW_OK),
        0x0C => sign_eip712(s, p1, p2, data),
        0x1A | 0x1C if s.nano_s => sw(SW_INS),
        0x1A => struct_definition(s, p1, p2, data),
        0x1C => struct_implementation(s, p1, p2, data),
        _ => sw(SW_INS),
    }
}

fn app_name_and_version(s: &State) -> Outcome {
    let (name, version) = match s.app {
        SimApp::Ethereum => {
            let (a, b, c) = s.version;
            ("Ethereum".to_owned(), format!("{a}.{b}.{c}"))
        }
        SimApp::Dashboard => ("BOLOS".to_owned(), "1.1.2".to_owned()),
        SimApp::Other => ("Bitcoin".to_owned(), "2.2.0".to_owned()),
    };
    let mut out = vec![0x01, name.len() as u8];
    out.extend_from_slice(name.as_bytes());
    out.push(version.len() as u8);
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(&[0x01, 0x00]);
    Outcome::Reply(out, SW_OK)
}

/// `[depth][index u32 BE]…` → (indices, rest).
fn parse_path(data: &[u8]) -> Option<(Vec<u32>, &[u8])> {
    let depth = *data.first()? as usize;
    if depth == 0 || depth > 10 || data.len() < 1 + 4 * depth {
        return None;
    }
    let indices = data[1..1 + 4 * depth]
        .chunks(4)
        .map(|c| u32::from_be_bytes(c.try_into().expect("4 bytes")))
        .collect();
    Some((indices, &data[1 + 4 * depth..]))
}

fn hd_path(indices: &[u32]) -> HdPath {
    HdPath::from_indices(indices.to_vec()).expect("depth checked")
}

/// The person's answer to a prompt: `None` to go on, or the outcome to return.
fn prompt(s: &State) -> Option<Outcome> {
    match s.user {
        UserAction::Approve => None,
        UserAction::Reject => Some(sw(SW_REJECTED)),
        UserAction::Hang => Some(Outcome::Hang),
    }
}

fn get_address(s: &mut State, p1: u8, p2: u8, data: &[u8]) -> Outcome {
    if p1 > 1 || p2 > 1 {
        return sw(SW_WRONG_P1P2);
    }
    let Some((indices, rest)) = parse_path(data) else {
        return sw(SW_INVALID_DATA);
    };
    if !(rest.is_empty() || rest.len() == 8) {
        return sw(SW_INVALID_DATA);
    }
    if p1 == 1
        && let Some(out) = prompt(s)
    {
        return out;
    }
    let path = hd_path(&indices);
    let (public, chain_code) = s.keys.xpub_parts(&path);
    let address = s.keys.signer(&path).address().to_checksum(None);
    let mut out = vec![65];
    out.extend_from_slice(&public);
    out.push(40);
    out.extend_from_slice(&address.as_bytes()[2..]);
    if p2 == 1 {
        out.extend_from_slice(&chain_code);
    }
    Outcome::Reply(out, SW_OK)
}

/// `v ‖ r ‖ s` of a prehash, with the app's `v` rule applied to the parity.
fn sign(s: &State, indices: &[u32], hash: B256, v_of: impl Fn(bool) -> u8) -> Outcome {
    let signature = s
        .keys
        .signer(&hd_path(indices))
        .sign_hash_sync(&hash)
        .expect("signing a hash does not fail");
    let mut out = vec![v_of(signature.v())];
    out.extend_from_slice(&signature.r().to_be_bytes::<32>());
    out.extend_from_slice(&signature.s().to_be_bytes::<32>());
    Outcome::Reply(out, SW_OK)
}

fn sign_tx(s: &mut State, p1: u8, p2: u8, data: &[u8]) -> Outcome {
    if p2 != 0 {
        return sw(SW_WRONG_P1P2);
    }
    match p1 {
        0x00 => {
            let Some((path, rest)) = parse_path(data) else {
                return sw(SW_INVALID_DATA);
            };
            s.tx = Some(TxFlow {
                path,
                payload: rest.to_vec(),
                chunks: 1,
            });
        }
        0x80 => match s.tx.as_mut() {
            Some(flow) => {
                flow.payload.extend_from_slice(data);
                flow.chunks += 1;
            }
            None => return sw(SW_INVALID_DATA),
        },
        _ => return sw(SW_WRONG_P1P2),
    }
    let flow = s.tx.as_ref().expect("set above");
    let payload = &flow.payload;
    let (tx_type, body) = match payload.first() {
        None => return sw(SW_OK),
        Some(&t) if t <= 0x7f => (t, &payload[1..]),
        Some(_) => (0, &payload[..]),
    };
    // The app reads the RLP as it arrives; it signs once the outer list is complete.
    let Some((is_list, h, len)) = rlp::header(body) else {
        return sw(SW_OK);
    };
    if !is_list {
        return sw(SW_INVALID_DATA);
    }
    if body.len() < h + len {
        return sw(SW_OK);
    }
    if body.len() > h + len {
        return sw(SW_INVALID_DATA);
    }
    let Some(items) = rlp::list_items(body) else {
        return sw(SW_INVALID_DATA);
    };
    let data_index = match tx_type {
        0 => 5,
        1 => 6,
        2 | 4 => 7,
        _ => return sw(SW_TX_TYPE),
    };
    let Some(calldata) = items.get(data_index) else {
        return sw(SW_INVALID_DATA);
    };
    if tx_type == 0 && items.len() >= 9 && flow.chunks > 1 {
        // app-ethereum #409: a last chunk that is only the EIP-155 tail makes the app
        // take the transaction as complete (pre-EIP-155) one chunk early.
        let tail: usize = items[items.len() - 3..].iter().map(|i| i.len()).sum();
        let last_chunk = data.len();
        if last_chunk <= tail {
            s.tail_only_chunk = true;
            return sw(SW_INVALID_DATA);
        }
    }
    if !rlp::payload(calldata).is_empty() && !s.blind_signing {
        return sw(SW_INVALID_DATA);
    }
    if let Some(out) = prompt(s) {
        return out;
    }
    let hash = keccak256(payload);
    let path = flow.path.clone();
    let chain_id_bytes = if tx_type == 0 {
        items
            .get(6)
            .map(|i| rlp::payload(i).to_vec())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    s.tx = None;
    sign(s, &path, hash, |parity| {
        if tx_type != 0 {
            parity as u8
        } else if chain_id_bytes.is_empty() {
            27 + parity as u8
        } else {
            // ui_common_sign_tx.c: u32 of the first ≤ 4 chain id bytes, ·2 + 35, one byte.
            let n = chain_id_bytes.len().min(4);
            let v = chain_id_bytes[..n]
                .iter()
                .fold(0u32, |a, b| (a << 8) | *b as u32);
            (v.wrapping_mul(2)
                .wrapping_add(35)
                .wrapping_add(parity as u32)
                & 0xff) as u8
        }
    })
}

fn sign_personal(s: &mut State, p1: u8, p2: u8, data: &[u8]) -> Outcome {
    if p2 != 0 {
        return sw(SW_WRONG_P1P2);
    }
    match p1 {
        0x00 => {
            let Some((path, rest)) = parse_path(data) else {
                return sw(SW_INVALID_DATA);
            };
            let Some(len) = rest.get(..4) else {
                return sw(SW_INVALID_DATA);
            };
            s.personal = Some(PersonalFlow {
                path,
                expected: u32::from_be_bytes(len.try_into().expect("4 bytes")) as usize,
                message: rest[4..].to_vec(),
            });
        }
        0x80 => match s.personal.as_mut() {
            Some(flow) => flow.message.extend_from_slice(data),
            None => return sw(SW_INVALID_DATA),
        },
        _ => return sw(SW_WRONG_P1P2),
    }
    let flow = s.personal.as_ref().expect("set above");
    if flow.message.len() < flow.expected {
        return sw(SW_OK);
    }
    if flow.message.len() > flow.expected {
        return sw(SW_INVALID_DATA);
    }
    if let Some(out) = prompt(s) {
        return out;
    }
    let hash = alloy::primitives::eip191_hash_message(&flow.message);
    let path = flow.path.clone();
    s.personal = None;
    sign(s, &path, hash, |parity| 27 + parity as u8)
}

fn sign_eip712(s: &mut State, p1: u8, p2: u8, data: &[u8]) -> Outcome {
    if p1 != 0 {
        return sw(SW_WRONG_P1P2);
    }
    let Some((path, rest)) = parse_path(data) else {
        return sw(SW_INVALID_DATA);
    };
    match p2 {
        0x00 => {
            if rest.len() != 64 {
                return sw(SW_INVALID_DATA);
            }
            // v0 shows only hashes: cmd_sign_message_eip712.c demands Blind signing.
            if !s.blind_signing {
                return sw(SW_INVALID_DATA);
            }
            if let Some(out) = prompt(s) {
                return out;
            }
            let mut preimage = vec![0x19, 0x01];
            preimage.extend_from_slice(rest);
            sign(s, &path, keccak256(&preimage), |p| 27 + p as u8)
        }
        0x01 if s.nano_s => sw(SW_INS),
        0x01 => {
            if !rest.is_empty() || !s.eip712.partial.is_empty() {
                return sw(SW_INVALID_DATA);
            }
            let hash = match typed_data_hash(&s.eip712) {
                Some(hash) => hash,
                None => return sw(SW_INVALID_DATA),
            };
            if !s.eip712.reviewed {
                // A message struct with no values was never shown: show it now.
                if !(s.blind_signing || s.raw_messages) {
                    return sw(SW_INVALID_DATA);
                }
                if let Some(out) = prompt(s) {
                    return out;
                }
            }
            s.eip712 = Eip712Flow::default();
            sign(s, &path, hash, |p| 27 + p as u8)
        }
        _ => sw(SW_WRONG_P1P2),
    }
}

fn struct_definition(s: &mut State, p1: u8, p2: u8, data: &[u8]) -> Outcome {
    if p1 != 0 {
        return sw(SW_WRONG_P1P2);
    }
    let flow = &mut s.eip712;
    if !flow.roots.is_empty() {
        // Definitions after an implementation started: a new message.
        *flow = Eip712Flow::default();
    }
    match p2 {
        0x00 => {
            let Ok(name) = String::from_utf8(data.to_vec()) else {
                return sw(SW_INVALID_DATA);
            };
            flow.structs.insert(name.clone(), Vec::new());
            flow.current_struct = Some(name);
            sw(SW_OK)
        }
        0xFF => {
            let (Some(current), Some(field)) =
                (flow.current_struct.clone(), FieldDef::decode(data))
            else {
                return sw(SW_INVALID_DATA);
            };
            flow.structs.entry(current).or_default().push(field);
            sw(SW_OK)
        }
        _ => sw(SW_WRONG_P1P2),
    }
}

fn struct_implementation(s: &mut State, p1: u8, p2: u8, data: &[u8]) -> Outcome {
    match p2 {
        0x00 => {
            let Ok(name) = String::from_utf8(data.to_vec()) else {
                return sw(SW_INVALID_DATA);
            };
            if !s.eip712.structs.contains_key(&name) {
                return sw(SW_INVALID_DATA);
            }
            s.eip712.roots.push((name, Vec::new()));
            sw(SW_OK)
        }
        0x0F => {
            let (Some(root), [size]) = (s.eip712.roots.last_mut(), data) else {
                return sw(SW_INVALID_DATA);
            };
            root.1.push(Token::Array(*size));
            sw(SW_OK)
        }
        0xFF => {
            if s.eip712.roots.is_empty() || p1 > 1 {
                return sw(SW_INVALID_DATA);
            }
            s.eip712.partial.extend_from_slice(data);
            if p1 == 0x01 {
                return sw(SW_OK);
            }
            let framed = std::mem::take(&mut s.eip712.partial);
            let Some(len) = framed.get(..2) else {
                return sw(SW_INVALID_DATA);
            };
            let len = u16::from_be_bytes([len[0], len[1]]) as usize;
            if framed.len() != 2 + len {
                return sw(SW_INVALID_DATA);
            }
            // The message's first value puts the review on screen.
            if s.eip712.roots.len() >= 2 && !s.eip712.reviewed {
                if !(s.blind_signing || s.raw_messages) {
                    return sw(SW_INVALID_DATA);
                }
                if let Some(out) = prompt(s) {
                    return out;
                }
                s.eip712.reviewed = true;
            }
            let root = s.eip712.roots.last_mut().expect("checked");
            root.1.push(Token::Value(framed[2..].to_vec()));
            sw(SW_OK)
        }
        _ => sw(SW_WRONG_P1P2),
    }
}

/// A value the "device" rebuilt from the stream.
enum Val {
    Atom(FieldType, Vec<u8>),
    Struct(String, Vec<Val>),
    Array(Vec<Val>),
}

struct Rebuild<'a> {
    structs: &'a BTreeMap<String, Vec<FieldDef>>,
    tokens: std::slice::Iter<'a, Token>,
}

impl Rebuild<'_> {
    fn read_struct(&mut self, name: &str) -> Option<Val> {
        let fields = self.structs.get(name)?;
        let mut values = Vec::new();
        for field in fields {
            values.push(self.read_field(field, field.arrays.len())?);
        }
        Some(Val::Struct(name.to_owned(), values))
    }

    fn read_field(&mut self, field: &FieldDef, levels: usize) -> Option<Val> {
        if levels > 0 {
            let Token::Array(n) = self.tokens.next()? else {
                return None;
            };
            if let Some(fixed) = field.arrays[levels - 1]
                && fixed != *n
            {
                return None;
            }
            let items = (0..*n)
                .map(|_| self.read_field(field, levels - 1))
                .collect::<Option<Vec<_>>>()?;
            return Some(Val::Array(items));
        }
        if let FieldType::Custom(name) = &field.ty {
            return self.read_struct(name);
        }
        let Token::Value(bytes) = self.tokens.next()? else {
            return None;
        };
        let ok = match &field.ty {
            FieldType::Uint(_) | FieldType::Int(_) => decode_int(&field.ty, bytes).is_some(),
            FieldType::Address => bytes.len() == 20,
            FieldType::Bool => bytes.len() == 1 && bytes[0] <= 1,
            FieldType::FixedBytes(n) => bytes.len() <= *n as usize,
            _ => true,
        };
        ok.then(|| Val::Atom(field.ty.clone(), bytes.clone()))
    }
}

/// EIP-712 `encodeType`: the struct, then the structs it references, sorted.
fn encode_type(structs: &BTreeMap<String, Vec<FieldDef>>, name: &str) -> Option<String> {
    let mut deps = BTreeSet::new();
    let mut stack = vec![name.to_owned()];
    while let Some(n) = stack.pop() {
        for field in structs.get(&n)? {
            if let FieldType::Custom(dep) = &field.ty
                && dep != name
                && deps.insert(dep.clone())
            {
                stack.push(dep.clone());
            }
        }
    }
    let one = |n: &str| -> Option<String> {
        let fields = structs.get(n)?;
        let inner: Vec<String> = fields
            .iter()
            .map(|f| format!("{} {}", f.type_string(), f.name))
            .collect();
        Some(format!("{n}({})", inner.join(",")))
    };
    let mut out = one(name)?;
    for dep in &deps {
        out.push_str(&one(dep)?);
    }
    Some(out)
}

fn encode_word(structs: &BTreeMap<String, Vec<FieldDef>>, value: &Val) -> Option<[u8; 32]> {
    Some(match value {
        Val::Struct(name, values) => hash_struct(structs, name, values)?.0,
        Val::Array(items) => {
            let mut concat = Vec::new();
            for item in items {
                concat.extend_from_slice(&encode_word(structs, item)?);
            }
            keccak256(&concat).0
        }
        Val::Atom(ty, bytes) => match ty {
            FieldType::Uint(_) | FieldType::Int(_) => {
                let value = decode_int(ty, bytes)?;
                value.as_word()?.0
            }
            FieldType::Address | FieldType::Bool => {
                let mut word = [0u8; 32];
                word[32 - bytes.len()..].copy_from_slice(bytes);
                word
            }
            FieldType::FixedBytes(_) => {
                let mut word = [0u8; 32];
                word[..bytes.len()].copy_from_slice(bytes);
                word
            }
            FieldType::String | FieldType::Bytes => keccak256(bytes).0,
            FieldType::Custom(_) => return None,
        },
    })
}

fn hash_struct(
    structs: &BTreeMap<String, Vec<FieldDef>>,
    name: &str,
    values: &[Val],
) -> Option<B256> {
    let mut buf = keccak256(encode_type(structs, name)?.as_bytes()).to_vec();
    for value in values {
        buf.extend_from_slice(&encode_word(structs, value)?);
    }
    Some(keccak256(&buf))
}

/// The signing hash of what was streamed: `keccak(0x1901 ‖ domain ‖ message)`.
fn typed_data_hash(flow: &Eip712Flow) -> Option<B256> {
    let [(domain_name, domain), (message_name, message)] = &flow.roots[..] else {
        return None;
    };
    if domain_name != "EIP712Domain" {
        return None;
    }
    let mut hashes = Vec::new();
    for (name, tokens) in [(domain_name, domain), (message_name, message)] {
        let mut rebuild = Rebuild {
            structs: &flow.structs,
            tokens: tokens.iter(),
        };
        let Val::Struct(_, values) = rebuild.read_struct(name)? else {
            return None;
        };
        if rebuild.tokens.next().is_some() {
            return None;
        }
        hashes.push(hash_struct(&flow.structs, name, &values)?);
    }
    let mut preimage = vec![0x19, 0x01];
    preimage.extend_from_slice(&hashes[0].0);
    preimage.extend_from_slice(&hashes[1].0);
    Some(keccak256(&preimage))
}
