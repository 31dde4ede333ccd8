//! The simulated firmware: one thread running each request's flow as sequential code,
//! blocking on the host's next message like the real firmware's workflows do.

use std::sync::Arc;

use alloy::{
    primitives::{Address, B256, eip191_hash_message, keccak256},
    signers::{SignerSync, local::PrivateKeySigner},
};
use coins_bip32::prelude::{Hint, MainnetEncoder, Parent, XKeyEncoder, XPriv};
use protobuf::Message;
use trezor_client::{
    TrezorMessage,
    protos::{
        ButtonAck, ButtonRequest, EthereumAddress, EthereumGetAddress, EthereumGetPublicKey,
        EthereumMessageSignature, EthereumPublicKey, EthereumSignMessage, EthereumSignTx,
        EthereumSignTxEIP1559, EthereumSignTypedData, EthereumTxAck, EthereumTxRequest,
        EthereumTypedDataSignature, Failure, Features, HDNodeType, Initialize, MessageType::*,
        PassphraseAck, PassphraseRequest, PinMatrixAck, PinMatrixRequest, Ping, Success,
        button_request::ButtonRequestType, failure::FailureType, features::Capability,
        pin_matrix_request::PinMatrixRequestType,
    },
    transport::ProtoMessage,
};

use super::{Inbound, Shared, UserAction, eip712};
use crate::{HdPath, path::HARDENED, simulator::keys::SeedKeys};

/// Why a flow stopped early.
pub(super) enum Abort {
    /// Answer with this `Failure`.
    Fail(FailureType, String),
    /// The host started over (`Initialize`): handle that message next.
    Restart(ProtoMessage),
    /// The link died: nobody to answer.
    Reset,
    /// The simulator is being dropped.
    Shutdown,
}

pub(super) type Step<T> = Result<T, Abort>;

pub(super) fn fail<T>(code: FailureType, message: &str) -> Step<T> {
    Err(Abort::Fail(code, message.to_owned()))
}

fn data_error<T>(message: &str) -> Step<T> {
    fail(FailureType::Failure_DataError, message)
}

/// The largest chain id whose full EIP-155 v fits the uint32 `signature_v`; above it
/// the firmware sends only the parity (sign_tx_eip155.json `max_chain_id`).
const MAX_CHAIN_ID: u64 = (u32::MAX as u64 - 36) / 2;

/// slip44 coin types by chain id, for the networks the fixtures use (§3.2: a known
/// network may use its own coin type or 60; unknown ones 60 or 1).
const NETWORKS: [(u64, u32); 12] = [
    (1, 60),
    (61, 61),
    (888, 5_718_350),
    (8453, 8453),
    (28_945_486, 344),
    (3_125_659_152, 164),
    (560_048, 1),
    (11_155_111, 1),
    (10, 614),
    (137, 966),
    (42161, 9001),
    (250, 1007),
];

pub(super) struct Firmware {
    shared: Arc<Shared>,
}

impl Firmware {
    pub(super) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    pub(super) fn run(self) {
        let mut pending: Option<ProtoMessage> = None;
        loop {
            let message = match pending.take() {
                Some(m) => m,
                None => match self.next() {
                    Ok(Inbound::Message(m)) => m,
                    Ok(Inbound::Disconnected) => continue,
                    Err(_) => return,
                },
            };
            match self.dispatch(message) {
                Ok(()) | Err(Abort::Reset) => {}
                Err(Abort::Fail(code, text)) => self.send(&failure(code, &text)),
                Err(Abort::Restart(m)) => pending = Some(m),
                Err(Abort::Shutdown) => return,
            }
        }
    }

    /// The next thing from the host, blocking.
    fn next(&self) -> Step<Inbound> {
        let mut state = self.shared.lock();
        loop {
            if state.shutdown {
                return Err(Abort::Shutdown);
            }
            if let Some(inbound) = state.inbox.pop_front() {
                return Ok(inbound);
            }
            state = self
                .shared
                .changed
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    pub(super) fn send<M: TrezorMessage>(&self, message: &M) {
        let bytes = message.write_to_bytes().expect("encodable");
        self.shared
            .answer(ProtoMessage::new(M::MESSAGE_TYPE, bytes));
    }

    /// Sends `message` and waits for the host's reply. `Cancel` aborts the flow,
    /// `Initialize`/`GetFeatures` restart, a dead link resets.
    pub(super) fn call<M: TrezorMessage>(&self, message: &M) -> Step<ProtoMessage> {
        self.send(message);
        self.reply()
    }

    fn reply(&self) -> Step<ProtoMessage> {
        match self.next()? {
            Inbound::Disconnected => Err(Abort::Reset),
            Inbound::Message(m) => interrupt(m),
        }
    }

    /// A button request, its ack, then the person's decision.
    fn button(&self, code: ButtonRequestType) -> Step<()> {
        let mut request = ButtonRequest::new();
        request.set_code(code);
        let _: ButtonAck = expect(self.call(&request)?)?;
        let mut state = self.shared.lock();
        loop {
            if state.shutdown {
                return Err(Abort::Shutdown);
            }
            if let Some(inbound) = state.inbox.pop_front() {
                return match inbound {
                    Inbound::Disconnected => Err(Abort::Reset),
                    Inbound::Message(m) => match interrupt(m) {
                        Ok(_) => fail(FailureType::Failure_UnexpectedMessage, "Unexpected message"),
                        Err(abort) => Err(abort),
                    },
                };
            }
            match state.user {
                UserAction::Approve => return Ok(()),
                UserAction::Reject => {
                    return fail(FailureType::Failure_ActionCancelled, "Cancelled");
                }
                UserAction::Hang => {
                    state = self
                        .shared
                        .changed
                        .wait(state)
                        .unwrap_or_else(|e| e.into_inner());
                }
            }
        }
    }

    fn dispatch(&self, message: ProtoMessage) -> Step<()> {
        match message.message_type() {
            MessageType_Initialize => {
                let init: Initialize = parse(message)?;
                self.start_session(init.session_id.as_deref());
                self.send(&self.features());
                Ok(())
            }
            MessageType_GetFeatures => {
                self.send(&self.features());
                Ok(())
            }
            MessageType_Cancel => fail(FailureType::Failure_ActionCancelled, "Cancelled"),
            MessageType_Ping => {
                let ping: Ping = parse(message)?;
                let mut ok = Success::new();
                ok.set_message(ping.message().to_owned());
                self.send(&ok);
                Ok(())
            }
            MessageType_ApplyFlags => {
                self.unlock()?;
                self.send(&Success::new());
                Ok(())
            }
            MessageType_LockDevice => {
                let mut state = self.shared.lock();
                state.unlocked = state.pin.is_none();
                drop(state);
                self.send(&Success::new());
                Ok(())
            }
            MessageType_EndSession => {
                self.shared.lock().session = None;
                self.send(&Success::new());
                Ok(())
            }
            MessageType_GetPublicKey => self.get_public_key(message),
            MessageType_EthereumGetPublicKey => self.eth_public_key(message),
            MessageType_EthereumGetAddress => self.eth_address(message),
            MessageType_EthereumSignTx => self.eth_sign_tx(message),
            MessageType_EthereumSignTxEIP1559 => self.eth_sign_tx_eip1559(message),
            MessageType_EthereumSignMessage => self.eth_sign_message(message),
            MessageType_EthereumSignTypedData => self.eth_sign_typed_data(message),
            _ => fail(FailureType::Failure_UnexpectedMessage, "Unexpected message"),
        }
    }

    fn start_session(&self, resume: Option<&[u8]>) {
        let mut state = self.shared.lock();
        if let (Some(id), Some((current, _))) = (resume, &state.session)
            && id == current.as_slice()
        {
            return;
        }
        state.session_counter += 1;
        let id = keccak256(format!(
            "trezor-simulator session {}",
            state.session_counter
        ));
        state.session = Some((id.0, None));
    }

    fn features(&self) -> Features {
        let state = self.shared.lock();
        let mut f = Features::new();
        f.set_vendor("trezor.io".into());
        f.set_major_version(state.firmware.0);
        f.set_minor_version(state.firmware.1);
        f.set_patch_version(state.firmware.2);
        f.set_device_id("SWITCHYARD-SIMULATOR".into());
        f.set_label("Switchyard simulator".into());
        f.set_initialized(true);
        f.set_bootloader_mode(false);
        f.set_firmware_present(true);
        f.set_pin_protection(state.pin.is_some());
        f.set_passphrase_protection(state.passphrase_protection);
        f.set_passphrase_always_on_device(false);
        f.set_unlocked(state.unlocked);
        f.set_internal_model(state.model.clone());
        f.set_model(
            match state.model.as_str() {
                "T1B1" => "1",
                "T2T1" => "T",
                "T2B1" | "T3B1" => "Safe 3",
                "T3T1" => "Safe 5",
                other => other,
            }
            .to_owned(),
        );
        if let Some((id, _)) = &state.session {
            f.set_session_id(id.to_vec());
        }
        f.capabilities = [
            Capability::Capability_Bitcoin,
            Capability::Capability_Crypto,
            Capability::Capability_Ethereum,
        ]
        .into_iter()
        .map(Into::into)
        .collect();
        f
    }

    /// Asks for the PIN through the scrambled matrix if the device is locked.
    fn unlock(&self) -> Step<()> {
        let (pin, layout) = {
            let state = self.shared.lock();
            if state.unlocked {
                return Ok(());
            }
            (state.pin.clone().unwrap_or_default(), state.layout)
        };
        let mut request = PinMatrixRequest::new();
        request.set_type(PinMatrixRequestType::PinMatrixRequestType_Current);
        let ack: PinMatrixAck = expect(self.call(&request)?)?;
        let entered: Option<String> = ack
            .pin()
            .chars()
            .map(|p| {
                let position = p.to_digit(10).filter(|d| (1..=9).contains(d))?;
                Some(char::from(b'0' + layout[position as usize - 1]))
            })
            .collect();
        if entered.as_deref() != Some(pin.as_str()) {
            return fail(FailureType::Failure_PinInvalid, "PIN invalid");
        }
        self.shared.lock().unlocked = true;
        Ok(())
    }

    /// The session's wallet: PIN first, then the passphrase once per session.
    fn wallet(&self) -> Step<SeedKeys> {
        self.unlock()?;
        let (protected, cached, base, mnemonic) = {
            let mut state = self.shared.lock();
            if state.session.is_none() {
                drop(state);
                self.start_session(None);
                state = self.shared.lock();
            }
            let cached = state
                .session
                .as_ref()
                .and_then(|(_, wallet)| wallet.as_ref().map(|(_, keys)| keys.clone()));
            (
                state.passphrase_protection,
                cached,
                state.keys.clone(),
                state.mnemonic.clone(),
            )
        };
        if !protected {
            return Ok(base);
        }
        if let Some(keys) = cached {
            return Ok(keys);
        }
        let ack: PassphraseAck = expect(self.call(&PassphraseRequest::new())?)?;
        if ack.on_device() {
            return fail(
                FailureType::Failure_DataError,
                "Passphrase entry on the device is not simulated",
            );
        }
        let passphrase = ack.passphrase().to_owned();
        let keys = if passphrase.is_empty() {
            base
        } else {
            match mnemonic {
                Some(phrase) => SeedKeys::from_mnemonic(&phrase, &passphrase),
                None => {
                    return fail(
                        FailureType::Failure_ProcessError,
                        "This simulator has no mnemonic to derive a passphrase wallet",
                    );
                }
            }
        };
        if let Some((_, wallet)) = &mut self.shared.lock().session {
            *wallet = Some((passphrase, keys.clone()));
        }
        Ok(keys)
    }

    /// The passphrase of the session's wallet ("" without protection).
    fn passphrase(&self) -> String {
        let state = self.shared.lock();
        state
            .session
            .as_ref()
            .and_then(|(_, w)| w.as_ref().map(|(p, _)| p.clone()))
            .unwrap_or_default()
    }

    /// The BIP32 node at `path` (needs the mnemonic).
    fn node(&self, path: &[u32]) -> Step<XPriv> {
        let Some(phrase) = self.shared.lock().mnemonic.clone() else {
            return fail(
                FailureType::Failure_ProcessError,
                "This simulator has no mnemonic to export public keys",
            );
        };
        let mnemonic =
            bip39::Mnemonic::parse_in(bip39::Language::English, &phrase).expect("valid mnemonic");
        let seed = mnemonic.to_seed(self.passphrase());
        let root = XPriv::root_from_seed(&seed, Some(Hint::Legacy)).expect("valid seed");
        let mut node = root;
        for index in path {
            node = node.derive_child(*index).expect("derivable");
        }
        Ok(node)
    }

    fn hd_node(&self, path: &[u32]) -> Step<(HDNodeType, String)> {
        let node = self.node(path)?;
        let public = node.verify_key();
        let info: &coins_bip32::primitives::XKeyInfo = node.as_ref();
        let key: &coins_bip32::ecdsa::SigningKey = node.as_ref();
        let mut hd = HDNodeType::new();
        hd.set_depth(u32::from(info.depth));
        hd.set_fingerprint(u32::from_be_bytes(info.parent.0));
        hd.set_child_num(info.index);
        hd.set_chain_code(info.chain_code.0.to_vec());
        hd.set_public_key(
            key.verifying_key()
                .to_encoded_point(true)
                .as_bytes()
                .to_vec(),
        );
        let xpub = MainnetEncoder::xpub_to_base58(&public).expect("encodable");
        Ok((hd, xpub))
    }

    /// Bitcoin's `GetPublicKey`: trezorlib asks for `m/0'` to fingerprint a session.
    /// (trezor-client builds its Bitcoin messages only with its `bitcoin` feature, so
    /// the request is read field by field and the answer written by hand.)
    fn get_public_key(&self, message: ProtoMessage) -> Step<()> {
        self.wallet()?;
        let path = repeated_u32(message.payload(), 1)?;
        let (node, xpub) = self.hd_node(&path)?;
        let mut out = Vec::new();
        {
            let mut os = protobuf::CodedOutputStream::vec(&mut out);
            let write = |os: &mut protobuf::CodedOutputStream<'_>| -> protobuf::Result<()> {
                os.write_message(1, &node)?;
                os.write_string(2, &xpub)?;
                os.flush()
            };
            write(&mut os).expect("in-memory write");
        }
        self.shared
            .answer(ProtoMessage::new(MessageType_PublicKey, out));
        Ok(())
    }

    fn eth_public_key(&self, message: ProtoMessage) -> Step<()> {
        let request: EthereumGetPublicKey = parse(message)?;
        self.wallet()?;
        let (node, xpub) = self.hd_node(&request.address_n)?;
        let mut reply = EthereumPublicKey::new();
        reply.node = Some(node).into();
        reply.set_xpub(xpub);
        self.send(&reply);
        Ok(())
    }

    fn signer(&self, keys: &SeedKeys, path: &[u32], slip44: &[u32]) -> Step<PrivateKeySigner> {
        if !path_allowed(path, slip44) {
            return data_error("Forbidden key path");
        }
        let path =
            HdPath::from_indices(path.to_vec()).or_else(|_| data_error("Forbidden key path"))?;
        Ok(keys.signer(&path))
    }

    fn eth_address(&self, message: ProtoMessage) -> Step<()> {
        let request: EthereumGetAddress = parse(message)?;
        let keys = self.wallet()?;
        let signer = self.signer(&keys, &request.address_n, &all_slip44())?;
        if request.show_display() {
            self.button(ButtonRequestType::ButtonRequest_Address)?;
        }
        let mut reply = EthereumAddress::new();
        reply.set_address(signer.address().to_checksum(None));
        self.send(&reply);
        Ok(())
    }

    /// The calldata loop: asks for the rest of the data in firmware-chosen chunks and
    /// insists on getting exactly what it asked for.
    fn collect_data(&self, initial: &[u8], total: u32) -> Step<Vec<u8>> {
        let total = total as usize;
        if initial.len() > 1024 || initial.len() > total {
            return data_error("Invalid size of initial chunk");
        }
        let mut data = initial.to_vec();
        while data.len() < total {
            let wanted = self.chunk_len(total - data.len());
            let mut request = EthereumTxRequest::new();
            request.set_data_length(wanted as u32);
            let ack: EthereumTxAck = expect(self.call(&request)?)?;
            if ack.data_chunk().len() != wanted {
                return data_error("Data length mismatch");
            }
            data.extend_from_slice(ack.data_chunk());
        }
        Ok(data)
    }

    fn chunk_len(&self, left: usize) -> usize {
        let cap = left.min(1024);
        let mut state = self.shared.lock();
        match state.chunk_rng.as_mut() {
            None => cap,
            Some(x) => {
                *x ^= *x << 13;
                *x ^= *x >> 7;
                *x ^= *x << 17;
                1 + (*x % cap as u64) as usize
            }
        }
    }

    fn eth_sign_tx(&self, message: ProtoMessage) -> Step<()> {
        let tx: EthereumSignTx = parse(message)?;
        let keys = self.wallet()?;
        let chain_id = tx.chain_id();
        let signer = self.signer(&keys, &tx.address_n, &tx_slip44(chain_id))?;
        if let Some(t) = tx.tx_type
            && t != 1
            && t != 6
        {
            return data_error("tx_type out of bounds");
        }
        let to = parse_to(tx.to())?;
        self.button(ButtonRequestType::ButtonRequest_ConfirmOutput)?;
        self.button(ButtonRequestType::ButtonRequest_SignTx)?;
        let data = self.collect_data(tx.data_initial_chunk(), tx.data_length())?;
        let mut fields = Vec::new();
        if let Some(t) = tx.tx_type {
            fields.push(rlp::uint(u64::from(t)));
        }
        fields.extend([
            rlp::bytes(tx.nonce()),
            rlp::bytes(tx.gas_price()),
            rlp::bytes(tx.gas_limit()),
            rlp::bytes(&to),
            rlp::bytes(tx.value()),
            rlp::bytes(&data),
            rlp::uint(chain_id),
            rlp::uint(0),
            rlp::uint(0),
        ]);
        let hash = keccak256(rlp::list(&fields));
        let signature = sign(&signer, &hash)?;
        let parity = u32::from(signature.v());
        let mut reply = EthereumTxRequest::new();
        reply.set_signature_v(if chain_id <= MAX_CHAIN_ID {
            parity + 35 + 2 * chain_id as u32
        } else {
            parity
        });
        reply.set_signature_r(signature.r().to_be_bytes::<32>().to_vec());
        reply.set_signature_s(signature.s().to_be_bytes::<32>().to_vec());
        self.send(&reply);
        Ok(())
    }

    fn eth_sign_tx_eip1559(&self, message: ProtoMessage) -> Step<()> {
        let tx: EthereumSignTxEIP1559 = parse(message)?;
        let keys = self.wallet()?;
        let chain_id = tx.chain_id();
        let signer = self.signer(&keys, &tx.address_n, &tx_slip44(chain_id))?;
        let to = parse_to(tx.to())?;
        let mut access_list = Vec::new();
        for item in &tx.access_list {
            let address = parse_to(item.address())?;
            if address.len() != 20 || item.storage_keys.iter().any(|k| k.len() != 32) {
                return data_error("Invalid access list");
            }
            let keys: Vec<Vec<u8>> = item.storage_keys.iter().map(|k| rlp::bytes(k)).collect();
            access_list.push(rlp::list(&[rlp::bytes(&address), rlp::list(&keys)]));
        }
        self.button(ButtonRequestType::ButtonRequest_ConfirmOutput)?;
        self.button(ButtonRequestType::ButtonRequest_SignTx)?;
        let data = self.collect_data(tx.data_initial_chunk(), tx.data_length())?;
        let fields = [
            rlp::uint(chain_id),
            rlp::bytes(tx.nonce()),
            rlp::bytes(tx.max_priority_fee()),
            rlp::bytes(tx.max_gas_fee()),
            rlp::bytes(tx.gas_limit()),
            rlp::bytes(&to),
            rlp::bytes(tx.value()),
            rlp::bytes(&data),
            rlp::list(&access_list),
        ];
        let mut preimage = vec![0x02];
        preimage.extend(rlp::list(&fields));
        let signature = sign(&signer, &keccak256(preimage))?;
        let mut reply = EthereumTxRequest::new();
        reply.set_signature_v(u32::from(signature.v()));
        reply.set_signature_r(signature.r().to_be_bytes::<32>().to_vec());
        reply.set_signature_s(signature.s().to_be_bytes::<32>().to_vec());
        self.send(&reply);
        Ok(())
    }

    fn eth_sign_message(&self, message: ProtoMessage) -> Step<()> {
        let request: EthereumSignMessage = parse(message)?;
        let keys = self.wallet()?;
        let signer = self.signer(&keys, &request.address_n, &all_slip44())?;
        self.button(ButtonRequestType::ButtonRequest_ProtectCall)?;
        let signature = sign(&signer, &eip191_hash_message(request.message()))?;
        let mut reply = EthereumMessageSignature::new();
        reply.set_signature(signature.as_bytes().to_vec());
        reply.set_address(signer.address().to_checksum(None));
        self.send(&reply);
        Ok(())
    }

    fn eth_sign_typed_data(&self, message: ProtoMessage) -> Step<()> {
        let request: EthereumSignTypedData = parse(message)?;
        let keys = self.wallet()?;
        let signer = self.signer(&keys, &request.address_n, &all_slip44())?;
        let (hash, message_hash) =
            eip712::typed_data_hash(self, request.primary_type(), request.metamask_v4_compat())?;
        if let Some(shown) = &request.show_message_hash
            && message_hash.map(|h| h.to_vec()).as_ref() != Some(shown)
        {
            return data_error("Message hash mismatch");
        }
        self.button(ButtonRequestType::ButtonRequest_ProtectCall)?;
        let signature = sign(&signer, &hash)?;
        let mut reply = EthereumTypedDataSignature::new();
        reply.set_signature(signature.as_bytes().to_vec());
        reply.set_address(signer.address().to_checksum(None));
        self.send(&reply);
        Ok(())
    }
}

/// What a host message means while a flow waits for its reply.
fn interrupt(message: ProtoMessage) -> Step<ProtoMessage> {
    match message.message_type() {
        MessageType_Cancel => fail(FailureType::Failure_ActionCancelled, "Cancelled"),
        MessageType_Initialize | MessageType_GetFeatures => Err(Abort::Restart(message)),
        _ => Ok(message),
    }
}

pub(super) fn expect<R: TrezorMessage>(message: ProtoMessage) -> Step<R> {
    if message.message_type() != R::MESSAGE_TYPE {
        return fail(FailureType::Failure_UnexpectedMessage, "Unexpected message");
    }
    parse(message)
}

pub(super) fn parse<R: Message>(message: ProtoMessage) -> Step<R> {
    message
        .into_message()
        .or_else(|_| data_error("Failed to decode message"))
}

fn failure(code: FailureType, text: &str) -> Failure {
    let mut f = Failure::new();
    f.set_code(code);
    f.set_message(text.to_owned());
    f
}

fn sign(signer: &PrivateKeySigner, hash: &B256) -> Step<alloy::primitives::Signature> {
    signer
        .sign_hash_sync(hash)
        .or_else(|_| fail(FailureType::Failure_ProcessError, "Signing failed"))
}

/// `to` as the firmware reads it: empty (contract creation) or 20 hex bytes.
fn parse_to(to: &str) -> Step<Vec<u8>> {
    if to.is_empty() {
        return Ok(Vec::new());
    }
    match to.parse::<Address>() {
        Ok(address) => Ok(address.to_vec()),
        Err(_) => data_error("Invalid address"),
    }
}

fn all_slip44() -> Vec<u32> {
    let mut all: Vec<u32> = NETWORKS.iter().map(|(_, s)| *s).collect();
    all.extend([60, 1]);
    all
}

fn tx_slip44(chain_id: u64) -> Vec<u32> {
    let mut allowed = vec![60, 1];
    if let Some((_, slip44)) = NETWORKS.iter().find(|(c, _)| *c == chain_id) {
        allowed.push(*slip44);
    }
    allowed
}

/// The firmware's Ethereum path patterns (core `apps/ethereum/keychain.py`): BIP44
/// `m/44'/c'/a'/{0,1}/i`, SEP5 `m/44'/c'/a'`, Ledger Live legacy `m/44'/c'/0'/a`,
/// CASA `m/45'/c/a/change/i`; account ≤ 100, index ≤ 1,000,000; `c` from `slip44`.
pub(super) fn path_allowed(path: &[u32], slip44: &[u32]) -> bool {
    let h = |i: u32| i & HARDENED != 0;
    let v = |i: u32| i & !HARDENED;
    let coin = |i: u32| slip44.contains(&v(i));
    let account = |i: u32| h(i) && v(i) <= 100;
    let index = |i: u32| !h(i) && i <= 1_000_000;
    match *path {
        [p, c, a] => p == 44 | HARDENED && h(c) && coin(c) && account(a),
        [p, c, a, i] => p == 44 | HARDENED && h(c) && coin(c) && a == HARDENED && index(i),
        [p, c, a, change, i] if p == 44 | HARDENED => {
            h(c) && coin(c) && account(a) && (change == 0 || change == 1) && index(i)
        }
        [p, c, a, change, i] if p == 45 | HARDENED => {
            !h(c) && coin(c) && !h(a) && a <= 100 && (change == 0 || change == 1) && index(i)
        }
        _ => false,
    }
}

/// Reads a repeated uint32 field (packed or not) from raw protobuf bytes.
fn repeated_u32(bytes: &[u8], field: u32) -> Step<Vec<u32>> {
    let mut is = protobuf::CodedInputStream::from_bytes(bytes);
    let mut out = Vec::new();
    let bad = || {
        Abort::Fail(
            FailureType::Failure_DataError,
            "Failed to decode message".into(),
        )
    };
    while !is.eof().map_err(|_| bad())? {
        let tag = is.read_raw_varint32().map_err(|_| bad())?;
        let (number, wire) = (tag >> 3, tag & 7);
        match (number == field, wire) {
            (true, 0) => out.push(is.read_uint32().map_err(|_| bad())?),
            (true, 2) => {
                let len = is.read_raw_varint32().map_err(|_| bad())?;
                let old = is.push_limit(u64::from(len)).map_err(|_| bad())?;
                while !is.eof().map_err(|_| bad())? {
                    out.push(is.read_uint32().map_err(|_| bad())?);
                }
                is.pop_limit(old);
            }
            (_, 0) => {
                is.read_raw_varint64().map_err(|_| bad())?;
            }
            (_, 1) => {
                is.read_fixed64().map_err(|_| bad())?;
            }
            (_, 2) => {
                let len = is.read_raw_varint32().map_err(|_| bad())?;
                is.skip_raw_bytes(len).map_err(|_| bad())?;
            }
            (_, 5) => {
                is.read_fixed32().map_err(|_| bad())?;
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// Just enough RLP for the signing preimages, encoding fields exactly as received
/// (as the firmware does).
mod rlp {
    fn header(out: &mut Vec<u8>, len: usize, offset: u8) {
        if len <= 55 {
            out.push(offset + len as u8);
        } else {
            let be = len.to_be_bytes();
            let first = be.iter().position(|b| *b != 0).unwrap_or(be.len() - 1);
            out.push(offset + 55 + (be.len() - first) as u8);
            out.extend_from_slice(&be[first..]);
        }
    }

    pub(super) fn bytes(b: &[u8]) -> Vec<u8> {
        if b.len() == 1 && b[0] < 0x80 {
            return b.to_vec();
        }
        let mut out = Vec::with_capacity(b.len() + 9);
        header(&mut out, b.len(), 0x80);
        out.extend_from_slice(b);
        out
    }

    pub(super) fn uint(v: u64) -> Vec<u8> {
        let be = v.to_be_bytes();
        let first = be.iter().position(|b| *b != 0).unwrap_or(be.len());
        bytes(&be[first..])
    }

    pub(super) fn list(items: &[Vec<u8>]) -> Vec<u8> {
        let len = items.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(len + 9);
        header(&mut out, len, 0xc0);
        for item in items {
            out.extend_from_slice(item);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_policy() {
        let p = |s: &str| s.parse::<HdPath>().unwrap().indices().to_vec();
        let eth = all_slip44();
        for ok in [
            "m/44'/60'/0'/0/0",
            "m/44'/60'/0'",
            "m/44'/60'/100'",
            "m/44'/60'/0'/0",
            "m/44'/60'/0'/0/100",
            "m/44'/61'/0'/0/0",
            "m/45'/60/2/1/1",
            "m/44'/1'/0'/0/1",
        ] {
            assert!(path_allowed(&p(ok), &eth), "{ok}");
        }
        for forbidden in [
            "m/44'/0'/0'/0/0",
            "m/44'/60'/0'/2/0",
            "m/44'/60'/101'/0/0",
            "m/44'/60'/0'/0'/0",
            "m/49'/60'/0'/0/0",
            "m/44'/60'",
            "m/0'",
        ] {
            assert!(!path_allowed(&p(forbidden), &eth), "{forbidden}");
        }
        // A chain-bound request only takes that network's coin type (or 60/1).
        assert!(!path_allowed(&p("m/44'/61'/0'/0/0"), &tx_slip44(1)));
        assert!(path_allowed(&p("m/44'/61'/0'/0/0"), &tx_slip44(61)));
    }

    #[test]
    fn rlp_matches_known_encodings() {
        assert_eq!(rlp::uint(0), vec![0x80]);
        assert_eq!(rlp::uint(1), vec![0x01]);
        assert_eq!(rlp::bytes(&[0x80]), vec![0x81, 0x80]);
        assert_eq!(rlp::list(&[]), vec![0xc0]);
        let long = vec![0xaa; 56];
        assert_eq!(&rlp::bytes(&long)[..2], &[0xb8, 56]);
    }
}
