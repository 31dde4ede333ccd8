//! Benchmark: what the devnet costs — `devnet up` to ready (everything deployed and
//! initialized: fee predeploys, both OP Stack rollups, the Arbitrum rollup, tokens),
//! cold and when a running devnet is reused; each anvil's resident memory once up; and
//! the actors' CPU on an idle devnet (after the L1's fees settle).
//!
//! Writes a JSON report to `$CARGO_TARGET_DIR/bench-reports/devnet_start.json`. Run with
//! `./scripts/bench.sh`; figures are recorded in docs/benchmarks.md.

use std::time::{Duration, Instant};

use serde_json::json;
use switchyard_devnet::{Devnet, actors::Actors};

const RUNS: usize = 5;
/// Idle time before the CPU is measured (an idle L1's base fee settles in ~2 minutes).
const SETTLE: Duration = Duration::from_secs(150);
const MEASURE: Duration = Duration::from_secs(60);

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// This process's CPU time (user + system), in clock ticks.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let mut cold = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let devnet = Devnet::builder().up().await.unwrap();
        cold.push(started.elapsed().as_secs_f64() * 1000.0);
        rss = devnet
            .manifest()
            .chains
            .iter()
            .map(|c| json!({ "chain": c.name, "rss_mb": rss_kb(c.pid) as f64 / 1024.0 }))
            .collect();
    }

    let dir = tempfile::tempdir().unwrap();
    let running = Devnet::builder()
        .dir(dir.path())
        .detached(true)
        .up()
        .await
        .unwrap();
    let manifest = running.detach();
    let mut reuse = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let again = Devnet::builder().dir(dir.path()).up().await.unwrap();
        reuse.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!again.started_processes());
        again.detach();
    }

    // The actors on the idle devnet, in this process: CPU over MEASURE after SETTLE.
    let actors = tokio::spawn({
        let dir = dir.path().to_owned();
        async move { Actors::default().run(&dir, Duration::from_secs(1)).await }
    });
    tokio::time::sleep(SETTLE).await;
    let before = cpu_ticks();
    tokio::time::sleep(MEASURE).await;
    let ticks = cpu_ticks() - before;
    actors.abort();
    let per_second = 100.0; // USER_HZ on Linux
    let idle_cpu_percent = ticks as f64 / per_second / MEASURE.as_secs_f64() * 100.0;
    let idle_rss: Vec<_> = manifest
        .chains
        .iter()
        .map(|c| json!({ "chain": c.name, "rss_mb": rss_kb(c.pid) as f64 / 1024.0 }))
        .collect();
    Devnet::down(dir.path()).unwrap();

    let report = json!({
        "cold_up_ms": { "median": median(cold.clone()), "runs": cold },
        "reused_up_ms": { "median": median(reuse.clone()), "runs": reuse },
        "rss_after_up": rss,
        "rss_after_idle": idle_rss,
        "actors_idle_cpu_percent_of_one_core": idle_cpu_percent,
        "idle": { "settle_s": SETTLE.as_secs(), "measured_s": MEASURE.as_secs() },
        "targets": {
            "cold_up_at_most_15_s": median(cold) <= 15_000.0,
            "reused_up_at_most_3_s": median(reuse) <= 3_000.0,
        },
    });
    let out = std::path::PathBuf::from(
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()),
    )
    .join("bench-reports");
    std::fs::create_dir_all(&out).unwrap();
    let path = out.join("devnet_start.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    eprintln!("report: {}", path.display());
}
