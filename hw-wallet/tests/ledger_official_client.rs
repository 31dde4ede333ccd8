//! Ledger's official Python client (`ledger-app-clients-ethereum` over ragger's
//! LedgerComm TCP backend) drives the simulator's Speculos port; it must get exactly
//! the address and signatures our own client gets for the same inputs. An independent
//! host implementation agreeing with ours shows the simulator is not just mirroring
//! our own assumptions (hardware-wallets.md §6.4).

use std::{path::PathBuf, process::Command};

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxLegacy, TypedTransaction},
    dyn_abi::TypedData,
    primitives::{Address, Bytes, TxKind, U256, address},
};
use serde_json::Value;
use switchyard_hw::{
    HdPath,
    ledger::{EthApp, reply},
    simulator::ledger::LedgerSimulator,
};

const TO: Address = address!("0xb2bb2b958afa2e96dab3f3ce7162b87daea39017");

fn venv() -> PathBuf {
    std::env::var_os("SWITCHYARD_HW_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
                .join(".cache/switchyard/hw-venv")
        })
}

fn txs() -> Vec<(&'static str, TypedTransaction)> {
    vec![
        (
            "eip1559",
            TypedTransaction::Eip1559(TxEip1559 {
                chain_id: 8453,
                nonce: 3,
                gas_limit: 60_000,
                max_fee_per_gas: 30_000_000_000,
                max_priority_fee_per_gas: 1_000_000_000,
                to: TxKind::Call(TO),
                value: U256::from(1_234_567u64),
                access_list: Default::default(),
                input: Bytes::from(vec![0xab; 300]),
            }),
        ),
        (
            "legacy",
            TypedTransaction::Legacy(TxLegacy {
                chain_id: Some(7_777_777),
                nonce: 7,
                gas_price: 20_000_000_000,
                gas_limit: 21_000,
                to: TxKind::Call(TO),
                value: U256::from(10u64).pow(U256::from(16)),
                input: Bytes::new(),
            }),
        ),
    ]
}

/// The device's `v, r, s` as the official client printed them.
fn vrs(json: &Value) -> (u8, String, String) {
    (
        json["v"].as_u64().unwrap() as u8,
        json["r"].as_str().unwrap().to_owned(),
        json["s"].as_str().unwrap().to_owned(),
    )
}

fn ours(v: u8, sig: &alloy::primitives::Signature) -> (u8, String, String) {
    (v, format!("{:064x}", sig.r()), format!("{:064x}", sig.s()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_client_gets_what_our_client_gets() {
    let python = venv().join("bin/python");
    assert!(
        python.exists(),
        "The official-client cross-check needs the hardware-wallet Python venv at {} (ledgercomm, \
         ragger, ledger-app-clients-ethereum). Run scripts/setup.sh to install it, or point \
         SWITCHYARD_HW_VENV at an existing one.",
        venv().display()
    );
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let messages: Vec<PathBuf> = ["0.json", "11.json", "17-uniswapx.json"]
        .iter()
        .map(|m| manifest.join("tests/data/ledger/messages").join(m))
        .collect();

    let sim = LedgerSimulator::speculos_seed();
    // The official client streams EIP-712 and signs calldata: the settings it needs.
    sim.set_blind_signing(true);
    sim.set_raw_messages(true);
    let server = sim.serve_speculos("127.0.0.1:0").await.unwrap();
    let port = server.local_addr().port();

    let mut command = Command::new(&python);
    command
        .arg(manifest.join("tests/official/ledger_client.py"))
        .arg("--port")
        .arg(port.to_string());
    for m in &messages {
        command.arg("--message").arg(m);
    }
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("the venv's python runs");
    assert!(
        output.status.success(),
        "the official client failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let official: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    assert!(!sim.tail_only_chunk_seen());

    // Our client, same simulator, same inputs.
    let path: HdPath = "m/44'/60'/0'/0/0".parse().unwrap();
    let mut app = EthApp::new(sim.memory_transport());
    let address = app.address(&path, false, None).await.unwrap();
    assert_eq!(
        official["address"]
            .as_str()
            .unwrap()
            .parse::<Address>()
            .unwrap(),
        address
    );
    assert_eq!(
        address,
        address!("0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D")
    );

    for (name, tx) in txs() {
        let theirs = &official["txs"][name];
        let mut unsigned = Vec::new();
        tx.encode_for_signing(&mut unsigned);
        // web3.py + rlp (what the official client sends) encode the same preimage as alloy.
        assert_eq!(
            theirs["unsigned"].as_str().unwrap(),
            hex::encode(&unsigned),
            "{name}"
        );
        let sig = app.sign_transaction(&path, &tx).await.unwrap();
        let device_v = match &tx {
            TypedTransaction::Legacy(t) => reply::legacy_v_byte(t.chain_id.unwrap(), sig.v()),
            _ => sig.v() as u8,
        };
        assert_eq!(vrs(theirs), ours(device_v, &sig), "{name}");
        assert_eq!(
            sig.recover_address_from_prehash(&tx.signature_hash())
                .unwrap(),
            address
        );
    }

    let personal = hex::decode(official["personal"]["message"].as_str().unwrap()).unwrap();
    let sig = app.sign_personal_message(&path, &personal).await.unwrap();
    assert_eq!(vrs(&official["personal"]), ours(27 + sig.v() as u8, &sig));
    assert_eq!(sig.recover_address_from_msg(&personal).unwrap(), address);

    for m in &messages {
        let data: TypedData = serde_json::from_str(&std::fs::read_to_string(m).unwrap()).unwrap();
        let sig = app.sign_typed_data(&path, &data).await.unwrap();
        let theirs = &official["eip712"][m.to_str().unwrap()];
        assert_eq!(
            vrs(theirs),
            ours(27 + sig.v() as u8, &sig),
            "{}",
            m.display()
        );
        assert_eq!(
            sig.recover_address_from_prehash(&data.eip712_signing_hash().unwrap())
                .unwrap(),
            address
        );
    }
    drop(server);
}
