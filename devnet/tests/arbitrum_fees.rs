//! The Arbitrum-kind chain's NodeInterface and ArbGasInfo stand-ins return what their
//! formulas give (computed here independently), with the L1 estimate following the devnet L1.

use alloy::{
    primitives::{Address, Bytes, U256},
    sol,
    sol_types::SolCall,
};
use switchyard_devnet::{
    ChainKind, Devnet,
    arbitrum::{ARB_GAS_INFO, NODE_INTERFACE},
};

mod common;
use common::rpc;

sol! {
    function gasEstimateL1Component(address to, bool contractCreation, bytes data)
        returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
    function gasEstimateComponents(address to, bool contractCreation, bytes data)
        returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
    function getPricesInWei() returns (uint256, uint256, uint256, uint256, uint256, uint256);
    function getL1BaseFeeEstimate() returns (uint256);
}

async fn call(url: &str, to: Address, data: Vec<u8>) -> Bytes {
    rpc(url, "eth_call", serde_json::json!([{ "from": Address::ZERO, "to": to, "data": Bytes::from(data) }, "latest"])).await
}

#[tokio::test(flavor = "multi_thread")]
async fn node_interface_stand_in_follows_its_formula() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let arb = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::Arbitrum)
        .unwrap();
    let l1 = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::Ethereum)
        .unwrap();
    let block: serde_json::Value = rpc(
        &l1.rpc_url,
        "eth_getBlockByNumber",
        serde_json::json!(["latest", false]),
    )
    .await;
    let l1_base_fee: U256 = block["baseFeePerGas"].as_str().unwrap().parse().unwrap();

    let estimate = call(
        &arb.rpc_url,
        ARB_GAS_INFO,
        getL1BaseFeeEstimateCall {}.abi_encode(),
    )
    .await;
    assert_eq!(
        getL1BaseFeeEstimateCall::abi_decode_returns(&estimate).unwrap(),
        l1_base_fee,
        "follows the devnet L1"
    );

    let to = Address::repeat_byte(0x42);
    for data in [Vec::new(), vec![0u8; 100], (1..=255u8).collect::<Vec<_>>()] {
        let l1 = gasEstimateL1ComponentCall {
            to,
            contractCreation: false,
            data: data.clone().into(),
        };
        let out = call(&arb.rpc_url, NODE_INTERFACE, l1.abi_encode()).await;
        let got = gasEstimateL1ComponentCall::abi_decode_returns(&out).unwrap();
        assert_eq!(got.l1BaseFeeEstimate, l1_base_fee);
        // Nitro: B = ceil(L1P * L1S / P), L1S = 16 L1 gas per posted byte (+140 fixed bytes).
        let l1_cost = U256::from(data.len() + 140) * U256::from(16) * l1_base_fee;
        let want = l1_cost.div_ceil(got.baseFee);
        assert_eq!(
            U256::from(got.gasEstimateForL1),
            want,
            "{} bytes",
            data.len()
        );
        assert!(
            got.baseFee >= U256::from(10_000_000u64),
            "at least Arbitrum One's 0.01 gwei floor"
        );

        let all = gasEstimateComponentsCall {
            to,
            contractCreation: false,
            data: data.clone().into(),
        };
        let out = call(&arb.rpc_url, NODE_INTERFACE, all.abi_encode()).await;
        let got_all = gasEstimateComponentsCall::abi_decode_returns(&out).unwrap();
        let intrinsic: u64 = 21_000
            + data
                .iter()
                .map(|b| if *b == 0 { 4 } else { 16 })
                .sum::<u64>();
        assert_eq!(got_all.gasEstimateForL1, got.gasEstimateForL1);
        assert_eq!(got_all.gasEstimate, intrinsic + got.gasEstimateForL1);
    }

    let prices = call(
        &arb.rpc_url,
        ARB_GAS_INFO,
        getPricesInWeiCall {}.abi_encode(),
    )
    .await;
    let prices = getPricesInWeiCall::abi_decode_returns(&prices).unwrap();
    assert_eq!(
        prices._1,
        U256::from(16) * l1_base_fee,
        "per L1 calldata byte"
    );
    assert_eq!(prices._0, prices._1 * U256::from(140), "per L2 tx");
}
