//! Benchmark: chain reads with 50 ms latency injected on every RPC request (a counting
//! proxy in front of each devnet chain).
//!
//! - Portfolio scan of 10 accounts × 20 tokens × 4 chains: the wallet's scan (one
//!   Multicall3 per chain, chains in parallel) against a naive scan (one request per
//!   balance, sequential within a chain, chains in parallel).
//! - The fee comparison across the 4 chains.
//!
//! Every run uses fresh clients, so the first-contact chain-id check is included. Writes a
//! JSON report to `$CARGO_TARGET_DIR/bench-reports/chain_reads.json` (or `target/…`).
//! Run with `./scripts/bench.sh`; figures are recorded in docs/benchmarks.md.

use std::time::{Duration, Instant};

use alloy::{
    primitives::{Address, Bytes, U256},
    rpc::types::TransactionRequest,
    sol_types::SolCall,
};
use serde_json::json;
use switchyard_core::{
    assets::{ChainScan, Token, TokenSource, balances::IERC20, devnet_tokens, scan_portfolio},
    chain::{ChainKind, ChainSpec},
    fees::{compare::PriceSource, compare_fees},
    rpc::{ChainClient, DEFAULT_TIMEOUT},
};
use switchyard_devnet::rpc_proxy::RpcProxy;
use switchyard_tests::{clients, devnet, raw_rpc};

const LATENCY: Duration = Duration::from_millis(50);
const ACCOUNTS: usize = 10;
const TOKENS: usize = 20;
const RUNS: usize = 5;

struct Chain {
    spec: ChainSpec,
    proxy: RpcProxy,
    tokens: Vec<Token>,
}

impl Chain {
    fn client(&self) -> ChainClient {
        let mut spec = self.spec.clone();
        spec.rpc_urls = vec![self.proxy.url()];
        ChainClient::new(spec, DEFAULT_TIMEOUT).unwrap()
    }
}

/// The devnet's two test tokens plus 18 more ERC-20s: copies of the test token's code at
/// fresh addresses (every `balanceOf` runs real token code; their balances are zero).
async fn twenty_tokens(spec: &ChainSpec) -> Vec<Token> {
    let mut tokens = devnet_tokens(spec);
    let url = &spec.rpc_urls[0];
    let code = raw_rpc(url, "eth_getCode", json!([tokens[0].address, "latest"])).await;
    for i in 0..(TOKENS - tokens.len()) {
        let address = Address::with_last_byte(0xB0 + i as u8);
        raw_rpc(url, "anvil_setCode", json!([address, code])).await;
        tokens.push(Token {
            chain_id: spec.chain_id,
            address,
            symbol: format!("B{i}"),
            name: format!("Bench token {i}"),
            decimals: 18,
            price_feed: None,
            source: TokenSource::User,
        });
    }
    tokens
}

fn feeds(spec: &ChainSpec) -> Vec<(String, Address)> {
    spec.contracts
        .iter()
        .filter(|(n, _)| n.ends_with("_usd_feed"))
        .map(|(n, a)| (n.clone(), *a))
        .collect()
}

fn reset(chains: &[Chain]) {
    chains.iter().for_each(|c| c.proxy.reset_counts());
}

fn counts(chains: &[Chain]) -> serde_json::Value {
    let per_chain: Vec<_> = chains.iter().map(|c| json!({ "chain": c.spec.name, "http_requests": c.proxy.http_requests(), "rpc_calls": c.proxy.rpc_calls() })).collect();
    json!(per_chain)
}

fn total_requests(chains: &[Chain]) -> usize {
    chains.iter().map(|c| c.proxy.http_requests()).sum()
}

fn max_requests(chains: &[Chain]) -> usize {
    chains
        .iter()
        .map(|c| c.proxy.http_requests())
        .max()
        .unwrap_or(0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn wallet_scan(chains: &[Chain], accounts: &[Address]) {
    let scans: Vec<ChainScan> = chains
        .iter()
        .map(|c| ChainScan {
            client: c.client(),
            tokens: c.tokens.clone(),
            feeds: feeds(&c.spec),
        })
        .collect();
    let portfolio = scan_portfolio(&scans, accounts).await;
    assert!(
        portfolio
            .chains
            .iter()
            .all(|c| c.error.is_none() && c.holdings.len() == accounts.len() * (TOKENS + 1))
    );
}

async fn naive_scan(chains: &[Chain], accounts: &[Address]) {
    futures::future::join_all(chains.iter().map(|c| async move {
        let client = c.client();
        for &a in accounts {
            let _: U256 = client
                .request("eth_getBalance", (a, "latest"))
                .await
                .unwrap();
        }
        for t in &c.tokens {
            for &a in accounts {
                let call = TransactionRequest::default()
                    .to(t.address)
                    .input(IERC20::balanceOfCall { owner: a }.abi_encode().into());
                let _: Bytes = client.request("eth_call", (call, "latest")).await.unwrap();
            }
        }
    }))
    .await;
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let devnet = devnet().await;
    let accounts: Vec<Address> = devnet
        .manifest()
        .accounts
        .iter()
        .take(ACCOUNTS)
        .map(|a| a.address)
        .collect();
    let mut chains = Vec::new();
    for c in clients(&devnet) {
        let spec = c.spec().clone();
        let tokens = twenty_tokens(&spec).await;
        let proxy = RpcProxy::start(&spec.rpc_urls[0]).await.unwrap();
        proxy.set_latency(LATENCY);
        chains.push(Chain {
            spec,
            proxy,
            tokens,
        });
    }

    // Portfolio: the wallet's scan.
    let mut times = Vec::new();
    let mut scan_counts = json!(null);
    let (mut scan_total, mut scan_max) = (0, 0);
    for _ in 0..RUNS {
        reset(&chains);
        let started = Instant::now();
        wallet_scan(&chains, &accounts).await;
        times.push(started.elapsed());
        scan_counts = counts(&chains);
        (scan_total, scan_max) = (total_requests(&chains), max_requests(&chains));
    }
    let scan = median(times);

    // Portfolio: naive (one run: it is slow by design).
    reset(&chains);
    let started = Instant::now();
    naive_scan(&chains, &accounts).await;
    let naive = started.elapsed();
    let (naive_total, naive_max) = (total_requests(&chains), max_requests(&chains));

    // Fee comparison across the chains.
    let from = Some(accounts[0]);
    let mut times = Vec::new();
    let mut cmp_counts = json!(null);
    let mut cmp_max = 0;
    for _ in 0..RUNS {
        reset(&chains);
        let with_tokens: Vec<_> = chains
            .iter()
            .map(|c| (c.client(), c.tokens.clone()))
            .collect();
        let l1 = chains
            .iter()
            .find(|c| c.spec.kind == ChainKind::Ethereum)
            .unwrap();
        let price = Some(PriceSource {
            client: l1.client(),
            feed: l1.spec.contracts["eth_usd_feed"],
        });
        let started = Instant::now();
        let cmp = compare_fees(&with_tokens, from, "ETH", "1", price).await;
        times.push(started.elapsed());
        assert!(cmp.rows.iter().all(|r| r.fee.is_some()) && cmp.eth_usd.is_some());
        cmp_counts = counts(&chains);
        cmp_max = max_requests(&chains);
    }
    let compare = median(times);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let latencies = |d: Duration| (ms(d) / ms(LATENCY) * 10.0).round() / 10.0;
    let report = json!({
        "latency_ms": ms(LATENCY),
        "chains": chains.len(),
        "portfolio": {
            "accounts": ACCOUNTS,
            "tokens_per_chain": TOKENS,
            "wallet": { "median_wall_ms": ms(scan), "wall_in_latencies": latencies(scan), "total_http_requests": scan_total, "max_http_requests_per_chain": scan_max, "per_chain": scan_counts, "runs": RUNS },
            "naive": { "wall_ms": ms(naive), "wall_in_latencies": latencies(naive), "total_http_requests": naive_total, "max_http_requests_per_chain": naive_max },
            "request_ratio": naive_total as f64 / scan_total as f64,
            "speedup": ms(naive) / ms(scan),
        },
        "fee_comparison": { "median_wall_ms": ms(compare), "wall_in_latencies": latencies(compare), "max_http_requests_per_chain": cmp_max, "per_chain": cmp_counts, "runs": RUNS },
        "targets": {
            "portfolio_round_trips_per_chain_at_most_2": scan_max <= 2,
            "portfolio_requests_at_least_20x_fewer": naive_total >= 20 * scan_total,
            "fee_comparison_round_trips_at_most_2": cmp_max <= 2,
        },
    });
    let dir = std::path::PathBuf::from(
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()),
    )
    .join("bench-reports");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("chain_reads.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    eprintln!("report: {}", path.display());
}
