//! The same flows over the emulator's UDP protocol: `TrezorDevice::open(Udp)` (our UDP
//! link with read timeouts) against the simulator's UDP server on an ephemeral port.
#![cfg(feature = "simulator")]

mod trezor_support;

use std::time::{Duration, Instant};

use alloy::{
    consensus::{SignableTransaction, TypedTransaction},
    dyn_abi::TypedData,
    primitives::{Address, address},
};
use switchyard_hw::{
    DeviceError, NoPrompts, Vendor,
    simulator::trezor::{TrezorSimulator, UserAction},
    trezor::{TrezorDevice, TrezorEndpoint},
};
use trezor_support::*;

const ACCOUNT: &str = "m/44'/60'/0'/0/0";
const ALL_0: Address = address!("73d0385F4d8E00C5e6504C6030F47BF6212736A8");

fn open(addr: &str) -> TrezorDevice {
    TrezorDevice::open(
        &TrezorEndpoint::Udp(addr.to_owned()),
        Duration::from_secs(2),
    )
    .unwrap()
    .with_approval_timeout(Duration::from_secs(10))
}

#[test]
fn fixtures_and_flows_over_udp() {
    let sim = TrezorSimulator::all_seed();
    let server = sim.serve_udp("127.0.0.1:0").unwrap();
    let addr = server.local_addr().to_string();
    let mut dev = open(&addr);
    assert_eq!(dev.info().unwrap().model, "Trezor Safe 5");

    let fx = fixture("getaddress.json");
    for case in fx["tests"].as_array().unwrap() {
        let p = path(case["parameters"]["path"].as_str().unwrap());
        let expected: Address = case["result"]["address"].as_str().unwrap().parse().unwrap();
        assert_eq!(dev.address(&p, false, &NoPrompts).unwrap(), expected);
    }
    // EIP-1559 incl. the big-data chunk loop (multi-packet messages both ways).
    let fx = fixture("sign_tx_eip1559.json");
    for case in fx["tests"].as_array().unwrap() {
        let p = &case["parameters"];
        let sig = dev
            .sign_transaction(
                &path(p["path"].as_str().unwrap()),
                &eip1559_tx(p),
                &NoPrompts,
            )
            .unwrap();
        let (v, r, s) = expected_vrs(&case["result"]);
        assert_eq!(
            (u128::from(sig.v()), sig.r(), sig.s()),
            (v, r, s),
            "{}",
            case["name"]
        );
    }
    // Legacy with random chunk sizes.
    sim.set_chunk_seed(99);
    let fx = fixture("sign_tx_eip155.json");
    let vs = raw_sig_vs("sign_tx_eip155.json");
    for (case, v) in fx["tests"].as_array().unwrap().iter().zip(vs) {
        let p = &case["parameters"];
        let sig = dev
            .sign_transaction(
                &path(p["path"].as_str().unwrap()),
                &legacy_tx(p),
                &NoPrompts,
            )
            .unwrap();
        assert_eq!(eip155_v(&sig, p["chain_id"].as_u64().unwrap()), v);
    }
    let long_data = vec![0x42u8; 2500];
    let tx = legacy_tx(&serde_json::json!({
        "chain_id": 8453, "nonce": "0x2", "gas_price": "0x1", "gas_limit": "0x5208",
        "value": "0x0", "to_address": "", "data": hex::encode(&long_data)
    }));
    let sig = dev
        .sign_transaction(&path(ACCOUNT), &tx, &NoPrompts)
        .unwrap();
    let TypedTransaction::Legacy(legacy) = &tx else {
        unreachable!()
    };
    assert_eq!(
        sig.recover_address_from_prehash(&legacy.signature_hash())
            .unwrap(),
        ALL_0
    );

    let fx = fixture("signmessage.json");
    for case in fx["tests"].as_array().unwrap() {
        let p = &case["parameters"];
        let sig = dev
            .sign_message(
                &path(p["path"].as_str().unwrap()),
                p["msg"].as_str().unwrap().as_bytes(),
                &NoPrompts,
            )
            .unwrap();
        assert_eq!(
            hex::encode(sig.as_bytes()),
            case["result"]["sig"].as_str().unwrap()
        );
    }
    let fx = fixture("sign_typed_data.json");
    for case in fx["tests"].as_array().unwrap() {
        let p = &case["parameters"];
        if !p["metamask_v4_compat"].as_bool().unwrap() {
            continue;
        }
        let Ok(data) = serde_json::from_value::<TypedData>(p["data"].clone()) else {
            continue; // injective_testcase: see trezor_fixtures.rs
        };
        let sig = dev
            .sign_typed_data(&path(ACCOUNT), &data, &NoPrompts)
            .unwrap();
        assert_eq!(
            format!("0x{}", hex::encode(sig.as_bytes())),
            case["result"]["sig"].as_str().unwrap()
        );
    }
}

#[test]
fn states_over_udp() {
    let sim = TrezorSimulator::all_seed();
    let server = sim.serve_udp("127.0.0.1:0").unwrap();
    let addr = server.local_addr().to_string();
    let mut dev = open(&addr);

    sim.set_user(UserAction::Reject);
    assert!(matches!(
        dev.sign_message(&path(ACCOUNT), b"x", &NoPrompts),
        Err(DeviceError::Rejected(Vendor::Trezor))
    ));

    // A hanging confirmation times out on our socket read (trezor-client's would block
    // forever), and the device is usable afterwards.
    sim.set_user(UserAction::Hang);
    let mut impatient = open(&addr).with_approval_timeout(Duration::from_millis(300));
    let started = Instant::now();
    assert!(matches!(
        impatient.address(&path(ACCOUNT), true, &NoPrompts),
        Err(DeviceError::AwaitingApproval(Vendor::Trezor))
    ));
    assert!(started.elapsed() < Duration::from_secs(3));
    sim.set_user(UserAction::Approve);
    assert_eq!(
        impatient.address(&path(ACCOUNT), true, &NoPrompts).unwrap(),
        ALL_0
    );

    // PIN over UDP.
    sim.set_pin(Some("42".into()));
    let pin = TestPrompter {
        pin: Some(sim.pin_positions("42")),
        ..Default::default()
    };
    assert_eq!(
        impatient.address(&path(ACCOUNT), false, &pin).unwrap(),
        ALL_0
    );

    // Unplugged mid-flow: the emulator goes silent; a reply timeout after it answered
    // before is a disconnect. A new connection (PINGPING) works.
    sim.disconnect_after(1);
    let mut dying = open(&addr).with_reply_timeout(Duration::from_millis(400));
    assert!(matches!(
        dying.sign_message(&path(ACCOUNT), b"cut", &NoPrompts),
        Err(DeviceError::Disconnected(Vendor::Trezor))
    ));
    let mut again = open(&addr);
    let sig = again
        .sign_message(&path(ACCOUNT), b"back", &NoPrompts)
        .unwrap();
    assert_eq!(sig.recover_address_from_msg(b"back").unwrap(), ALL_0);
}

#[test]
fn nothing_listening_is_not_connected() {
    // Bind and drop a socket to get a port where nothing answers.
    let port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let err = TrezorDevice::open(
        &TrezorEndpoint::Udp(format!("127.0.0.1:{port}")),
        Duration::from_millis(300),
    )
    .unwrap_err();
    assert!(
        matches!(err, DeviceError::NotConnected(Vendor::Trezor)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    // And a dropped server stops answering.
    let sim = TrezorSimulator::all_seed();
    let server = sim.serve_udp("127.0.0.1:0").unwrap();
    let addr = server.local_addr().to_string();
    drop(server);
    assert!(matches!(
        TrezorDevice::open(&TrezorEndpoint::Udp(addr), Duration::from_millis(300)),
        Err(DeviceError::NotConnected(_))
    ));
}

#[test]
fn usb_listing_works_without_devices() {
    // CI has no Trezor plugged in (and may have no USB at all): an empty list, no error.
    let devices = switchyard_hw::trezor::list_usb().unwrap();
    assert!(devices.iter().all(|d| d.path.starts_with("usb:")));
}
