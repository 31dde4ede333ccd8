//! Trezor's official host library, trezorlib 0.20.2 (Python), drives the simulator over
//! UDP and must get exactly the addresses and signatures our `TrezorDevice` gets, and
//! the published fixture values. An independent client agreeing means the simulator is
//! not just mirroring our own assumptions (hardware-wallets.md §6.4).
//!
//! Needs the venv `scripts/setup.sh` creates (`SWITCHYARD_HW_VENV`, default
//! `$HOME/.cache/switchyard/hw-venv`); without it this test fails, it does not skip.
#![cfg(feature = "simulator")]

mod trezor_support;

use std::{path::PathBuf, process::Command, time::Duration};

use alloy::{dyn_abi::TypedData, primitives::Address};
use serde_json::Value;
use switchyard_hw::{
    NoPrompts,
    simulator::trezor::TrezorSimulator,
    trezor::{TrezorDevice, TrezorEndpoint},
};
use trezor_support::*;

fn venv_python() -> PathBuf {
    let venv = std::env::var_os("SWITCHYARD_HW_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
                .join(".cache/switchyard/hw-venv")
        });
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "The hardware-wallet Python venv is missing ({}): run scripts/setup.sh (it installs trezor==0.20.2), or point SWITCHYARD_HW_VENV at a venv with trezorlib.",
        python.display()
    );
    python
}

#[test]
fn trezorlib_gets_what_our_client_gets() {
    let python = venv_python();
    let sim = TrezorSimulator::all_seed();
    let server = sim.serve_udp("127.0.0.1:0").unwrap();
    let addr = server.local_addr().to_string();
    let manifest = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(&python)
        .arg(format!("{manifest}/tests/official/trezor_client.py"))
        .arg(format!("udp:{addr}"))
        .arg(format!("{manifest}/tests/data/trezor"))
        .output()
        .expect("run the trezorlib script");
    assert!(
        output.status.success(),
        "trezorlib failed against the simulator:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let got: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");
    assert_eq!(got["features"]["vendor"], "trezor.io");
    assert_eq!(got["features"]["model"], "T3T1");

    let mut ours =
        TrezorDevice::open(&TrezorEndpoint::Udp(addr.clone()), Duration::from_secs(2)).unwrap();

    // Addresses: trezorlib = ours = fixture.
    let fx = fixture("getaddress.json");
    let theirs = got["addresses"].as_array().unwrap();
    assert_eq!(theirs.len(), fx["tests"].as_array().unwrap().len());
    for (case, their) in fx["tests"].as_array().unwrap().iter().zip(theirs) {
        let expected = case["result"]["address"].as_str().unwrap();
        assert_eq!(their["address"], expected);
        let p = path(case["parameters"]["path"].as_str().unwrap());
        assert_eq!(
            ours.address(&p, false, &NoPrompts)
                .unwrap()
                .to_checksum(None),
            expected
        );
    }

    // Legacy (incl. chain ids past the uint32 v, max_uint64): trezorlib's full v.
    let fx = fixture("sign_tx_eip155.json");
    let vs = raw_sig_vs("sign_tx_eip155.json");
    let theirs = got["eip155"].as_array().unwrap();
    assert_eq!(theirs.len(), 11);
    for ((case, their), v) in fx["tests"].as_array().unwrap().iter().zip(theirs).zip(vs) {
        let p = &case["parameters"];
        assert_eq!(
            their["v"].as_str().unwrap(),
            v.to_string(),
            "{}",
            case["name"]
        );
        assert_eq!(their["r"], case["result"]["sig_r"]);
        assert_eq!(their["s"], case["result"]["sig_s"]);
        let sig = ours
            .sign_transaction(
                &path(p["path"].as_str().unwrap()),
                &legacy_tx(p),
                &NoPrompts,
            )
            .unwrap();
        assert_eq!(eip155_v(&sig, p["chain_id"].as_u64().unwrap()), v);
        assert_eq!(format!("{:064x}", sig.r()), their["r"].as_str().unwrap());
        assert_eq!(format!("{:064x}", sig.s()), their["s"].as_str().unwrap());
    }

    let fx = fixture("sign_tx_eip1559.json");
    let theirs = got["eip1559"].as_array().unwrap();
    for (case, their) in fx["tests"].as_array().unwrap().iter().zip(theirs) {
        let p = &case["parameters"];
        assert_eq!(
            their["v"].as_str().unwrap(),
            case["result"]["sig_v"].to_string()
        );
        assert_eq!(their["r"], case["result"]["sig_r"]);
        assert_eq!(their["s"], case["result"]["sig_s"]);
        let sig = ours
            .sign_transaction(
                &path(p["path"].as_str().unwrap()),
                &eip1559_tx(p),
                &NoPrompts,
            )
            .unwrap();
        assert_eq!(
            format!("{}", u8::from(sig.v())),
            their["v"].as_str().unwrap()
        );
        assert_eq!(format!("{:064x}", sig.r()), their["r"].as_str().unwrap());
    }

    let fx = fixture("signmessage.json");
    let theirs = got["messages"].as_array().unwrap();
    assert_eq!(theirs.len(), 9);
    for (case, their) in fx["tests"].as_array().unwrap().iter().zip(theirs) {
        let p = &case["parameters"];
        assert_eq!(their["sig"], case["result"]["sig"]);
        assert_eq!(their["address"], case["result"]["address"]);
        let sig = ours
            .sign_message(
                &path(p["path"].as_str().unwrap()),
                p["msg"].as_str().unwrap().as_bytes(),
                &NoPrompts,
            )
            .unwrap();
        assert_eq!(hex::encode(sig.as_bytes()), their["sig"].as_str().unwrap());
    }

    // Typed data: all ten cases through trezorlib, including the two our API cannot
    // carry (struct_list_non_v4: legacy MetaMask encoding; injective_testcase: string
    // domain fields); the eight others through ours too.
    let fx = fixture("sign_typed_data.json");
    let theirs = got["typed_data"].as_array().unwrap();
    assert_eq!(theirs.len(), 10);
    let mut ours_checked = 0;
    for (case, their) in fx["tests"].as_array().unwrap().iter().zip(theirs) {
        let p = &case["parameters"];
        assert_eq!(their["sig"], case["result"]["sig"], "{}", case["name"]);
        let address: Address = their["address"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            address.to_checksum(None),
            case["result"]["address"].as_str().unwrap()
        );
        if !p["metamask_v4_compat"].as_bool().unwrap() {
            continue;
        }
        let Ok(data) = serde_json::from_value::<TypedData>(p["data"].clone()) else {
            continue;
        };
        let sig = ours
            .sign_typed_data(&path(p["path"].as_str().unwrap()), &data, &NoPrompts)
            .unwrap();
        assert_eq!(
            format!("0x{}", hex::encode(sig.as_bytes())),
            their["sig"].as_str().unwrap()
        );
        ours_checked += 1;
    }
    assert_eq!(ours_checked, 8);
}
