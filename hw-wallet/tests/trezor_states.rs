//! Every device state a request can meet, and the error (with its sentence) it becomes.
#![cfg(feature = "simulator")]

mod trezor_support;

use std::time::{Duration, Instant};

use alloy::primitives::{Address, address};
use switchyard_hw::{
    DeviceError, DeviceQueue, NoPrompts, Prompt, Vendor,
    simulator::{
        keys::{SeedKeys, TREZOR_ALL_MNEMONIC},
        trezor::{TrezorSimulator, UserAction},
    },
    trezor::TrezorDevice,
};
use trezor_support::*;

const ACCOUNT: &str = "m/44'/60'/0'/0/0";
const ALL_0: Address = address!("73d0385F4d8E00C5e6504C6030F47BF6212736A8");

#[test]
fn info_reports_features_and_old_firmware_is_too_old() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    let info = dev.info().unwrap();
    assert_eq!(info.model, "Trezor Safe 5");
    assert_eq!(info.internal_model, "T3T1");
    assert_eq!(info.version, (2, 8, 1));
    assert_eq!(info.label.as_deref(), Some("Switchyard simulator"));
    assert_eq!(info.unlocked, Some(true));
    assert!(!info.passphrase_protection);

    for (model, old, ok) in [
        ("T2T1", (2, 5, 0), (2, 5, 1)),
        ("T3B1", (2, 4, 9), (2, 8, 0)),
        ("T1B1", (1, 11, 0), (1, 11, 1)),
    ] {
        sim.set_model(model);
        sim.set_firmware(old);
        match dev.info() {
            Err(DeviceError::TooOld(text)) => {
                assert!(
                    text.starts_with("Update your Trezor's firmware in Trezor Suite: "),
                    "{text}"
                )
            }
            other => panic!("{model} {old:?}: {other:?}"),
        }
        // Every request is refused the same way, before anything is signed.
        assert!(matches!(
            dev.sign_message(&path(ACCOUNT), b"hi", &NoPrompts),
            Err(DeviceError::TooOld(_))
        ));
        sim.set_firmware(ok);
        let info = dev.info().unwrap();
        assert_eq!(info.version, ok);
        assert_eq!(info.internal_model, model);
        assert_eq!(
            dev.address(&path(ACCOUNT), false, &NoPrompts).unwrap(),
            ALL_0
        );
    }
}

#[test]
fn rejection_on_the_device_is_rejected_and_notices_are_cleared() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    sim.set_user(UserAction::Reject);
    let prompter = TestPrompter::default();
    let err = dev
        .sign_message(&path(ACCOUNT), b"no", &prompter)
        .unwrap_err();
    assert!(
        matches!(err, DeviceError::Rejected(Vendor::Trezor)),
        "{err:?}"
    );
    assert!(err.is_rejection());
    let notices = prompter.notices.lock().unwrap().clone();
    assert!(matches!(
        notices.first(),
        Some(Prompt::Confirm {
            vendor: Vendor::Trezor,
            ..
        })
    ));
    assert_eq!(
        notices.last(),
        Some(&Prompt::Done {
            vendor: Vendor::Trezor
        })
    );
    // Shown addresses can be rejected too; then approving works on the same connection.
    assert!(matches!(
        dev.address(&path(ACCOUNT), true, &NoPrompts),
        Err(DeviceError::Rejected(_))
    ));
    sim.set_user(UserAction::Approve);
    assert_eq!(
        dev.address(&path(ACCOUNT), true, &NoPrompts).unwrap(),
        ALL_0
    );
}

#[test]
fn a_device_left_alone_is_awaiting_approval_and_recovers() {
    let sim = TrezorSimulator::all_seed();
    let mut dev =
        TrezorDevice::new(sim.memory_transport()).with_approval_timeout(Duration::from_millis(300));
    sim.set_user(UserAction::Hang);
    let started = Instant::now();
    let err = dev
        .sign_message(&path(ACCOUNT), b"later", &NoPrompts)
        .unwrap_err();
    assert!(
        matches!(err, DeviceError::AwaitingApproval(Vendor::Trezor)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    // The person comes back and approves the stale screen: its late signature must not
    // be taken for the next request's answer.
    sim.set_user(UserAction::Approve);
    let sig = dev
        .sign_message(&path(ACCOUNT), b"now", &NoPrompts)
        .unwrap();
    assert_eq!(sig.recover_address_from_msg(b"now").unwrap(), ALL_0);
    // Still hanging when the next request comes: Initialize takes the device back.
    sim.set_user(UserAction::Hang);
    assert!(matches!(
        dev.address(&path(ACCOUNT), true, &NoPrompts),
        Err(DeviceError::AwaitingApproval(_))
    ));
    sim.set_user(UserAction::Approve);
    assert_eq!(
        dev.address(&path(ACCOUNT), false, &NoPrompts).unwrap(),
        ALL_0
    );
}

/// A Trezor One-style host PIN: the prompter answers positions in the scrambled matrix.
fn pin_prompter(sim: &TrezorSimulator, pin: Option<&str>) -> TestPrompter {
    TestPrompter {
        pin: pin.map(|p| sim.pin_positions(p)),
        ..Default::default()
    }
}

#[test]
fn pin_matrix_right_wrong_and_cancelled() {
    let sim = TrezorSimulator::all_seed();
    sim.set_model("T1B1");
    sim.set_firmware((1, 12, 1));
    sim.set_pin(Some("1379".into()));
    let layout = sim.pin_layout();
    assert_ne!(layout, "123456789", "the matrix is scrambled");
    let mut dev = device(&sim);
    assert_eq!(dev.info().unwrap().unlocked, Some(false));

    // Dismissed prompt → EntryCancelled, and the device is not left waiting for a PIN.
    let none = pin_prompter(&sim, None);
    assert!(matches!(
        dev.address(&path(ACCOUNT), false, &none),
        Err(DeviceError::EntryCancelled)
    ));
    assert_eq!(*none.pin_asked.lock().unwrap(), 1);

    // The digits typed as if the matrix were unscrambled are wrong.
    let naive = TestPrompter {
        pin: Some("1379".into()),
        ..Default::default()
    };
    assert!(matches!(
        dev.address(&path(ACCOUNT), false, &naive),
        Err(DeviceError::WrongPin)
    ));

    let right = pin_prompter(&sim, Some("1379"));
    assert_eq!(dev.address(&path(ACCOUNT), false, &right).unwrap(), ALL_0);
    assert_eq!(dev.info().unwrap().unlocked, Some(true));
    // Unlocked: no second PIN prompt.
    let sig = dev
        .sign_message(&path(ACCOUNT), b"unlocked", &right)
        .unwrap();
    assert_eq!(sig.recover_address_from_msg(b"unlocked").unwrap(), ALL_0);
    assert_eq!(*right.pin_asked.lock().unwrap(), 1);
    assert!(sim.transcript().iter().any(|m| m == "> PinMatrixAck"));
}

#[test]
fn passphrase_selects_another_wallet_once_per_session() {
    let sim = TrezorSimulator::all_seed();
    sim.set_passphrase_protection(true);
    let mut dev = device(&sim);
    assert!(dev.info().unwrap().passphrase_protection);

    let none = TestPrompter::default();
    assert!(matches!(
        dev.address(&path(ACCOUNT), false, &none),
        Err(DeviceError::EntryCancelled)
    ));

    let hidden = TestPrompter {
        passphrase: Some("TREZOR".into()),
        ..Default::default()
    };
    let expected = SeedKeys::from_mnemonic(TREZOR_ALL_MNEMONIC, "TREZOR")
        .signer(&path(ACCOUNT))
        .address();
    assert_ne!(expected, ALL_0);
    assert_eq!(
        dev.address(&path(ACCOUNT), false, &hidden).unwrap(),
        expected
    );
    // The session keeps the passphrase: not asked again for the next request.
    let sig = dev
        .sign_message(&path(ACCOUNT), b"hidden", &hidden)
        .unwrap();
    assert_eq!(sig.recover_address_from_msg(b"hidden").unwrap(), expected);
    assert_eq!(*hidden.passphrase_asked.lock().unwrap(), 1);

    // An empty passphrase is the standard wallet (on a new connection: new session).
    let empty = TestPrompter {
        passphrase: Some(String::new()),
        ..Default::default()
    };
    let mut other = device(&sim);
    assert_eq!(other.address(&path(ACCOUNT), false, &empty).unwrap(), ALL_0);
}

#[test]
fn forbidden_paths_name_the_path() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    for bad in ["m/44'/0'/0'/0/0", "m/44'/60'/0'/2/0", "m/84'/60'/0'/0/0"] {
        let p = path(bad);
        match dev.address(&p, false, &NoPrompts) {
            Err(DeviceError::ForbiddenPath(shown)) => assert_eq!(shown, bad),
            other => panic!("{bad}: {other:?}"),
        }
        let err = dev.sign_message(&p, b"x", &NoPrompts).unwrap_err();
        assert!(err.to_string().contains("Forbidden key path"), "{err}");
    }
    // A chain-bound request: ETC's coin type is not allowed for chain 1.
    let tx = legacy_tx(&serde_json::json!({
        "chain_id": 1, "nonce": "0x0", "gas_price": "0x1", "gas_limit": "0x5208",
        "value": "0x1", "to_address": "0x1d1c328764a41bda0492b66baa30c4a339ff85ef", "data": ""
    }));
    assert!(matches!(
        dev.sign_transaction(&path("m/44'/61'/0'/0/0"), &tx, &NoPrompts),
        Err(DeviceError::ForbiddenPath(_))
    ));
}

#[test]
fn a_disconnect_mid_flow_is_disconnected_and_a_new_connection_starts_clean() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    assert_eq!(
        dev.address(&path(ACCOUNT), false, &NoPrompts).unwrap(),
        ALL_0
    );
    // 3000 bytes of calldata: the link dies at the second message of the flow (the
    // ButtonAck), after the device asked for a confirmation.
    let data = vec![0x5a; 3000];
    let tx = legacy_tx(&serde_json::json!({
        "chain_id": 10, "nonce": "0x1", "gas_price": "0x3b9aca00", "gas_limit": "0x30d40",
        "value": "0x0", "to_address": "0x1d1c328764a41bda0492b66baa30c4a339ff85ef",
        "data": hex::encode(&data)
    }));
    sim.disconnect_after(1);
    let err = dev
        .sign_transaction(&path(ACCOUNT), &tx, &NoPrompts)
        .unwrap_err();
    assert!(
        matches!(err, DeviceError::Disconnected(Vendor::Trezor)),
        "{err:?}"
    );
    // The old connection stays dead.
    assert!(matches!(
        dev.address(&path(ACCOUNT), false, &NoPrompts),
        Err(DeviceError::Disconnected(_))
    ));
    // Replugged: the same transaction signs from the start.
    sim.clear_transcript();
    let mut fresh = device(&sim);
    let sig = fresh
        .sign_transaction(&path(ACCOUNT), &tx, &NoPrompts)
        .unwrap();
    let TypedTransaction::Legacy(legacy) = &tx else {
        unreachable!()
    };
    use alloy::consensus::SignableTransaction;
    assert_eq!(
        sig.recover_address_from_prehash(&legacy.signature_hash())
            .unwrap(),
        ALL_0
    );
    let transcript = sim.transcript();
    assert_eq!(transcript[0], "> Initialize");
    assert_eq!(transcript[2], "> EthereumSignTx");

    // Dying in the middle of the calldata loop (after two confirmations and a chunk).
    sim.disconnect_after(4);
    let mut third = device(&sim);
    assert!(matches!(
        third.sign_transaction(&path(ACCOUNT), &tx, &NoPrompts),
        Err(DeviceError::Disconnected(_))
    ));
    let mut fourth = device(&sim);
    assert!(
        fourth
            .sign_transaction(&path(ACCOUNT), &tx, &NoPrompts)
            .is_ok()
    );
}

use alloy::consensus::TypedTransaction;

#[test]
fn a_silent_transport_is_not_connected() {
    let sim = TrezorSimulator::all_seed();
    // The device dies at the very first message: nothing ever answered.
    sim.disconnect_after(0);
    let mut dev =
        TrezorDevice::new(sim.memory_transport()).with_reply_timeout(Duration::from_millis(200));
    let err = dev.info().unwrap_err();
    assert!(
        matches!(err, DeviceError::NotConnected(Vendor::Trezor)),
        "{err:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_through_the_queue_do_not_interleave() {
    let sim = TrezorSimulator::all_seed();
    let queue = DeviceQueue::new(device(&sim));
    // Warm up (Initialize) so both flows below are plain request flows.
    {
        let mut dev = queue.turn().await;
        tokio::task::block_in_place(|| dev.address(&path(ACCOUNT), false, &NoPrompts)).unwrap();
    }
    sim.clear_transcript();
    let mut tasks = Vec::new();
    for i in 0..4u8 {
        let queue = queue.clone();
        tasks.push(tokio::spawn(async move {
            let mut dev = queue.turn().await;
            tokio::task::spawn_blocking(move || {
                if i % 2 == 0 {
                    dev.sign_message(&path(ACCOUNT), &[i; 40], &NoPrompts)
                        .map(|_| ())
                } else {
                    dev.address(&path(ACCOUNT), true, &NoPrompts).map(|_| ())
                }
            })
            .await
            .unwrap()
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    // Each flow is contiguous: a request, its button round, its answer.
    let transcript = sim.transcript();
    assert_eq!(transcript.len(), 16, "{transcript:?}");
    for flow in transcript.chunks(4) {
        let shape: Vec<&str> = flow.iter().map(String::as_str).collect();
        assert!(
            shape
                == [
                    "> EthereumSignMessage",
                    "< ButtonRequest",
                    "> ButtonAck",
                    "< EthereumMessageSignature"
                ]
                || shape
                    == [
                        "> EthereumGetAddress",
                        "< ButtonRequest",
                        "> ButtonAck",
                        "< EthereumAddress"
                    ],
            "interleaved: {transcript:?}"
        );
    }
}
