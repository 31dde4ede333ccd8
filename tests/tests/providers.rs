//! Providers on the devnet, seen through a counting, fault-injecting proxy: a whole
//! portfolio is one HTTP request per chain; a failing endpoint (refused, dropped, hung,
//! garbage, 5xx, 429, wrong chain) is skipped without the user seeing an error; and when
//! every endpoint is down the error says so.

use std::time::Duration;

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, U64, U256},
};
use switchyard_core::{
    assets::{AssetId, ChainScan, devnet_tokens, scan_portfolio},
    chain::{ChainKind, ChainSpec},
    fees::op_stack::{IGasPriceOracle, oracle_l1_fee},
    networks::{NetworkError, verify_rpc},
    rpc::{ChainCheck, ChainClient, RpcError},
};
use switchyard_devnet::rpc_proxy::{Fault, RpcProxy};
use switchyard_tests::{balance, clients, devnet};

/// Short, so a hung endpoint costs the test half a second.
const TIMEOUT: Duration = Duration::from_millis(500);

fn with_urls(spec: &ChainSpec, urls: Vec<String>) -> ChainClient {
    let mut spec = spec.clone();
    spec.rpc_urls = urls;
    ChainClient::new(spec, TIMEOUT).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_portfolio_of_many_accounts_and_tokens_is_one_request_per_chain() {
    let devnet = devnet().await;
    let accounts: Vec<Address> = devnet
        .manifest()
        .accounts
        .iter()
        .map(|a| a.address)
        .take(6)
        .collect();
    let mut proxies = Vec::new();
    let mut scans = Vec::new();
    for client in clients(&devnet) {
        let proxy = RpcProxy::start(&client.spec().rpc_urls[0]).await.unwrap();
        let proxied = with_urls(client.spec(), vec![proxy.url()]);
        let feeds: Vec<(String, Address)> = client
            .spec()
            .contracts
            .iter()
            .filter(|(n, _)| n.ends_with("_usd_feed"))
            .map(|(n, a)| (n.clone(), *a))
            .collect();
        scans.push(ChainScan {
            tokens: devnet_tokens(client.spec()),
            client: proxied,
            feeds,
        });
        proxies.push((client, proxy));
    }
    let portfolio = scan_portfolio(&scans, &accounts).await;
    assert!(!portfolio.prices.is_empty(), "the ETH/USD feed rode along");
    for ((client, proxy), chain) in proxies.iter().zip(&portfolio.chains) {
        assert!(chain.error.is_none(), "{:?}", chain.error);
        // 6 accounts × (ETH + 2 tokens), first contact's chain-id check included: one request.
        assert_eq!(
            proxy.http_requests(),
            1,
            "{}: {:?}",
            client.name(),
            proxy.methods()
        );
        assert_eq!(chain.holdings.len(), accounts.len() * 3);
        for h in chain.holdings.iter().filter(|h| h.asset == AssetId::Native) {
            assert_eq!(
                h.amount,
                balance(client, h.account, None).await,
                "{}",
                client.name()
            );
        }
        assert!(chain.holdings.iter().all(|h| h.amount > U256::ZERO));
    }
    assert!(portfolio.usd_total.0 > U256::ZERO);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_first_endpoint_is_skipped_without_an_error() {
    let devnet = devnet().await;
    let client = clients(&devnet)
        .into_iter()
        .find(|c| c.spec().kind == ChainKind::OpStack)
        .unwrap();
    let good = client.spec().rpc_urls[0].clone();
    let who = devnet.manifest().accounts[0].address;
    let expected = balance(&client, who, None).await;
    let faults = [
        Fault::Drop,
        Fault::Hang,
        Fault::Garbage,
        Fault::Status(503),
        Fault::Status(502),
        Fault::Status(429),
        // The right chain id, then data of the wrong shape: failing, like the others.
        Fault::CorruptResults,
        // More than the wallet reads (16 MiB): failing, and never held in memory whole.
        Fault::Oversized(switchyard_core::rpc::MAX_RESPONSE_BYTES + 1),
    ];
    for fault in faults {
        let proxy = RpcProxy::start(&good).await.unwrap();
        proxy.set_fault(fault.clone());
        let c = with_urls(client.spec(), vec![proxy.url(), good.clone()]);
        let got: U256 = c
            .request("eth_getBalance", (who, "latest"))
            .await
            .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert_eq!(got, expected, "{fault:?}");
        let health = c.health();
        assert_eq!(health[0].consecutive_failures, 1, "{fault:?}");
        assert!(health[0].last_error.is_some());
        assert_eq!(health[1].chain_check, ChainCheck::Verified);
        // The failed endpoint cools down: the next read goes straight to the healthy one.
        let before = proxy.http_requests();
        let _: U64 = c.request("eth_blockNumber", ()).await.unwrap();
        assert_eq!(
            proxy.http_requests(),
            before,
            "{fault:?}: cooled-down endpoint not retried at once"
        );
    }
    // A refused connection (nothing listens on the port).
    let dead = format!("http://127.0.0.1:{}", free_port());
    let c = with_urls(client.spec(), vec![dead, good.clone()]);
    let got: U256 = c.request("eth_getBalance", (who, "latest")).await.unwrap();
    assert_eq!(got, expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn typed_contract_calls_ride_the_same_failover() {
    let devnet = devnet().await;
    let client = clients(&devnet)
        .into_iter()
        .find(|c| c.spec().kind == ChainKind::OpStack)
        .unwrap();
    let good = client.spec().rpc_urls[0].clone();
    let latest = BlockId::Number(BlockNumberOrTag::Latest);
    let unsigned = [0x02, 0xc0, 0x01, 0x02, 0x03];
    let expected = oracle_l1_fee(&client, &unsigned, latest).await.unwrap();
    assert!(
        expected > U256::ZERO,
        "the devnet's oracle charges for L1 data"
    );

    // The typed call (a `sol!` instance over the client's provider) skips a failing
    // endpoint exactly as a plain request does.
    let proxy = RpcProxy::start(&good).await.unwrap();
    proxy.set_fault(Fault::Garbage);
    let c = with_urls(client.spec(), vec![proxy.url(), good.clone()]);
    assert_eq!(
        oracle_l1_fee(&c, &unsigned, latest).await.unwrap(),
        expected
    );
    assert_eq!(c.health()[0].consecutive_failures, 1);

    // A contract that is not there is the chain's answer of the wrong shape, named.
    let none = IGasPriceOracle::new(Address::repeat_byte(0x77), client.provider())
        .l1BaseFee()
        .call()
        .await
        .map_err(|e| client.contract_error("l1BaseFee", e))
        .unwrap_err();
    assert!(
        matches!(&none, RpcError::Malformed { method, .. } if method == "l1BaseFee"),
        "{none:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nodes_error_text_is_cleaned_and_cut_before_anyone_shows_it() {
    let devnet = devnet().await;
    let client = clients(&devnet).remove(0);
    let proxy = RpcProxy::start(&client.spec().rpc_urls[0]).await.unwrap();
    let c = with_urls(client.spec(), vec![proxy.url()]);
    let _: U64 = c.request("eth_blockNumber", ()).await.unwrap();
    proxy.set_fault(Fault::HostileError);
    let err = c
        .request::<_, U64>("eth_blockNumber", ())
        .await
        .unwrap_err();
    let RpcError::Rejected { message, .. } = &err else {
        panic!("{err}");
    };
    assert!(
        message.starts_with(" [2J [31mnonce too low [0m Done"),
        "{message:?}"
    );
    assert!(!err.to_string().chars().any(char::is_control), "{err:?}");
    assert!(message.chars().count() <= switchyard_core::text::MAX_REMOTE_CHARS + 1);
    assert!(message.ends_with('…'));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_endpoint_serving_another_chain_is_refused() {
    let devnet = devnet().await;
    let all = clients(&devnet);
    let op: Vec<_> = all
        .iter()
        .filter(|c| c.spec().kind == ChainKind::OpStack)
        .collect();
    let (a, b) = (op[0], op[1]);
    // op-a's spec, whose first endpoint is really op-b.
    let c = with_urls(
        a.spec(),
        vec![b.spec().rpc_urls[0].clone(), a.spec().rpc_urls[0].clone()],
    );
    let id: U64 = c.request("eth_chainId", ()).await.unwrap();
    assert_eq!(id.to::<u64>(), a.spec().chain_id);
    assert_eq!(
        c.health()[0].chain_check,
        ChainCheck::WrongChain(b.spec().chain_id)
    );
    // It is never used again.
    let _: U64 = c.request("eth_blockNumber", ()).await.unwrap();
    assert_eq!(c.health()[0].successes, 0);
    // Adding such an RPC is refused with the reason.
    let err = verify_rpc(&b.spec().rpc_urls[0], a.spec().chain_id, TIMEOUT)
        .await
        .unwrap_err();
    assert!(
        matches!(err, NetworkError::WrongChain { got, .. } if got == b.spec().chain_id),
        "{err}"
    );
    assert!(err.to_string().contains("not added"), "{err}");
    verify_rpc(&a.spec().rpc_urls[0], a.spec().chain_id, TIMEOUT)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn all_endpoints_down_is_one_clear_error() {
    let devnet = devnet().await;
    let client = clients(&devnet).remove(0);
    let proxy = RpcProxy::start(&client.spec().rpc_urls[0]).await.unwrap();
    proxy.set_fault(Fault::Status(503));
    let c = with_urls(
        client.spec(),
        vec![format!("http://127.0.0.1:{}", free_port()), proxy.url()],
    );
    let err = c
        .request::<_, U64>("eth_blockNumber", ())
        .await
        .unwrap_err();
    assert!(matches!(err, RpcError::Unreachable { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("cannot be reached") && text.contains("503"),
        "{text}"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
