//! Fee models on the devnet: the OP Stack L1 data fee computed offline equals the real
//! GasPriceOracle's answer for every transaction type; quotes on every chain kind have the
//! parts that chain kind charges; the comparison lists every chain.

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxEip2930, TxLegacy},
    eips::{
        BlockId, BlockNumberOrTag,
        eip2930::{AccessList, AccessListItem},
    },
    primitives::{Address, B256, Bytes, TxKind, U256},
};
use switchyard_core::{
    chain::ChainKind,
    fees::{
        FeeRequest, GasPlan, GasSource, Speed,
        compare::PriceSource,
        compare_fees,
        op_formula::{self, OpFork, TxBytes},
        op_stack::{oracle_l1_fee, read_oracle},
        quote,
    },
};
use switchyard_tests::{clients, devnet, of_kind};

fn sample_transactions(chain_id: u64) -> Vec<(&'static str, Vec<u8>)> {
    let to = TxKind::Call(Address::repeat_byte(0x42));
    // Incompressible-ish calldata so the regression decides, not the 100-byte floor.
    let data: Bytes = (0..300u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect::<Vec<_>>()
        .into();
    let legacy = TxLegacy {
        chain_id: Some(chain_id),
        nonce: 3,
        gas_price: 1_500_000_000,
        gas_limit: 90_000,
        to,
        value: U256::from(5),
        input: data.clone(),
    };
    let eip2930 = TxEip2930 {
        chain_id,
        nonce: 4,
        gas_price: 1_500_000_000,
        gas_limit: 90_000,
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
        nonce: 5,
        gas_limit: 90_000,
        max_fee_per_gas: 3_000_000_000,
        max_priority_fee_per_gas: 1_000_000,
        to,
        value: U256::from(10u64).pow(U256::from(18)),
        access_list: AccessList::default(),
        input: data,
    };
    vec![
        ("legacy", legacy.encoded_for_signing()),
        ("eip2930", eip2930.encoded_for_signing()),
        ("eip1559", eip1559.encoded_for_signing()),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn oracle_and_offline_formula_agree_for_every_transaction_type_on_both_op_chains() {
    let devnet = devnet().await;
    let op = of_kind(&clients(&devnet), ChainKind::OpStack);
    assert_eq!(op.len(), 2);
    for client in &op {
        let block: u64 = client
            .request::<_, alloy::primitives::U64>("eth_blockNumber", ())
            .await
            .unwrap()
            .to();
        let at = BlockId::Number(BlockNumberOrTag::Number(block));
        let (fork, params) = read_oracle(client, at).await.unwrap();
        assert_eq!(fork, OpFork::Fjord, "{}", client.name());
        assert!(params.l1_base_fee > U256::ZERO && params.base_fee_scalar > 0);
        for (name, unsigned) in sample_transactions(client.spec().chain_id) {
            let a = oracle_l1_fee(client, &unsigned, at).await.unwrap();
            let b = op_formula::l1_fee(fork, &params, &unsigned, TxBytes::Unsigned);
            assert_eq!(a, b, "{} {name}: (a) oracle vs (b) formula", client.name());
            assert!(a > U256::ZERO);
            // The pitfall: feeding the unsigned bytes as if signed under-prices by the
            // signature's 68 bytes.
            let as_if_signed = op_formula::l1_fee(fork, &params, &unsigned, TxBytes::Signed);
            assert!(as_if_signed < a, "{name}: unsigned input must be padded");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn quotes_carry_each_chain_kinds_fee_parts() {
    let devnet = devnet().await;
    let all = clients(&devnet);
    let from = devnet.manifest().accounts[0].address;
    for client in &all {
        let request = FeeRequest {
            from: Some(from),
            to: Address::repeat_byte(0x77),
            value: U256::from(1_000_000u64),
            input: Bytes::new(),
            gas: GasPlan::Estimate,
        };
        let q = quote(client, &request).await.unwrap();
        assert_eq!(q.gas_used, 21_000, "{}", client.name());
        assert_eq!(q.gas_source, GasSource::Estimated);
        assert!(q.nonce.is_some());
        let (slow, normal, fast) = (
            q.speed(Speed::Slow),
            q.speed(Speed::Normal),
            q.speed(Speed::Fast),
        );
        assert!(
            slow.max_fee_per_gas <= normal.max_fee_per_gas
                && normal.max_fee_per_gas <= fast.max_fee_per_gas
        );
        for b in [slow, normal, fast] {
            assert_eq!(b.total, b.execution + b.l1_data + b.operator);
            assert!(b.worst_case >= b.total);
            assert!(b.execution > U256::ZERO);
        }
        match client.spec().kind {
            ChainKind::Ethereum => {
                assert_eq!(normal.l1_data, U256::ZERO);
                assert_eq!(normal.gas_limit, 21_000);
            }
            ChainKind::OpStack => {
                assert!(
                    normal.l1_data > U256::ZERO,
                    "{}: an L1 data fee",
                    client.name()
                );
                assert!(q.op.is_some());
                assert_eq!(normal.gas_limit, 21_000);
            }
            ChainKind::Arbitrum => {
                let l1 = q.arbitrum.expect("components");
                assert!(l1.gas_for_l1 > 0);
                assert_eq!(normal.max_priority_fee_per_gas, 0, "Arbitrum ignores tips");
                // The L1 part rides in the gas limit.
                assert!(normal.gas_limit > 21_000 + l1.gas_for_l1);
                assert!(normal.l1_data > U256::ZERO);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn comparison_lists_every_chain_cheapest_first_with_usd() {
    let devnet = devnet().await;
    let all = clients(&devnet);
    let with_tokens: Vec<_> = all
        .iter()
        .map(|c| (c.clone(), switchyard_core::assets::devnet_tokens(c.spec())))
        .collect();
    let l1 = of_kind(&all, ChainKind::Ethereum).remove(0);
    let feed = l1.spec().contracts["eth_usd_feed"];
    let from = Some(devnet.manifest().accounts[0].address);
    let cmp = compare_fees(
        &with_tokens,
        from,
        "ETH",
        "0.5",
        Some(PriceSource { client: l1, feed }),
    )
    .await;
    assert_eq!(cmp.rows.len(), all.len());
    assert!(cmp.eth_usd.is_some());
    for w in cmp.rows.windows(2) {
        assert!(w[0].fee.as_ref().unwrap().total <= w[1].fee.as_ref().unwrap().total);
    }
    for row in &cmp.rows {
        assert!(row.error.is_none(), "{}: {:?}", row.chain, row.error);
        assert!(row.usd.is_some());
    }
    // Tokens: the 6-decimal test token exists everywhere; too many decimals is a per-row error.
    let cmp = compare_fees(&with_tokens, from, "SYUSD", "1.25", None).await;
    assert!(cmp.rows.iter().all(|r| r.fee.is_some()), "{:?}", cmp.rows);
    let cmp = compare_fees(&with_tokens, from, "SYUSD", "1.1234567", None).await;
    assert!(
        cmp.rows
            .iter()
            .all(|r| r.error.as_deref().is_some_and(|e| e.contains("decimals"))),
        "{:?}",
        cmp.rows
    );
}
