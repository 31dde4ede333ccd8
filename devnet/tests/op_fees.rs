//! On both OP L2s, the real GasPriceOracle's `getL1Fee(tx)` equals the Fjord formula
//! computed here, independently, from L1Block's values (FastLZ from `op-alloy-flz`), for
//! a legacy, an EIP-2930 and an EIP-1559 transaction.

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxEip2930, TxLegacy},
    eips::eip2930::{AccessList, AccessListItem},
    primitives::{Address, B256, Bytes, TxKind, U256},
    sol,
    sol_types::SolCall,
};
use switchyard_devnet::{
    ChainKind, Devnet,
    op_stack::{GAS_PRICE_ORACLE, L1_BLOCK},
};

mod common;
use common::rpc;

sol! {
    function getL1Fee(bytes data) returns (uint256);
    function isFjord() returns (bool);
    function basefee() returns (uint256);
    function blobBaseFee() returns (uint256);
    function baseFeeScalar() returns (uint32);
    function blobBaseFeeScalar() returns (uint32);
}

async fn call(url: &str, to: Address, data: Vec<u8>) -> Bytes {
    // anvil --optimism charges the L1 fee even in eth_call, so the sender must be funded:
    // the devnet funds the zero address for exactly this.
    let from = Address::ZERO;
    rpc(
        url,
        "eth_call",
        serde_json::json!([{ "from": from, "to": to, "data": Bytes::from(data) }, "latest"]),
    )
    .await
}

/// The Fjord L1 fee of an *unsigned* transaction, as the OP Stack specifies it.
fn fjord_l1_fee(unsigned: &[u8], base_fee: U256, blob_base_fee: U256, bfs: u32, bbfs: u32) -> U256 {
    // The oracle receives the unsigned transaction and adds 68 bytes for the signature.
    let fastlz = U256::from(op_alloy_flz::flz_compress_len(unsigned) + 68);
    let estimated = (U256::from(836_500u64) * fastlz).saturating_sub(U256::from(42_585_600u64));
    let estimated = estimated.max(U256::from(100_000_000u64));
    let per_byte =
        U256::from(16u64) * U256::from(bfs) * base_fee + U256::from(bbfs) * blob_base_fee;
    estimated * per_byte / U256::from(1_000_000_000_000u64)
}

fn transactions(chain_id: u64) -> Vec<(&'static str, Vec<u8>)> {
    let to = TxKind::Call(Address::repeat_byte(0x42));
    // Incompressible-ish calldata so the regression (not the 100-byte floor) decides.
    let data: Bytes = (0..400u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect::<Vec<_>>()
        .into();
    let legacy = TxLegacy {
        chain_id: Some(chain_id),
        nonce: 7,
        gas_price: 1_000_000_000,
        gas_limit: 100_000,
        to,
        value: U256::from(1),
        input: data.clone(),
    };
    let eip2930 = TxEip2930 {
        chain_id,
        nonce: 8,
        gas_price: 1_000_000_000,
        gas_limit: 100_000,
        to,
        value: U256::ZERO,
        access_list: AccessList(vec![AccessListItem {
            address: Address::repeat_byte(0x42),
            storage_keys: vec![B256::ZERO],
        }]),
        input: data.clone(),
    };
    let eip1559 = TxEip1559 {
        chain_id,
        nonce: 9,
        gas_limit: 21_000,
        max_fee_per_gas: 2_000_000_000,
        max_priority_fee_per_gas: 1_000_000,
        to,
        value: U256::from(10u64.pow(18)),
        access_list: AccessList::default(),
        input: Bytes::new(),
    };
    vec![
        ("legacy", legacy.encoded_for_signing()),
        ("eip2930", eip2930.encoded_for_signing()),
        (
            "eip1559 (small: the 100-byte floor)",
            eip1559.encoded_for_signing(),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn gas_price_oracle_matches_the_fjord_formula_on_both_op_chains() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let op_chains: Vec<_> = devnet
        .manifest()
        .chains
        .iter()
        .filter(|c| c.kind == ChainKind::OpStack)
        .collect();
    assert_eq!(op_chains.len(), 2);
    for chain in op_chains {
        let url = &chain.rpc_url;
        let fjord = call(url, GAS_PRICE_ORACLE, isFjordCall {}.abi_encode()).await;
        assert!(
            isFjordCall::abi_decode_returns(&fjord).unwrap(),
            "{}: Fjord active",
            chain.name
        );
        let base_fee = basefeeCall::abi_decode_returns(
            &call(url, L1_BLOCK, basefeeCall {}.abi_encode()).await,
        )
        .unwrap();
        let blob = blobBaseFeeCall::abi_decode_returns(
            &call(url, L1_BLOCK, blobBaseFeeCall {}.abi_encode()).await,
        )
        .unwrap();
        let bfs = baseFeeScalarCall::abi_decode_returns(
            &call(url, L1_BLOCK, baseFeeScalarCall {}.abi_encode()).await,
        )
        .unwrap();
        let bbfs = blobBaseFeeScalarCall::abi_decode_returns(
            &call(url, L1_BLOCK, blobBaseFeeScalarCall {}.abi_encode()).await,
        )
        .unwrap();
        // OP Mainnet's scalars, and a non-zero L1 base fee.
        assert_eq!((bfs, bbfs), (1368, 810_949));
        assert!(base_fee > U256::ZERO);
        for (name, unsigned) in transactions(chain.chain_id) {
            let out = call(
                url,
                GAS_PRICE_ORACLE,
                getL1FeeCall {
                    data: unsigned.clone().into(),
                }
                .abi_encode(),
            )
            .await;
            let oracle = getL1FeeCall::abi_decode_returns(&out).unwrap();
            let ours = fjord_l1_fee(&unsigned, base_fee, blob, bfs, bbfs);
            assert_eq!(oracle, ours, "{} {name}", chain.name);
            assert!(oracle > U256::ZERO);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn l1_attributes_follow_the_devnet_l1() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let l1 = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::Ethereum)
        .unwrap();
    let l1_base_fee = |url: String| async move {
        let block: serde_json::Value = rpc(
            &url,
            "eth_getBlockByNumber",
            serde_json::json!(["latest", false]),
        )
        .await;
        block["baseFeePerGas"]
            .as_str()
            .unwrap()
            .parse::<U256>()
            .unwrap()
    };
    // The L1 starts at the OP Mainnet reference block's base fee.
    let reference = switchyard_devnet::op_stack::L1Attributes::op_mainnet_reference().base_fee;
    let start = l1_base_fee(l1.rpc_url.clone()).await;
    assert!(
        start <= reference && start * U256::from(2) > reference,
        "{start} vs {reference}"
    );
    // Empty blocks lower the L1 base fee (EIP-1559); the actors carry it to every OP chain.
    for _ in 0..5 {
        let _: serde_json::Value = rpc(&l1.rpc_url, "evm_mine", serde_json::json!([])).await;
    }
    let moved = l1_base_fee(l1.rpc_url.clone()).await;
    assert!(moved < start);
    switchyard_devnet::actors::Actors::default()
        .round(m)
        .await
        .unwrap();
    for chain in m.chains.iter().filter(|c| c.kind == ChainKind::OpStack) {
        let out = call(&chain.rpc_url, L1_BLOCK, basefeeCall {}.abi_encode()).await;
        assert_eq!(
            basefeeCall::abi_decode_returns(&out).unwrap(),
            moved,
            "{}",
            chain.name
        );
    }
}
