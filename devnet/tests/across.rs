//! Across on the devnet, end to end with raw JSON-RPC and HTTP (no wallet code): on every
//! ordered pair of chains, an ETH deposit made at the quote endpoint's suggested fee is
//! filled by the relayer on the destination; a deposit that does not pay the relayer and
//! one whose fill deadline passed are left unfilled; the quote endpoint answers in
//! Across's shape and refuses what it cannot quote with a sentence.

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    rpc::types::Log,
    sol_types::{SolCall, SolEvent},
};
use switchyard_core::bridge::across::{
    SuggestedFees, SuggestedFeesQuery,
    abi::{FilledRelay, FundsDeposited, SpokePool, Weth},
};
use switchyard_devnet::{Devnet, Manifest, ManifestChain, across::quote, actors::Actors};

mod common;
use common::{ONE_ETH, balance, rpc, send, view};

/// `GET {quote_url}/suggested-fees?…` with curl: (HTTP status, body).
fn http_get(url: &str) -> (u16, serde_json::Value) {
    let out = std::process::Command::new("curl")
        .args(["-s", "-m", "10", "-w", "\n%{http_code}"])
        .arg(url)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let (body, code) = text.rsplit_once('\n').unwrap();
    (
        code.parse().unwrap(),
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    )
}

/// The endpoint's answer to `q`: (HTTP status, body).
async fn get_quote(base: &str, q: &SuggestedFeesQuery) -> (u16, serde_json::Value) {
    let url = query_url(base, q);
    tokio::task::spawn_blocking(move || http_get(&url))
        .await
        .unwrap()
}

fn query_url(base: &str, q: &SuggestedFeesQuery) -> String {
    format!(
        "{base}/suggested-fees?inputToken={}&outputToken={}&originChainId={}&destinationChainId={}&amount={}",
        q.input_token, q.output_token, q.origin_chain_id, q.destination_chain_id, q.amount
    )
}

/// Deposits `amount` of ETH from `from` on `origin` for `recipient` on `destination`,
/// asking `output` in return; `(quote_time, fill_deadline)` as the deposit names them.
/// Returns the deposit id.
async fn deposit(
    (origin, destination): (&ManifestChain, &ManifestChain),
    from: Address,
    recipient: Address,
    amount: U256,
    output: U256,
    (quote_time, fill_deadline): (u64, u64),
) -> U256 {
    let (o, d) = (origin.across.unwrap(), destination.across.unwrap());
    let call = SpokePool::depositV3Call {
        depositor: from,
        recipient,
        inputToken: o.weth,
        outputToken: d.weth,
        inputAmount: amount,
        outputAmount: output,
        destinationChainId: U256::from(destination.chain_id),
        exclusiveRelayer: Address::ZERO,
        quoteTimestamp: quote_time as u32,
        fillDeadline: fill_deadline as u32,
        exclusivityParameter: 0,
        message: Bytes::new(),
    };
    let receipt = send(
        &origin.rpc_url,
        from,
        o.spoke_pool,
        call.abi_encode(),
        amount,
    )
    .await;
    assert_eq!(
        receipt["status"], "0x1",
        "deposit {} → {}: {receipt}",
        origin.name, destination.name
    );
    let logs: Vec<Log> = serde_json::from_value(receipt["logs"].clone()).unwrap();
    logs.iter()
        .find_map(|l| FundsDeposited::decode_log(&l.inner).ok())
        .unwrap()
        .data
        .depositId
}

fn actors_once(m: &Manifest) -> Manifest {
    // The tests fill at once: no relayer delay.
    let mut m = m.clone();
    m.across.as_mut().unwrap().policy.fill_delay_secs = 0;
    m
}

#[tokio::test(flavor = "multi_thread")]
async fn every_pair_of_chains_is_filled_at_the_quoted_fee_and_the_rest_is_left() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = actors_once(devnet.manifest());
    let user = m.accounts[4].address;
    let mut actors = Actors::default();
    let amount = U256::from(ONE_ETH / 2);
    let mut recipients = Vec::new();
    for (i, origin) in m.chains.iter().enumerate() {
        for (j, destination) in m.chains.iter().enumerate().filter(|(j, _)| *j != i) {
            let q = SuggestedFeesQuery {
                input_token: origin.across.unwrap().weth,
                output_token: destination.across.unwrap().weth,
                origin_chain_id: origin.chain_id,
                destination_chain_id: destination.chain_id,
                amount,
            };
            let fees: SuggestedFees = quote::quote(&m, &q).await.unwrap();
            assert!(!fees.is_amount_too_low);
            assert_eq!(fees.spoke_pool_address, origin.across.unwrap().spoke_pool);
            let output = amount - fees.total_relay_fee.total;
            let recipient =
                Address::from_word(B256::from(U256::from(0xacc0_0000u64 + (i * 8 + j) as u64)));
            deposit(
                (origin, destination),
                user,
                recipient,
                amount,
                output,
                (fees.timestamp, fees.fill_deadline - 60),
            )
            .await;
            recipients.push((destination.clone(), recipient, output));
        }
    }
    actors.round(&m).await.unwrap();
    assert!(
        actors.status().values().all(|s| s.last_error.is_none()),
        "{:?}",
        actors.status()
    );
    // The relayer's WETH on each chain once it has filled, before any refund.
    let relayer = m.actor_accounts.across_relayer;
    let mut filled_balances = Vec::new();
    for chain in &m.chains {
        let weth = chain.across.unwrap().weth;
        filled_balances
            .push(view(&chain.rpc_url, weth, Weth::balanceOfCall { who: relayer }).await);
    }
    for (destination, recipient, output) in &recipients {
        assert_eq!(
            &balance(&destination.rpc_url, *recipient).await,
            output,
            "filled on {}",
            destination.name
        );
        let filled: Vec<Log> = rpc(
            &destination.rpc_url,
            "eth_getLogs",
            serde_json::json!([{ "address": destination.across.unwrap().spoke_pool, "fromBlock": "0x0", "topics": [FilledRelay::SIGNATURE_HASH] }]),
        )
        .await;
        assert_eq!(
            filled.len(),
            3,
            "three origins fill into {}",
            destination.name
        );
    }
    assert_eq!(
        recipients.len(),
        12,
        "every ordered pair of the four chains"
    );

    // A deposit that pays no fee: the relayer declines it. An expired deposit is left too.
    let (origin, destination) = (&m.chains[0], &m.chains[1]);
    let q = SuggestedFeesQuery {
        input_token: origin.across.unwrap().weth,
        output_token: destination.across.unwrap().weth,
        origin_chain_id: origin.chain_id,
        destination_chain_id: destination.chain_id,
        amount,
    };
    let fees = quote::quote(&m, &q).await.unwrap();
    let greedy = address!("0x00000000000000000000000000000000000acc01");
    deposit(
        (origin, destination),
        user,
        greedy,
        amount,
        amount,
        (fees.timestamp, fees.fill_deadline - 60),
    )
    .await;
    let late = address!("0x00000000000000000000000000000000000acc02");
    deposit(
        (origin, destination),
        user,
        late,
        amount,
        amount - fees.total_relay_fee.total,
        (fees.timestamp, fees.timestamp + 30),
    )
    .await;
    Devnet::advance_time(&m, 60).await.unwrap();
    actors.round(&m).await.unwrap();
    assert_eq!(
        balance(&destination.rpc_url, greedy).await,
        U256::ZERO,
        "an unprofitable deposit is left"
    );
    assert_eq!(
        balance(&destination.rpc_url, late).await,
        U256::ZERO,
        "an expired deposit is left"
    );
    let relayer_status = &actors.status()["across relayer"];
    assert_eq!(
        relayer_status.last_action.as_deref(),
        Some("filled 0 deposit(s), declined 1, 1 expired"),
        "{relayer_status:?}"
    );

    // The hub repays every fill on its origin chain and refunds the expired deposit there,
    // through root bundles relayed by each chain's admin path (an OP message, an
    // Arbitrum retryable, an owner call on L1).
    for _ in 0..6 {
        actors.round(&m).await.unwrap();
    }
    assert!(
        actors.status().values().all(|s| s.last_error.is_none()),
        "{:?}",
        actors.status()
    );
    for (chain, before) in m.chains.iter().zip(&filled_balances) {
        let after = view(
            &chain.rpc_url,
            chain.across.unwrap().weth,
            Weth::balanceOfCall { who: relayer },
        )
        .await;
        assert_eq!(
            after - *before,
            amount * U256::from(3),
            "the three fills from {} repaid there",
            chain.name
        );
    }
    let refunded = view(
        &origin.rpc_url,
        origin.across.unwrap().weth,
        Weth::balanceOfCall { who: user },
    )
    .await;
    assert_eq!(
        refunded, amount,
        "the expired deposit is refunded to its depositor on {}",
        origin.name
    );

    // A restarted hub reads what was paid from the chains: it pays nothing twice.
    let mut repaid = Vec::new();
    for chain in &m.chains {
        let weth = chain.across.unwrap().weth;
        repaid.push(view(&chain.rpc_url, weth, Weth::balanceOfCall { who: relayer }).await);
    }
    let mut restarted = Actors::default();
    for _ in 0..4 {
        restarted.round(&m).await.unwrap();
    }
    for (chain, before) in m.chains.iter().zip(&repaid) {
        let weth = chain.across.unwrap().weth;
        let after = view(&chain.rpc_url, weth, Weth::balanceOfCall { who: relayer }).await;
        assert_eq!(&after, before, "nothing repaid twice on {}", chain.name);
    }
    let dataworker = &restarted.status()["across dataworker"];
    assert_eq!(dataworker.last_error, None);
    assert_eq!(
        dataworker.last_action, None,
        "nothing left to relay: {dataworker:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quote_endpoint_speaks_across_and_refuses_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let devnet = Devnet::builder()
        .dir(dir.path())
        .block_time(None)
        .up()
        .await
        .unwrap();
    let m = devnet.manifest().clone();
    let base = m.across.as_ref().unwrap().quote_url.clone();
    let actors = tokio::spawn({
        let dir = dir.path().to_owned();
        async move {
            Actors::default()
                .run(&dir, std::time::Duration::from_secs(1))
                .await
        }
    });
    let (l1, op) = (&m.chains[0], &m.chains[1]);
    let q = SuggestedFeesQuery {
        input_token: l1.across.unwrap().weth,
        output_token: op.across.unwrap().weth,
        origin_chain_id: l1.chain_id,
        destination_chain_id: op.chain_id,
        amount: U256::from(ONE_ETH),
    };
    let mut answer = (0, serde_json::Value::Null);
    for _ in 0..50 {
        answer = get_quote(&base, &q).await;
        if answer.0 == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(answer.0, 200, "{answer:?}");
    for field in [
        "totalRelayFee",
        "relayerCapitalFee",
        "relayerGasFee",
        "lpFee",
        "timestamp",
        "isAmountTooLow",
        "quoteBlock",
        "spokePoolAddress",
        "destinationSpokePoolAddress",
        "exclusiveRelayer",
        "exclusivityDeadline",
        "estimatedFillTimeSec",
        "fillDeadline",
        "limits",
    ] {
        assert!(
            answer.1.get(field).is_some(),
            "{field} missing: {}",
            answer.1
        );
    }
    assert!(
        answer.1["totalRelayFee"]["total"].is_string(),
        "amounts are decimal strings"
    );
    let fees: SuggestedFees = serde_json::from_value(answer.1).unwrap();
    let parts = fees.relayer_capital_fee.total + fees.relayer_gas_fee.total + fees.lp_fee.total;
    assert_eq!(fees.total_relay_fee.total, parts);
    assert_eq!(
        fees.destination_spoke_pool_address,
        op.across.unwrap().spoke_pool
    );

    let wrong_token = SuggestedFeesQuery {
        output_token: Address::repeat_byte(7),
        ..q.clone()
    };
    let (status, body) = get_quote(&base, &wrong_token).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("fills WETH/ETH only"),
        "{body}"
    );
    let unknown_chain = SuggestedFeesQuery {
        destination_chain_id: 5,
        ..q
    };
    let (status, body) = get_quote(&base, &unknown_chain).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("chain 5 has no Across SpokePool"),
        "{body}"
    );
    actors.abort();
}
