//! The contracts every devnet chain gets: two test tokens minted to the test accounts,
//! and the L1's ETH/USD feed.

use alloy::{
    primitives::{Address, Bytes, U256},
    sol,
    sol_types::SolCall,
};
use switchyard_devnet::{
    ChainKind, Devnet,
    contracts::names,
    published::{MULTICALL3, MULTICALL3_CODE_HASH},
};

mod common;
use common::rpc;

sol! {
    struct Call3 { address target; bool allowFailure; bytes callData; }
    struct Result3 { bool success; bytes returnData; }
    function aggregate3(Call3[] calls) returns (Result3[] returnData);
    function getEthBalance(address addr) returns (uint256 balance);
    function balanceOf(address owner) returns (uint256);
    function decimals() returns (uint8);
    function latestRoundData() returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

async fn call(url: &str, to: Address, data: Vec<u8>) -> Bytes {
    rpc(
        url,
        "eth_call",
        serde_json::json!([{ "to": to, "data": Bytes::from(data) }, "latest"]),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_and_feed_are_deployed_and_funded() {
    let devnet = Devnet::builder().up().await.unwrap();
    let m = devnet.manifest();
    let holder = m.accounts[3].address;
    let first = &m.chains[0].contracts;
    for chain in &m.chains {
        // Same addresses on every chain (fixed deployer, fixed order).
        assert_eq!(
            chain.contracts.get(names::TOKEN_18),
            first.get(names::TOKEN_18)
        );
        for (name, decimals) in [(names::TOKEN_18, 18u8), (names::TOKEN_6, 6u8)] {
            let token = chain.contracts[name];
            let d = call(&chain.rpc_url, token, decimalsCall {}.abi_encode()).await;
            assert_eq!(
                decimalsCall::abi_decode_returns(&d).unwrap(),
                decimals,
                "{} {name}",
                chain.name
            );
            let b = call(
                &chain.rpc_url,
                token,
                balanceOfCall { owner: holder }.abi_encode(),
            )
            .await;
            let want = U256::from(1_000_000u64) * U256::from(10).pow(U256::from(decimals));
            assert_eq!(balanceOfCall::abi_decode_returns(&b).unwrap(), want);
        }
        // The funded accounts did not spend a nonce on setup.
        let nonce: U256 = rpc(
            &chain.rpc_url,
            "eth_getTransactionCount",
            serde_json::json!([m.accounts[0].address, "latest"]),
        )
        .await;
        assert_eq!(nonce, U256::ZERO);
    }
    let l1 = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::Ethereum)
        .unwrap();
    let out = call(
        &l1.rpc_url,
        l1.contracts[names::ETH_USD_FEED],
        latestRoundDataCall {}.abi_encode(),
    )
    .await;
    let round = latestRoundDataCall::abi_decode_returns(&out).unwrap();
    assert_eq!(
        round.answer,
        alloy::primitives::I256::try_from(3000i64 * 100_000_000).unwrap()
    );
    assert!(
        m.chains
            .iter()
            .filter(|c| c.kind != ChainKind::Ethereum)
            .all(|c| !c.contracts.contains_key(names::ETH_USD_FEED))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn multicall3_aggregates_balance_calls_on_every_chain() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let who = Address::repeat_byte(0x77);
    Devnet::fund(m, who, "2.5").await.unwrap();
    // Refused before anything changes: the 6-decimal token cannot hold 7 decimals.
    assert!(
        Devnet::fund(m, who, "0.0000001")
            .await
            .unwrap_err()
            .to_string()
            .contains("more than 6 decimals")
    );
    for chain in &m.chains {
        assert_eq!(chain.contracts[names::MULTICALL3], MULTICALL3);
        let code: Bytes = rpc(
            &chain.rpc_url,
            "eth_getCode",
            serde_json::json!([MULTICALL3, "latest"]),
        )
        .await;
        assert_eq!(
            alloy::primitives::keccak256(&code),
            MULTICALL3_CODE_HASH,
            "{}",
            chain.name
        );
        let token = chain.contracts[names::TOKEN_6];
        let calls = vec![
            Call3 {
                target: MULTICALL3,
                allowFailure: false,
                callData: getEthBalanceCall { addr: who }.abi_encode().into(),
            },
            Call3 {
                target: MULTICALL3,
                allowFailure: false,
                callData: getEthBalanceCall {
                    addr: m.accounts[1].address,
                }
                .abi_encode()
                .into(),
            },
            Call3 {
                target: token,
                allowFailure: false,
                callData: balanceOfCall {
                    owner: m.accounts[2].address,
                }
                .abi_encode()
                .into(),
            },
            Call3 {
                target: token,
                allowFailure: false,
                callData: balanceOfCall { owner: who }.abi_encode().into(),
            },
            // A failing call is reported, not fatal, with allowFailure.
            Call3 {
                target: token,
                allowFailure: true,
                callData: Bytes::from_static(&[0xde, 0xad, 0xbe, 0xef]),
            },
        ];
        let out = call(
            &chain.rpc_url,
            MULTICALL3,
            aggregate3Call { calls }.abi_encode(),
        )
        .await;
        let results = aggregate3Call::abi_decode_returns(&out).unwrap();
        assert_eq!(results.len(), 5);
        let word = |i: usize| U256::from_be_slice(&results[i].returnData);
        assert_eq!(word(0), U256::from(2_500_000_000_000_000_000u128));
        let direct: U256 = rpc(
            &chain.rpc_url,
            "eth_getBalance",
            serde_json::json!([m.accounts[1].address, "latest"]),
        )
        .await;
        assert_eq!(word(1), direct);
        assert_eq!(word(2), U256::from(1_000_000u64 * 1_000_000));
        assert_eq!(word(3), U256::from(2_500_000u64), "funded test dollars");
        assert!(!results[4].success);
    }
}
