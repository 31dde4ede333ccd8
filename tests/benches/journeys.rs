//! Benchmark: canonical bridges with 50 ms latency injected on every RPC request (a
//! counting proxy in front of each devnet chain), through the wallet facade.
//!
//! - Quoting a canonical deposit (L1 → op-a) and a withdrawal (op-a → L1, every later step
//!   priced): wall time and HTTP requests per chain.
//! - Following open journeys: one pass of the update stream's journey part
//!   (`Bridges::refresh_open`) over 10 and over 100 open withdrawals spread over op-a,
//!   op-b and arb (their L1 is the fourth chain): wall time and HTTP requests per chain.
//!   The target is a number of requests per chain that does not grow with the journeys.
//!
//! Writes a JSON report to `$CARGO_TARGET_DIR/bench-reports/journeys.json` (or `target/…`).
//! Run with `./scripts/bench.sh`; figures are recorded in docs/benchmarks.md.

use std::time::{Duration, Instant};

use serde_json::json;
use switchyard_core::{accounts::AccountSigner, fees::Speed, tx::Amount, wallet::MoveInput};
use switchyard_devnet::{Manifest, rpc_proxy::RpcProxy};
use switchyard_tests::{anvil_wallet, devnet};

const LATENCY: Duration = Duration::from_millis(50);
const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Proxies(Vec<(String, RpcProxy)>);

impl Proxies {
    fn reset(&self) {
        self.0.iter().for_each(|(_, p)| p.reset_counts());
    }
    fn latency(&self, latency: Duration) {
        self.0.iter().for_each(|(_, p)| p.set_latency(latency));
    }
    fn counts(&self) -> serde_json::Value {
        json!(
            self.0
                .iter()
                .map(|(name, p)| json!({ "chain": name, "http_requests": p.http_requests(), "rpc_calls": p.rpc_calls() }))
                .collect::<Vec<_>>()
        )
    }
    fn max(&self) -> usize {
        self.0
            .iter()
            .map(|(_, p)| p.http_requests())
            .max()
            .unwrap_or(0)
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let devnet = devnet().await;
    // The wallet reaches every chain through a counting proxy.
    let mut manifest = Manifest::read(devnet.dir()).unwrap();
    let mut proxies = Vec::new();
    for chain in &mut manifest.chains {
        let proxy = RpcProxy::start(&chain.rpc_url).await.unwrap();
        chain.rpc_url = proxy.url();
        proxies.push((chain.name.clone(), proxy));
    }
    let proxies = Proxies(proxies);
    let devnet_dir = tempfile::tempdir().unwrap();
    manifest.write(devnet_dir.path()).unwrap();
    let (_data, wallet, session, networks) = anvil_wallet(devnet_dir.path());
    let account = wallet.accounts(false).unwrap().remove(0);
    let signer = AccountSigner::Local(wallet.local_signer(&session, &account).unwrap());
    let bridges = wallet.bridges(&networks);
    let input = |from: Option<&'static str>, to: Option<&'static str>, amount: &str| MoveInput {
        from: None,
        from_chain: from,
        to_chain: to,
        recipient: None,
        asset: None,
        amount: Amount::Exact(amount.into()),
        speed: Speed::Normal,
    };

    // Quotes, with every later step priced.
    proxies.latency(LATENCY);
    let mut quotes = serde_json::Map::new();
    for (name, from, to) in [
        ("deposit", None, Some("op-a")),
        ("withdrawal", Some("op-a"), None),
    ] {
        let mut times = Vec::new();
        let mut counts = json!(null);
        let mut max = 0;
        for _ in 0..RUNS {
            proxies.reset();
            let started = Instant::now();
            let prepared = bridges.prepare(&input(from, to, "0.01")).await.unwrap();
            times.push(started.elapsed());
            assert!(name == "deposit" || prepared.later.len() == 2);
            counts = proxies.counts();
            max = proxies.max();
        }
        let wall = median(times);
        quotes.insert(
            name.into(),
            json!({ "median_wall_ms": ms(wall), "max_http_requests_per_chain": max, "per_chain": counts, "runs": RUNS }),
        );
    }

    // Open journeys: withdrawals waiting for a game or a confirmation (no actors run).
    proxies.latency(Duration::ZERO);
    let mut follow = serde_json::Map::new();
    let mut open = 0;
    for target in [10, 100] {
        while open < target {
            let from = ["op-a", "op-b", "arb"][open % 3];
            // Each a different amount: the same one again would look like a retry.
            let amount = format!("0.001{open:03}");
            let prepared = bridges
                .prepare(&input(Some(from), None, &amount))
                .await
                .unwrap();
            bridges.start(&signer, &prepared).await.unwrap();
            open += 1;
        }
        // One pass to settle what the starts left in flight, then the measured passes.
        bridges.refresh_open(&Default::default()).await.unwrap();
        proxies.latency(LATENCY);
        let mut times = Vec::new();
        let mut counts = json!(null);
        let mut max = 0;
        for _ in 0..RUNS {
            proxies.reset();
            let started = Instant::now();
            let failed = bridges
                .refresh_open(&Default::default())
                .await
                .unwrap()
                .failed;
            times.push(started.elapsed());
            assert!(failed.is_empty(), "{failed:?}");
            counts = proxies.counts();
            max = proxies.max();
        }
        proxies.latency(Duration::ZERO);
        follow.insert(
            format!("{target}_open_journeys"),
            json!({ "median_wall_ms": ms(median(times)), "max_http_requests_per_chain": max, "per_chain": counts, "runs": RUNS }),
        );
    }
    let max_of = |key: &str| follow[key]["max_http_requests_per_chain"].as_u64().unwrap();
    let wall_of = |key: &str| follow[key]["median_wall_ms"].as_f64().unwrap();
    let report = json!({
        "latency_ms": ms(LATENCY),
        "quote": quotes,
        "follow": follow,
        "targets": {
            // A round trip per step and chain: 10× the journeys costs no more round trips
            // (a batch holds at most 100 calls, so 100 journeys' calls leave as parallel
            // batches of the same round trip).
            "follow_wall_time_does_not_grow_with_journeys":
                wall_of("100_open_journeys") <= 1.5 * wall_of("10_open_journeys"),
            "follow_requests_per_chain_at_most_10_for_100_journeys":
                max_of("100_open_journeys") <= 10,
        },
    });
    let dir = std::path::PathBuf::from(
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()),
    )
    .join("bench-reports");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("journeys.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    eprintln!("report: {}", path.display());
}
