//! `HardwareSigner` through alloy's traits, on both simulators: signatures recover to
//! the account; a device holding another key is caught before anything is signed; a
//! device returning a signature from another key (a wrong `v`) is a hard error; device
//! errors survive the trip through alloy's error type.

use std::sync::Arc;

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxLegacy},
    dyn_abi::TypedData,
    network::TxSigner,
    primitives::{Address, B256, Signature, TxKind, U256, address},
    signers::Signer,
};
use switchyard_hw::{
    Device, DeviceError, HardwareSigner, HdPath, NoPrompts, Prompter,
    ledger::{ApduExchange, EthApp, LedgerLink, MemoryFault, MemoryTransport},
    signer::device_error,
    simulator::{
        keys::{SPECULOS_MNEMONIC, SeedKeys, TREZOR_ALL_MNEMONIC},
        ledger::{LedgerSimulator, SimConnection},
        trezor::TrezorSimulator,
    },
    trezor::TrezorDevice,
};

const PATH: &str = "m/44'/60'/0'/0/0";

fn prompts() -> Arc<dyn Prompter> {
    Arc::new(NoPrompts)
}

fn path() -> HdPath {
    PATH.parse().unwrap()
}

fn address_of(mnemonic: &str) -> Address {
    SeedKeys::from_mnemonic(mnemonic, "")
        .signer(&path())
        .address()
}

fn ledger(sim: &LedgerSimulator) -> Device {
    Device::from_ledger(EthApp::new(LedgerLink::Memory(sim.memory_transport())))
}

fn trezor(sim: &TrezorSimulator) -> Device {
    Device::from_trezor(TrezorDevice::new(sim.memory_transport()))
}

fn legacy(chain_id: u64) -> TxLegacy {
    TxLegacy {
        chain_id: Some(chain_id),
        nonce: 7,
        gas_price: 2_000_000_000,
        gas_limit: 21_000,
        to: TxKind::Call(address!("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
        value: U256::from(10u64).pow(U256::from(16u64)),
        input: Default::default(),
    }
}

fn eip1559(chain_id: u64) -> TxEip1559 {
    TxEip1559 {
        chain_id,
        nonce: 1,
        gas_limit: 21_000,
        max_fee_per_gas: 3_000_000_000,
        max_priority_fee_per_gas: 1_000_000,
        to: TxKind::Call(address!("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
        value: U256::from(1u64),
        access_list: Default::default(),
        input: Default::default(),
    }
}

fn mail() -> TypedData {
    serde_json::from_value(serde_json::json!({
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"}
            ],
            "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
            "Mail": [
                {"name": "from", "type": "Person"},
                {"name": "to", "type": "Person"},
                {"name": "contents", "type": "string"}
            ]
        },
        "primaryType": "Mail",
        "domain": {
            "name": "Ether Mail", "version": "1", "chainId": 1,
            "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
        },
        "message": {
            "from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
            "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
            "contents": "Hello, Bob!"
        }
    }))
    .unwrap()
}

/// Everything a signer does, through alloy's traits only, recovers to the account.
async fn signs_through_alloy(device: Device, account: Address) {
    let signer = HardwareSigner::new(device, path(), account, prompts());
    for chain_id in [1u64, 10, 421_614] {
        let mut tx = legacy(chain_id);
        let sig = TxSigner::sign_transaction(&signer, &mut tx).await.unwrap();
        assert_eq!(
            sig.recover_address_from_prehash(&tx.signature_hash())
                .unwrap(),
            account
        );
        let mut tx = eip1559(chain_id);
        let sig = TxSigner::sign_transaction(&signer, &mut tx).await.unwrap();
        assert_eq!(
            sig.recover_address_from_prehash(&tx.signature_hash())
                .unwrap(),
            account
        );
    }
    let sig = signer.sign_message(b"hello").await.unwrap();
    assert_eq!(sig.recover_address_from_msg(b"hello").unwrap(), account);
    let data = mail();
    let sig = signer.sign_dynamic_typed_data(&data).await.unwrap();
    assert_eq!(
        sig.recover_address_from_prehash(&data.eip712_signing_hash().unwrap())
            .unwrap(),
        account
    );
    // A device never signs a bare hash.
    assert!(signer.sign_hash(&B256::ZERO).await.is_err());
}

#[tokio::test]
async fn ledger_and_trezor_sign_through_alloys_traits() {
    let sim = LedgerSimulator::speculos_seed();
    sim.set_blind_signing(true);
    signs_through_alloy(ledger(&sim), address_of(SPECULOS_MNEMONIC)).await;
    signs_through_alloy(
        trezor(&TrezorSimulator::all_seed()),
        address_of(TREZOR_ALL_MNEMONIC),
    )
    .await;
}

#[tokio::test]
async fn the_signers_chain_id_applies_and_a_mismatch_is_refused() {
    let sim = LedgerSimulator::speculos_seed();
    let mut signer = HardwareSigner::new(
        ledger(&sim),
        path(),
        address_of(SPECULOS_MNEMONIC),
        prompts(),
    );
    signer.set_chain_id(Some(10));
    let mut tx = legacy(1);
    assert!(matches!(
        TxSigner::sign_transaction(&signer, &mut tx).await,
        Err(alloy::signers::Error::TransactionChainIdMismatch { signer: 10, tx: 1 })
    ));
}

#[tokio::test]
async fn another_devices_key_is_caught_before_signing() {
    // The account was recorded from the Speculos seed; the device holds `all all …`.
    let sim = TrezorSimulator::all_seed();
    let signer = HardwareSigner::new(
        trezor(&sim),
        path(),
        address_of(SPECULOS_MNEMONIC),
        prompts(),
    );
    sim.clear_transcript();
    let error = signer
        .sign_typed_transaction(&eip1559(1).into())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "hw_wrong_device", "{error}");
    assert!(
        sim.transcript().iter().all(|m| !m.contains("Sign")),
        "the device was asked to sign: {:?}",
        sim.transcript()
    );
    // Through alloy's error, the device error comes back intact.
    let mut tx = eip1559(1);
    let alloy_error = TxSigner::sign_transaction(&signer, &mut tx)
        .await
        .unwrap_err();
    assert!(matches!(
        device_error(alloy_error),
        Ok(DeviceError::WrongDevice { .. })
    ));
}

/// A faulty device: flips the y-parity of every typed-transaction signature it returns.
struct FlipsV(SimConnection);

impl ApduExchange for FlipsV {
    fn exchange(&mut self, apdu: &[u8]) -> Result<Vec<u8>, MemoryFault> {
        let mut reply = self.0.exchange(apdu)?;
        if apdu[1] == 0x04 && reply.len() == 65 + 2 {
            reply[0] ^= 1;
        }
        Ok(reply)
    }
}

#[tokio::test]
async fn a_signature_from_another_key_is_a_hard_error() {
    let sim = LedgerSimulator::speculos_seed();
    let device = Device::from_ledger(EthApp::new(LedgerLink::Memory(MemoryTransport::new(
        FlipsV(sim.connection()),
    ))));
    let account = address_of(SPECULOS_MNEMONIC);
    let signer = HardwareSigner::new(device, path(), account, prompts());
    let error = signer
        .sign_typed_transaction(&eip1559(1).into())
        .await
        .unwrap_err();
    match error {
        DeviceError::SignatureMismatch {
            expected,
            recovered,
            ..
        } => {
            assert_eq!(expected, account);
            assert_ne!(recovered, account);
        }
        other => panic!("expected a signature mismatch, got {other:?}"),
    }
    // Unflipped, the same request signs.
    let honest = HardwareSigner::new(ledger(&sim), path(), account, prompts());
    let sig: Signature = honest
        .sign_typed_transaction(&legacy(1).into())
        .await
        .unwrap();
    assert_eq!(
        sig.recover_address_from_prehash(&legacy(1).signature_hash())
            .unwrap(),
        account
    );
}
