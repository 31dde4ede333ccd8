//! Our client against the Ledger simulator: signatures recover to the account for
//! every transaction type and awkward chain ids, chunk boundaries, personal_sign,
//! EIP-712 full mode and its v0 fallback, every device state's error, disconnects,
//! the queue, and the Speculos TCP framing through coins-ledger's own transport.

use std::time::Duration;

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxEip2930, TxLegacy, TypedTransaction},
    dyn_abi::TypedData,
    primitives::{Address, Bytes, Signature, TxKind, U256, address},
};
use coins_ledger::{Model, transports::SpeculosTransport};
use switchyard_hw::{
    DeviceError, DeviceQueue, HdPath, Vendor,
    ledger::{EthApp, LedgerEndpoint, LedgerLink, LedgerTransport, MemoryTransport, apdu},
    simulator::ledger::{LedgerSimulator, SimApp, UserAction},
};

const ACCOUNT: Address = address!("0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D");

fn path() -> HdPath {
    "m/44'/60'/0'/0/0".parse().unwrap()
}

fn app(sim: &LedgerSimulator) -> EthApp<MemoryTransport> {
    EthApp::new(sim.memory_transport())
        .with_approval_timeout(Duration::from_millis(300))
        .with_io_timeout(Duration::from_millis(300))
}

fn to() -> TxKind {
    TxKind::Call(address!("0xb2bb2b958afa2e96dab3f3ce7162b87daea39017"))
}

fn legacy(chain_id: Option<u64>, input: Vec<u8>) -> TypedTransaction {
    TypedTransaction::Legacy(TxLegacy {
        chain_id,
        nonce: 7,
        gas_price: 20_000_000_000,
        gas_limit: 21_000,
        to: to(),
        value: U256::from(10).pow(U256::from(16)),
        input: Bytes::from(input),
    })
}

fn eip1559(chain_id: u64, input: Vec<u8>) -> TypedTransaction {
    TypedTransaction::Eip1559(TxEip1559 {
        chain_id,
        nonce: 3,
        gas_limit: 60_000,
        max_fee_per_gas: 30_000_000_000,
        max_priority_fee_per_gas: 1_000_000_000,
        to: to(),
        value: U256::from(1234567u64),
        access_list: Default::default(),
        input: Bytes::from(input),
    })
}

fn eip2930(chain_id: u64) -> TypedTransaction {
    TypedTransaction::Eip2930(TxEip2930 {
        chain_id,
        nonce: 1,
        gas_price: 1_000_000_000,
        gas_limit: 50_000,
        to: to(),
        value: U256::from(1u64),
        access_list: Default::default(),
        input: Bytes::new(),
    })
}

fn recover(tx: &TypedTransaction, sig: &Signature) -> Address {
    sig.recover_address_from_prehash(&tx.signature_hash())
        .unwrap()
}

const CHAINS: [u64; 11] = [
    1,
    10,
    137,
    250,
    1135,
    8453,
    42161,
    57073,
    421614,
    7777777,
    0x1_0000_0001 + 42,
];

#[tokio::test]
async fn every_type_recovers_to_the_account_on_awkward_chains() {
    let sim = LedgerSimulator::speculos_seed();
    let mut app = app(&sim);
    for chain in CHAINS {
        for tx in [
            legacy(Some(chain), vec![]),
            eip2930(chain),
            eip1559(chain, vec![]),
        ] {
            let sig = app.sign_transaction(&path(), &tx).await.unwrap();
            assert_eq!(
                recover(&tx, &sig),
                ACCOUNT,
                "chain {chain} {:?}",
                tx.tx_type()
            );
            // The device's byte is the truncated one; the parity we return is the key's.
            let expected = sim_parity(&tx);
            assert_eq!(sig.v(), expected, "chain {chain}");
        }
    }
    // Pre-EIP-155 legacy.
    let tx = legacy(None, vec![]);
    let sig = app.sign_transaction(&path(), &tx).await.unwrap();
    assert_eq!(recover(&tx, &sig), ACCOUNT);
    assert!(!sim.tail_only_chunk_seen());
}

/// The parity a local key gives (the truth the device's byte must decode to).
fn sim_parity(tx: &TypedTransaction) -> bool {
    use alloy::signers::SignerSync;
    let keys = switchyard_hw::simulator::keys::SeedKeys::from_mnemonic(
        switchyard_hw::simulator::keys::SPECULOS_MNEMONIC,
        "",
    );
    keys.signer(&path())
        .sign_hash_sync(&tx.signature_hash())
        .unwrap()
        .v()
}

/// A legacy tx whose `path ‖ rlp` payload is exactly `total` bytes.
fn legacy_of_payload(total: usize, chain: u64) -> TypedTransaction {
    let base = {
        let mut out = Vec::new();
        legacy(Some(chain), vec![]).encode_for_signing(&mut out);
        out.len() + path().to_ledger_bytes().len()
    };
    // Grow the calldata until the payload is the wanted size (RLP headers grow too).
    for n in 0..2000 {
        let tx = legacy(Some(chain), vec![0xab; n]);
        let mut out = Vec::new();
        tx.encode_for_signing(&mut out);
        let len = out.len() + path().to_ledger_bytes().len();
        if len == total {
            return tx;
        }
        if len > total + 3 {
            break;
        }
    }
    panic!("no legacy payload of {total} bytes (base {base})")
}

#[tokio::test]
async fn chunk_boundaries() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_blind_signing(true);
    let mut app = app(&sim);
    // Payload sizes around the 255-byte APDU limit (the smallest legacy payload is
    // ~60 bytes, so "0" and "1" are the empty and 1-byte calldata cases).
    for total in [254, 255, 256, 509, 510, 764, 765, 766] {
        for chain in [1u64, 137, 7777777] {
            let tx = legacy_of_payload(total, chain);
            sim.clear_transcript();
            let sig = app.sign_transaction(&path(), &tx).await.unwrap();
            assert_eq!(recover(&tx, &sig), ACCOUNT, "{total}");
            let sent: Vec<usize> = sim.transcript().iter().map(|(c, _)| c.len() - 5).collect();
            assert_eq!(sent.iter().sum::<usize>(), total);
            assert!(sent.iter().all(|n| *n <= 255));
            let mut out = Vec::new();
            tx.encode_for_signing(&mut out);
            let tail = apdu::last_three_items_len(&out).unwrap();
            if sent.len() > 1 {
                assert!(
                    *sent.last().unwrap() > tail,
                    "{total}: last chunk is the EIP-155 tail"
                );
            }
        }
    }
    for calldata in [0usize, 1, 254, 255, 256, 509, 510, 764, 765, 766] {
        let tx = eip1559(10, vec![0xcd; calldata]);
        let sig = app.sign_transaction(&path(), &tx).await.unwrap();
        assert_eq!(recover(&tx, &sig), ACCOUNT, "{calldata}");
        let tx = legacy(Some(42161), vec![0xcd; calldata]);
        let sig = app.sign_transaction(&path(), &tx).await.unwrap();
        assert_eq!(recover(&tx, &sig), ACCOUNT, "{calldata}");
    }
    assert!(!sim.tail_only_chunk_seen(), "the #409 detector fired");
}

#[tokio::test]
async fn the_409_detector_catches_naive_chunking() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_blind_signing(true);
    // A payload of 258 bytes: plain 255-byte chunks leave the 3-byte tail alone.
    let tx = legacy_of_payload(258, 1);
    let mut out = Vec::new();
    tx.encode_for_signing(&mut out);
    let payload = [path().to_ledger_bytes(), out].concat();
    let mut transport = sim.memory_transport();
    let first = apdu::command(apdu::INS_SIGN_TX, 0x00, 0, &payload[..255]);
    let last = apdu::command(apdu::INS_SIGN_TX, 0x80, 0, &payload[255..]);
    let send = |raw: Vec<u8>| {
        coins_ledger::ApduCommand::builder()
            .cla(raw[0])
            .ins(raw[1])
            .p1(raw[2])
            .p2(raw[3])
            .data(&raw[5..])
            .build()
            .unwrap()
    };
    transport.exchange(send(first), None).await.unwrap();
    assert!(transport.exchange(send(last), None).await.is_err());
    assert!(sim.tail_only_chunk_seen());
}

#[tokio::test]
async fn personal_messages_recover_to_the_account() {
    let sim = LedgerSimulator::speculos_seed();
    let mut app = app(&sim);
    let long: Vec<u8> = (0..700u32).map(|i| (i % 251) as u8).collect();
    for message in [
        &b""[..],
        b"x",
        &long[..],
        &[0u8, 0xff, 0x10, 0x80, 0x00][..],
    ] {
        let sig = app.sign_personal_message(&path(), message).await.unwrap();
        assert_eq!(sig.recover_address_from_msg(message).unwrap(), ACCOUNT);
    }
}

fn typed_data() -> TypedData {
    let big = format!("0x{}", "5a".repeat(300));
    serde_json::from_value(serde_json::json!({
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"}
            ],
            "Person": [{"name": "name", "type": "string"}, {"name": "wallets", "type": "address[]"}],
            "Group": [{"name": "members", "type": "Person[]"}, {"name": "tag", "type": "bytes32"}],
            "Mail": [
                {"name": "from", "type": "Person"},
                {"name": "to", "type": "Group[2]"},
                {"name": "amount", "type": "int64"},
                {"name": "nonce", "type": "uint8"},
                {"name": "ok", "type": "bool"},
                {"name": "grid", "type": "uint16[][]"},
                {"name": "payload", "type": "bytes"}
            ]
        },
        "primaryType": "Mail",
        "domain": {"name": "Switchyard", "version": "1", "chainId": 8453,
                   "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
        "message": {
            "from": {"name": "Cow", "wallets": ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"]},
            "to": [
                {"members": [{"name": "Bob", "wallets": []},
                             {"name": "Eve", "wallets": ["0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF",
                                                         "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57"]}],
                 "tag": "0x0102030405060708091011121314151617181920212223242526272829303132"},
                {"members": [], "tag": "0xff00000000000000000000000000000000000000000000000000000000000000"}
            ],
            "amount": "-1234567",
            "nonce": 255,
            "ok": true,
            "grid": [[1, 2, 65535], [], [7]],
            "payload": big
        }
    }))
    .unwrap()
}

#[tokio::test]
async fn eip712_full_mode_signs_what_alloy_hashes() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_raw_messages(true);
    let mut app = app(&sim);
    let data = typed_data();
    let sig = app.sign_typed_data(&path(), &data).await.unwrap();
    let hash = data.eip712_signing_hash().unwrap();
    assert_eq!(sig.recover_address_from_prehash(&hash).unwrap(), ACCOUNT);
    // The same signature a local key makes over alloy's hash (RFC6979 is deterministic).
    use alloy::signers::SignerSync;
    let keys = switchyard_hw::simulator::keys::SeedKeys::from_mnemonic(
        switchyard_hw::simulator::keys::SPECULOS_MNEMONIC,
        "",
    );
    assert_eq!(sig, keys.signer(&path()).sign_hash_sync(&hash).unwrap());
    let transcript = sim.transcript();
    assert!(transcript.iter().any(|(c, _)| c[1] == 0x1A));
    // The 300-byte value went in a P1=01 partial send.
    assert!(
        transcript
            .iter()
            .any(|(c, _)| c[1] == 0x1C && c[2] == 0x01 && c[3] == 0xFF)
    );
    assert!(transcript.iter().any(|(c, _)| c[1] == 0x1C && c[3] == 0x0F));
    let last = &transcript.last().unwrap().0;
    assert_eq!(&last[..4], &[0xE0, 0x0C, 0x00, 0x01]);
}

#[tokio::test]
async fn eip712_falls_back_to_v0_only_on_6d00() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_model_nano_s(true);
    sim.set_blind_signing(true);
    let mut app = app(&sim);
    let data = typed_data();
    let sig = app.sign_typed_data(&path(), &data).await.unwrap();
    let hash = data.eip712_signing_hash().unwrap();
    assert_eq!(sig.recover_address_from_prehash(&hash).unwrap(), ACCOUNT);
    let t = sim.transcript();
    assert_eq!(t.len(), 2, "one refused 0x1A, then v0");
    assert_eq!(&t[0].1, &[0x6D, 0x00]);
    assert_eq!(&t[1].0[..4], &[0xE0, 0x0C, 0x00, 0x00]);
    // v0 without Blind signing is the blind-signing error.
    sim.set_blind_signing(false);
    assert!(matches!(
        app.sign_typed_data(&path(), &data).await,
        Err(DeviceError::BlindSigningOff)
    ));
    // Full mode refused for another reason does not fall back.
    sim.set_model_nano_s(false);
    sim.clear_transcript();
    assert!(matches!(
        app.sign_typed_data(&path(), &data).await,
        Err(DeviceError::BlindSigningOff)
    ));
    assert!(
        sim.transcript()
            .iter()
            .all(|(c, _)| !(c[1] == 0x0C && c[3] == 0x00))
    );
}

#[tokio::test]
async fn device_states_map_to_their_errors() {
    let sim = LedgerSimulator::speculos_seed();
    let mut app = app(&sim);
    let tx = eip1559(1, vec![]);

    sim.set_locked(true);
    assert!(matches!(
        app.configuration().await,
        Err(DeviceError::Locked(Vendor::Ledger))
    ));
    assert!(matches!(
        app.sign_transaction(&path(), &tx).await,
        Err(DeviceError::Locked(_))
    ));
    sim.set_locked(false);

    sim.set_app(SimApp::Dashboard);
    assert!(matches!(
        app.address(&path(), false, None).await,
        Err(DeviceError::WrongApp)
    ));
    sim.set_app(SimApp::Other);
    assert!(matches!(
        app.configuration().await,
        Err(DeviceError::WrongApp)
    ));
    sim.set_app(SimApp::Ethereum);

    // Blind signing off: refused before the transaction is sent.
    sim.clear_transcript();
    let with_data = eip1559(1, vec![0xa9, 0x05, 0x9c, 0xbb]);
    assert!(matches!(
        app.sign_transaction(&path(), &with_data).await,
        Err(DeviceError::BlindSigningOff)
    ));
    assert!(
        sim.transcript().iter().all(|(c, _)| c[1] != 0x04),
        "the tx was sent"
    );
    assert!(matches!(
        app.sign_typed_data(&path(), &typed_data()).await,
        Err(DeviceError::BlindSigningOff)
    ));
    sim.set_blind_signing(true);
    assert_eq!(
        recover(
            &with_data,
            &app.sign_transaction(&path(), &with_data).await.unwrap()
        ),
        ACCOUNT
    );

    sim.set_user(UserAction::Reject);
    assert!(matches!(
        app.sign_transaction(&path(), &tx).await,
        Err(DeviceError::Rejected(_))
    ));
    assert!(matches!(
        app.address(&path(), true, Some(10)).await,
        Err(DeviceError::Rejected(_))
    ));
    assert!(matches!(
        app.sign_personal_message(&path(), b"hi").await,
        Err(DeviceError::Rejected(_))
    ));
    // Rejected while reviewing the EIP-712 fields as they stream: no 0x0C is sent.
    sim.clear_transcript();
    assert!(matches!(
        app.sign_typed_data(&path(), &typed_data()).await,
        Err(DeviceError::Rejected(_))
    ));
    let t = sim.transcript();
    assert_eq!(t.last().unwrap().0[1], 0x1C);
    assert_eq!(&t.last().unwrap().1, &[0x69, 0x85]);
    assert!(t.iter().all(|(c, _)| c[1] != 0x0C));

    sim.set_user(UserAction::Hang);
    let started = std::time::Instant::now();
    assert!(matches!(
        app.sign_transaction(&path(), &tx).await,
        Err(DeviceError::AwaitingApproval(_))
    ));
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(matches!(
        app.address(&path(), true, None).await,
        Err(DeviceError::AwaitingApproval(_))
    ));
    // A silent read does not wait for a person.
    assert_eq!(app.address(&path(), false, None).await.unwrap(), ACCOUNT);
    sim.set_user(UserAction::Approve);
    assert_eq!(
        app.address(&path(), true, Some(8453)).await.unwrap(),
        ACCOUNT
    );
    // After a rejection and a hang, the next request works: no state was left behind.
    assert_eq!(
        recover(&tx, &app.sign_transaction(&path(), &tx).await.unwrap()),
        ACCOUNT
    );

    // An old app: no full-mode EIP-712 and no v0 either.
    sim.set_model_nano_s(true);
    sim.set_blind_signing(true);
    // (v0 exists: the fallback signs.)
    assert!(app.sign_typed_data(&path(), &typed_data()).await.is_ok());
    sim.set_model_nano_s(false);

    // 4844 is refused before any I/O.
    let blob = TypedTransaction::Eip4844(alloy::consensus::TxEip4844Variant::TxEip4844(
        Default::default(),
    ));
    assert!(matches!(
        app.sign_transaction(&path(), &blob).await,
        Err(DeviceError::Unsupported(_))
    ));
}

#[tokio::test]
async fn configuration_reports_settings_and_version() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_version((1, 9, 18));
    let mut app = app(&sim);
    let c = app.configuration().await.unwrap();
    assert_eq!(c.version, (1, 9, 18));
    assert!(!c.blind_signing());
    sim.set_blind_signing(true);
    assert!(app.configuration().await.unwrap().blind_signing());
}

#[tokio::test]
async fn a_disconnect_mid_chunk_leaves_nothing_behind() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_blind_signing(true);
    let tx = eip1559(42161, vec![0x11; 600]);
    let mut app = app(&sim);
    // configuration, then chunk 1 goes through, chunk 2 finds the cable pulled.
    sim.disconnect_after(3);
    assert!(matches!(
        app.sign_transaction(&path(), &tx).await,
        Err(DeviceError::Disconnected(Vendor::Ledger))
    ));
    // The dead link stays dead.
    assert!(matches!(
        app.configuration().await,
        Err(DeviceError::Disconnected(_))
    ));
    // A fresh link signs from scratch (the half-sent transaction is gone).
    let mut fresh = EthApp::new(sim.memory_transport());
    sim.clear_transcript();
    let sig = fresh.sign_transaction(&path(), &tx).await.unwrap();
    assert_eq!(recover(&tx, &sig), ACCOUNT);
    assert_eq!(
        sim.transcript()[1].0[2],
        0x00,
        "the new request starts with a first chunk"
    );
}

#[tokio::test]
async fn concurrent_requests_are_serialized_by_the_queue() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_blind_signing(true);
    let queue = DeviceQueue::new(EthApp::new(sim.memory_transport()));
    let tx_a = eip1559(10, vec![0x01; 700]);
    let tx_b = legacy(Some(137), vec![0x02; 700]);
    let (a, b) = {
        let (qa, qb) = (queue.clone(), queue.clone());
        let (ta, tb) = (tx_a.clone(), tx_b.clone());
        let a = tokio::spawn(async move { qa.turn().await.sign_transaction(&path(), &ta).await });
        let b = tokio::spawn(async move { qb.turn().await.sign_transaction(&path(), &tb).await });
        (a.await.unwrap().unwrap(), b.await.unwrap().unwrap())
    };
    assert_eq!(recover(&tx_a, &a), ACCOUNT);
    assert_eq!(recover(&tx_b, &b), ACCOUNT);
    // Each SIGN_TX run (first chunk, then only continuations) is contiguous.
    let ins: Vec<(u8, u8)> = sim.transcript().iter().map(|(c, _)| (c[1], c[2])).collect();
    let firsts: Vec<usize> = ins
        .iter()
        .enumerate()
        .filter(|(_, x)| **x == (0x04, 0x00))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(firsts.len(), 2);
    for (i, x) in ins.iter().enumerate() {
        if x.0 == 0x04 && x.1 == 0x80 {
            let owner = firsts.iter().rev().find(|f| **f < i).unwrap();
            assert!(
                ins[*owner..i].iter().all(|y| y.0 == 0x04),
                "interleaved: {ins:?}"
            );
        }
    }
}

#[tokio::test]
async fn speculos_tcp_through_coins_ledger() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_raw_messages(true);
    let server = sim.serve_speculos("127.0.0.1:0").await.unwrap();
    let addr = server.local_addr().to_string();
    let link = LedgerLink::open(&LedgerEndpoint::Speculos(addr.clone()))
        .await
        .unwrap();
    let mut app = EthApp::new(link);
    assert_eq!(app.address(&path(), true, Some(1)).await.unwrap(), ACCOUNT);
    for tx in [
        legacy(Some(7777777), vec![]),
        eip1559(8453, vec![]),
        eip2930(421614),
    ] {
        let sig = app.sign_transaction(&path(), &tx).await.unwrap();
        assert_eq!(recover(&tx, &sig), ACCOUNT);
    }
    let sig = app
        .sign_personal_message(&path(), &[7u8; 400])
        .await
        .unwrap();
    assert_eq!(sig.recover_address_from_msg([7u8; 400]).unwrap(), ACCOUNT);
    let data = typed_data();
    let sig = app.sign_typed_data(&path(), &data).await.unwrap();
    assert_eq!(
        sig.recover_address_from_prehash(&data.eip712_signing_hash().unwrap())
            .unwrap(),
        ACCOUNT
    );
    // A plain SpeculosTransport sees the same device.
    let raw = SpeculosTransport::connect(addr.as_str(), Model::NanoX)
        .await
        .unwrap();
    let mut app = EthApp::new(raw);
    assert_eq!(app.address(&path(), false, None).await.unwrap(), ACCOUNT);
    // Errors come through the socket too.
    sim.set_user(UserAction::Reject);
    assert!(matches!(
        app.sign_transaction(&path(), &eip1559(1, vec![])).await,
        Err(DeviceError::Rejected(_))
    ));
    drop(server);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(matches!(
        LedgerLink::open(&LedgerEndpoint::Speculos(addr)).await,
        Err(DeviceError::NotConnected(Vendor::Ledger))
    ));
}
