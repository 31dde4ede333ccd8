//! Shared helpers for the Trezor tests: fixtures, prompters, transactions.
#![allow(dead_code)]

use std::sync::Mutex;

use alloy::{
    consensus::{TxEip1559, TxLegacy, TypedTransaction},
    primitives::{Address, Bytes, Signature, TxKind, U256},
};
use serde_json::Value;
use switchyard_hw::{
    HdPath, Prompt, Prompter, simulator::trezor::TrezorSimulator, trezor::TrezorDevice,
};

/// A fixture file from tests/data/trezor.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/data/trezor/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture readable")).expect("json")
}

pub fn path(p: &str) -> HdPath {
    p.parse().expect("valid path")
}

fn hex_u256(v: &Value) -> U256 {
    let s = v.as_str().expect("hex string");
    U256::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex")
}

fn data(v: &Value) -> Bytes {
    Bytes::from(hex::decode(v.as_str().unwrap_or("").trim_start_matches("0x")).expect("hex data"))
}

fn to(v: &Value) -> TxKind {
    match v.as_str().unwrap_or("") {
        "" => TxKind::Create,
        a => TxKind::Call(a.parse::<Address>().expect("address")),
    }
}

/// A legacy transaction from fixture parameters.
pub fn legacy_tx(p: &Value) -> TypedTransaction {
    TypedTransaction::Legacy(TxLegacy {
        chain_id: Some(p["chain_id"].as_u64().expect("chain id")),
        nonce: hex_u256(&p["nonce"]).to(),
        gas_price: hex_u256(&p["gas_price"]).to(),
        gas_limit: hex_u256(&p["gas_limit"]).to(),
        to: to(&p["to_address"]),
        value: hex_u256(&p["value"]),
        input: data(&p["data"]),
    })
}

/// An EIP-1559 transaction from fixture parameters.
pub fn eip1559_tx(p: &Value) -> TypedTransaction {
    TypedTransaction::Eip1559(TxEip1559 {
        chain_id: p["chain_id"].as_u64().expect("chain id"),
        nonce: hex_u256(&p["nonce"]).to(),
        gas_limit: hex_u256(&p["gas_limit"]).to(),
        max_fee_per_gas: hex_u256(&p["max_gas_fee"]).to(),
        max_priority_fee_per_gas: hex_u256(&p["max_priority_fee"]).to(),
        to: to(&p["to_address"]),
        value: hex_u256(&p["value"]),
        access_list: Default::default(),
        input: data(&p["data"]),
    })
}

/// Every `"sig_v"` of a fixture file, in order, read from the text: serde_json (without
/// arbitrary precision) turns 36893488147419103266 (`max_uint64`) into a float.
pub fn raw_sig_vs(name: &str) -> Vec<u128> {
    let path = format!("{}/tests/data/trezor/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("fixture readable");
    text.split("\"sig_v\":")
        .skip(1)
        .map(|rest| {
            let digits: String = rest
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().expect("integer v")
        })
        .collect()
}

/// The expected (v, r, s) of a fixture transaction result (v must fit a u64).
pub fn expected_vrs(result: &Value) -> (u128, U256, U256) {
    let v = result["sig_v"]
        .as_u64()
        .map(u128::from)
        .unwrap_or(u128::MAX);
    let r = U256::from_str_radix(result["sig_r"].as_str().unwrap(), 16).unwrap();
    let s = U256::from_str_radix(result["sig_s"].as_str().unwrap(), 16).unwrap();
    (v, r, s)
}

/// The full EIP-155 v of a legacy signature (u128: chain ids up to 2^64 - 1).
pub fn eip155_v(sig: &Signature, chain_id: u64) -> u128 {
    u128::from(chain_id) * 2 + 35 + u128::from(sig.v())
}

/// A device over a fresh in-memory connection, with short timeouts for tests.
pub fn device(sim: &TrezorSimulator) -> TrezorDevice {
    TrezorDevice::new(sim.memory_transport())
        .with_reply_timeout(std::time::Duration::from_secs(5))
        .with_approval_timeout(std::time::Duration::from_secs(10))
}

/// Answers from a script and records every notice.
#[derive(Default)]
pub struct TestPrompter {
    pub pin: Option<String>,
    pub passphrase: Option<String>,
    pub notices: Mutex<Vec<Prompt>>,
    pub pin_asked: Mutex<usize>,
    pub passphrase_asked: Mutex<usize>,
}

impl Prompter for TestPrompter {
    fn notify(&self, prompt: &Prompt) {
        self.notices.lock().unwrap().push(prompt.clone());
    }
    fn pin(&self) -> Option<String> {
        *self.pin_asked.lock().unwrap() += 1;
        self.pin.clone()
    }
    fn passphrase(&self) -> Option<String> {
        *self.passphrase_asked.lock().unwrap() += 1;
        self.passphrase.clone()
    }
}
