//! Signing through `TrezorDevice` against the simulator: v across chain ids, the
//! firmware-driven calldata loop, personal_sign edge cases, EIP-712 shapes, and the
//! transaction types Trezor refuses.
#![cfg(feature = "simulator")]

mod trezor_support;

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxEip2930, TxLegacy, TypedTransaction},
    dyn_abi::TypedData,
    eips::eip2930::{AccessList, AccessListItem},
    primitives::{Address, B256, Bytes, TxKind, U256, address},
};
use serde_json::json;
use switchyard_hw::{DeviceError, NoPrompts, simulator::trezor::TrezorSimulator};
use trezor_support::*;

const ACCOUNT: &str = "m/44'/60'/0'/0/0";
/// `all all …` at m/44'/60'/0'/0/0 (getaddress.json).
const ALL_0: Address = address!("73d0385F4d8E00C5e6504C6030F47BF6212736A8");

fn legacy(chain_id: u64, data: Vec<u8>) -> TxLegacy {
    TxLegacy {
        chain_id: Some(chain_id),
        nonce: 7,
        gas_price: 1_000_000_000,
        gas_limit: 100_000,
        to: TxKind::Call(address!("1d1c328764a41bda0492b66baa30c4a339ff85ef")),
        value: U256::from(10u64).pow(U256::from(18)),
        input: Bytes::from(data),
    }
}

fn eip1559(chain_id: u64, data: Vec<u8>) -> TxEip1559 {
    TxEip1559 {
        chain_id,
        nonce: 3,
        gas_limit: 210_000,
        max_fee_per_gas: 30_000_000_000,
        max_priority_fee_per_gas: 1_500_000_000,
        to: TxKind::Call(address!("1d1c328764a41bda0492b66baa30c4a339ff85ef")),
        value: U256::from(12345u64),
        access_list: AccessList(vec![AccessListItem {
            address: address!("fc6b5d6af8a13258f7cbd0d39e11b35e01a32f93"),
            storage_keys: vec![B256::with_last_byte(1), B256::repeat_byte(0xab)],
        }]),
        input: Bytes::from(data),
    }
}

#[test]
fn legacy_and_eip1559_recover_to_the_account_across_chain_ids() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    let account = path(ACCOUNT);
    let chains = [
        1u64,
        10,
        137,
        250,
        1135,
        8453,
        42161,
        57073,
        421_614,
        7_777_777,
        (1u64 << 32) + 7,
    ];
    for chain_id in chains {
        let tx = legacy(chain_id, vec![0xa9, 0x05, 0x9c, 0xbb]);
        let sig = dev
            .sign_transaction(&account, &TypedTransaction::Legacy(tx.clone()), &NoPrompts)
            .unwrap_or_else(|e| panic!("legacy {chain_id}: {e}"));
        let hash = tx.signature_hash();
        assert_eq!(
            sig.recover_address_from_prehash(&hash).unwrap(),
            ALL_0,
            "legacy {chain_id}"
        );
        // The EIP-155 v a node sees recovers the same way.
        let signed = tx.into_signed(sig);
        let mut raw = Vec::new();
        alloy::eips::eip2718::Encodable2718::encode_2718(&signed, &mut raw);
        let decoded =
            <alloy::consensus::TxEnvelope as alloy::eips::eip2718::Decodable2718>::decode_2718(
                &mut raw.as_slice(),
            )
            .unwrap();
        assert_eq!(
            alloy::consensus::transaction::SignerRecoverable::recover_signer(&decoded).unwrap(),
            ALL_0,
            "legacy {chain_id} envelope"
        );

        let tx = eip1559(chain_id, vec![1, 2, 3]);
        let sig = dev
            .sign_transaction(&account, &TypedTransaction::Eip1559(tx.clone()), &NoPrompts)
            .unwrap_or_else(|e| panic!("1559 {chain_id}: {e}"));
        assert_eq!(
            sig.recover_address_from_prehash(&tx.signature_hash())
                .unwrap(),
            ALL_0,
            "1559 {chain_id}"
        );
    }
}

#[test]
fn eip2930_4844_7702_and_chainless_legacy_are_refused_before_io() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    let tx = TypedTransaction::Eip2930(TxEip2930 {
        chain_id: 1,
        ..Default::default()
    });
    match dev.sign_transaction(&path(ACCOUNT), &tx, &NoPrompts) {
        Err(DeviceError::Unsupported(text)) => {
            assert!(text.starts_with("Trezor does not sign EIP-2930"), "{text}")
        }
        other => panic!("{other:?}"),
    }
    let tx = TypedTransaction::Eip7702(Default::default());
    assert!(matches!(
        dev.sign_transaction(&path(ACCOUNT), &tx, &NoPrompts),
        Err(DeviceError::Unsupported(_))
    ));
    let mut chainless = legacy(1, vec![]);
    chainless.chain_id = None;
    assert!(matches!(
        dev.sign_transaction(
            &path(ACCOUNT),
            &TypedTransaction::Legacy(chainless),
            &NoPrompts
        ),
        Err(DeviceError::BadInput(_))
    ));
    assert!(sim.transcript().is_empty(), "nothing may reach the device");
}

#[test]
fn calldata_loop_honours_the_firmwares_data_length() {
    let sim = TrezorSimulator::all_seed();
    sim.set_chunk_seed(0x1234_5678);
    let mut dev = device(&sim);
    let account = path(ACCOUNT);
    for len in [0usize, 1, 1023, 1024, 1025, 3000] {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
        sim.clear_transcript();
        let tx = legacy(1, data.clone());
        let sig = dev
            .sign_transaction(&account, &TypedTransaction::Legacy(tx.clone()), &NoPrompts)
            .unwrap_or_else(|e| panic!("legacy {len}: {e}"));
        assert_eq!(
            sig.recover_address_from_prehash(&tx.signature_hash())
                .unwrap(),
            ALL_0,
            "{len}"
        );
        let acks = sim
            .transcript()
            .iter()
            .filter(|m| *m == "> EthereumTxAck")
            .count();
        if len > 1024 {
            // Random chunk sizes: more requests than 1024-byte chunks would need.
            assert!(acks >= 1, "{len}: no chunk requested");
        } else {
            assert_eq!(acks, 0, "{len}: everything fits the first message");
        }
        let tx = eip1559(10, data);
        let sig = dev
            .sign_transaction(&account, &TypedTransaction::Eip1559(tx.clone()), &NoPrompts)
            .unwrap_or_else(|e| panic!("1559 {len}: {e}"));
        assert_eq!(
            sig.recover_address_from_prehash(&tx.signature_hash())
                .unwrap(),
            ALL_0,
            "{len}"
        );
    }
    // 3000 bytes: 1024 up front and 1976 in random pieces of at most 1024.
    let t = sim.transcript();
    let acks = t.iter().filter(|m| *m == "> EthereumTxAck").count();
    assert!(acks >= 2, "{acks} chunks for 1976 bytes");
}

#[test]
fn personal_sign_edge_cases() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    let long: Vec<u8> = (0..700u32).map(|i| (i % 251) as u8).collect();
    let cases: [&[u8]; 5] = [
        b"",
        b"x",
        &long,
        &[0x00, 0xff, 0x80, 0x19, 0x01],
        "héllo ✓".as_bytes(),
    ];
    for message in cases {
        let sig = dev
            .sign_message(&path(ACCOUNT), message, &NoPrompts)
            .unwrap();
        assert_eq!(
            sig.recover_address_from_msg(message).unwrap(),
            ALL_0,
            "{} bytes",
            message.len()
        );
    }
}

#[test]
fn typed_data_with_nested_structs_arrays_and_long_bytes() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    let long_bytes = format!("0x{}", "ab".repeat(300));
    let data: TypedData = serde_json::from_value(json!({
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"}
            ],
            "Person": [
                {"name": "name", "type": "string"},
                {"name": "wallets", "type": "address[]"},
                {"name": "karma", "type": "int16"},
                {"name": "tags", "type": "bytes8[2]"}
            ],
            "Group": [
                {"name": "name", "type": "string"},
                {"name": "members", "type": "Person[]"},
                {"name": "lead", "type": "Person"}
            ],
            "Order": [
                {"name": "group", "type": "Group"},
                {"name": "amounts", "type": "uint96[]"},
                {"name": "deltas", "type": "int256[]"},
                {"name": "blob", "type": "bytes"},
                {"name": "flags", "type": "bool[]"},
                {"name": "note", "type": "string"},
                {"name": "deadline", "type": "uint40"}
            ]
        },
        "primaryType": "Order",
        "domain": {
            "name": "Switchyard Test",
            "version": "2",
            "chainId": 42161,
            "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
        },
        "message": {
            "group": {
                "name": "Crew",
                "members": [
                    {"name": "Amy", "wallets": ["0xc0004B62C5A39a728e4Af5bee0c6B4a4E54b15ad"], "karma": -300, "tags": ["0x0102030405060708", "0x1112131415161718"]},
                    {"name": "Bob", "wallets": [], "karma": 32767, "tags": ["0x0000000000000000", "0xffffffffffffffff"]}
                ],
                "lead": {"name": "Cat", "wallets": ["0x54B0Fa66A065748C40dCA2C7Fe125A2028CF9982", "0x73d0385F4d8E00C5e6504C6030F47BF6212736A8"], "karma": 0, "tags": ["0xaaaaaaaaaaaaaaaa", "0xbbbbbbbbbbbbbbbb"]}
            },
            "amounts": ["79228162514264337593543950335", 1, "0x10"],
            "deltas": ["-1", 5, "-57896044618658097711785492504343953926634992332820282019728792003956564819968"],
            "blob": long_bytes,
            "flags": [true, false, true],
            "note": "x".repeat(400),
            "deadline": 1099511627775u64
        }
    }))
    .unwrap();
    let sig = dev
        .sign_typed_data(&path(ACCOUNT), &data, &NoPrompts)
        .unwrap();
    let hash = data.eip712_signing_hash().unwrap();
    assert_eq!(sig.recover_address_from_prehash(&hash).unwrap(), ALL_0);
    let t = sim.transcript();
    assert!(t.iter().any(|m| m == "> EthereumTypedDataStructAck"));
    assert!(
        t.iter()
            .filter(|m| *m == "> EthereumTypedDataValueAck")
            .count()
            > 20
    );
}

#[test]
fn typed_data_the_device_cannot_take_is_refused_before_io() {
    let sim = TrezorSimulator::all_seed();
    let mut dev = device(&sim);
    let nested: TypedData = serde_json::from_value(json!({
        "types": {"EIP712Domain": [], "M": [{"name": "grid", "type": "uint8[][]"}]},
        "primaryType": "M", "domain": {}, "message": {"grid": [[1]]}
    }))
    .unwrap();
    assert!(matches!(
        dev.sign_typed_data(&path(ACCOUNT), &nested, &NoPrompts),
        Err(DeviceError::Unsupported(_))
    ));
    assert!(sim.transcript().is_empty());
    // A value that does not fit its type fails as bad input, and the device is fine after.
    let overflow: TypedData = serde_json::from_value(json!({
        "types": {"EIP712Domain": [], "M": [{"name": "n", "type": "uint8"}]},
        "primaryType": "M", "domain": {}, "message": {"n": 256}
    }))
    .unwrap();
    assert!(matches!(
        dev.sign_typed_data(&path(ACCOUNT), &overflow, &NoPrompts),
        Err(DeviceError::BadInput(_))
    ));
    assert_eq!(
        dev.address(&path(ACCOUNT), false, &NoPrompts).unwrap(),
        ALL_0
    );
}
