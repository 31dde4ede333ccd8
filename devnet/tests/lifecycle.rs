//! The devnet's processes: chains answer, `down` stops exactly them, a killed anvil is
//! seen and restarted, parallel devnets do not collide, bad manifests are rebuilt.

use std::{net::TcpListener, time::Duration};

use alloy::primitives::{Address, U64, U256};
use switchyard_devnet::{ChainKind, ChainState, Devnet, Manifest, manifest, process};

mod common;
use common::rpc;

#[tokio::test(flavor = "multi_thread")]
async fn every_chain_answers_with_its_chain_id() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let ids: Vec<u64> = m.chains.iter().map(|c| c.chain_id).collect();
    assert_eq!(ids, [900, 901, 902, 412_346]);
    assert_eq!(
        m.chains
            .iter()
            .filter(|c| c.kind == ChainKind::OpStack)
            .count(),
        2
    );
    for chain in &m.chains {
        let id: U64 = rpc(&chain.rpc_url, "eth_chainId", serde_json::json!([])).await;
        assert_eq!(id.to::<u64>(), chain.chain_id, "{}", chain.name);
        // The manifest's first test account is funded on every chain.
        let balance: U256 = rpc(
            &chain.rpc_url,
            "eth_getBalance",
            serde_json::json!([m.accounts[0].address, "latest"]),
        )
        .await;
        assert!(balance > U256::ZERO);
    }
    assert_eq!(
        m.accounts[0].address.to_checksum(None),
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    );
    // The manifest on disk is what the handle reports.
    assert_eq!(Manifest::read(devnet.dir()).as_ref(), Some(m));
}

#[tokio::test(flavor = "multi_thread")]
async fn down_stops_exactly_the_recorded_processes() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = Devnet::builder()
        .dir(dir.path())
        .detached(true)
        .up()
        .await
        .unwrap()
        .detach();
    let pids: Vec<u32> = manifest.chains.iter().map(|c| c.pid).collect();
    assert!(pids.iter().all(|p| process::is_alive(*p)));
    // A bystander process that must survive.
    let mut bystander = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let stopped = Devnet::down(dir.path()).unwrap().unwrap();
    assert_eq!(stopped, pids);
    // Detached children are ours until reaped; give the kernel a moment, then check.
    for pid in &pids {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while process::is_alive(*pid) && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(!process::is_alive(*pid), "pid {pid} still alive");
    }
    assert!(
        bystander.try_wait().unwrap().is_none(),
        "down must not touch other processes"
    );
    bystander.kill().unwrap();
    bystander.wait().unwrap();
    assert!(!dir.path().join(manifest::FILE).exists());
    assert_eq!(
        Devnet::down(dir.path()).unwrap(),
        None,
        "a second down has nothing left to stop"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_anvil_shows_in_status_and_up_restarts_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = Devnet::builder()
        .dir(dir.path())
        .block_time(None)
        .detached(true)
        .up()
        .await
        .unwrap()
        .detach();
    let victim = first.chains[1].clone();
    process::terminate(victim.pid, Duration::from_secs(2));
    let status = Devnet::status(dir.path()).await.unwrap();
    assert_eq!(status[1].state, ChainState::Dead);
    assert!(
        status
            .iter()
            .enumerate()
            .all(|(i, s)| i == 1 || s.state == ChainState::Running)
    );

    let again = Devnet::builder()
        .dir(dir.path())
        .block_time(None)
        .detached(true)
        .up()
        .await
        .unwrap();
    assert!(again.started_processes());
    let second = again.detach();
    // Only the dead chain was replaced; the others were reused as they were.
    for (a, b) in first.chains.iter().zip(&second.chains) {
        if a.chain_id == victim.chain_id {
            assert_ne!(a.pid, b.pid);
        } else {
            assert_eq!(a, b);
        }
    }
    assert!(
        Devnet::status(dir.path())
            .await
            .unwrap()
            .iter()
            .all(|s| s.state == ChainState::Running)
    );
    // A third `up` with everything healthy starts nothing.
    let third = Devnet::builder()
        .dir(dir.path())
        .block_time(None)
        .up()
        .await
        .unwrap();
    assert!(!third.started_processes());
    drop(third);
    Devnet::down(dir.path()).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn two_devnets_in_parallel_do_not_collide() {
    let (a, b) = tokio::join!(
        Devnet::builder().block_time(None).up(),
        Devnet::builder().block_time(None).up()
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let ports = |d: &Devnet| {
        d.manifest()
            .chains
            .iter()
            .map(|c| c.port)
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (ports(&a), ports(&b));
    assert!(pa.iter().all(|p| !pb.contains(p)), "{pa:?} vs {pb:?}");
    // Funding on one devnet does not show on the other.
    let who = Address::repeat_byte(0x42);
    Devnet::fund(a.manifest(), who, "7").await.unwrap();
    for chain in &a.manifest().chains {
        let balance: U256 = rpc(
            &chain.rpc_url,
            "eth_getBalance",
            serde_json::json!([who, "latest"]),
        )
        .await;
        assert_eq!(balance, U256::from(7_000_000_000_000_000_000u128));
    }
    for chain in &b.manifest().chains {
        let balance: U256 = rpc(
            &chain.rpc_url,
            "eth_getBalance",
            serde_json::json!([who, "latest"]),
        )
        .await;
        assert_eq!(balance, U256::ZERO);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn taken_port_is_replaced_and_corrupt_manifest_rebuilt() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(manifest::FILE), "{ not json").unwrap();
    let devnet = Devnet::builder()
        .dir(dir.path())
        .block_time(None)
        .preferred_ports(vec![port])
        .up()
        .await
        .unwrap();
    assert_ne!(devnet.manifest().chains[0].port, port);
    assert_eq!(Manifest::read(dir.path()).as_ref(), Some(devnet.manifest()));
}

#[tokio::test(flavor = "multi_thread")]
async fn time_advances_on_all_chains_together() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let now = |url: String| async move {
        let block: serde_json::Value = rpc(
            &url,
            "eth_getBlockByNumber",
            serde_json::json!(["latest", false]),
        )
        .await;
        u64::from_str_radix(
            block["timestamp"]
                .as_str()
                .unwrap()
                .trim_start_matches("0x"),
            16,
        )
        .unwrap()
    };
    let mut before = Vec::new();
    for c in &m.chains {
        before.push(now(c.rpc_url.clone()).await);
    }
    Devnet::advance_time(m, 3600).await.unwrap();
    for (c, t0) in m.chains.iter().zip(before) {
        let t1 = now(c.rpc_url.clone()).await;
        assert!(t1 >= t0 + 3600, "{}: {t0} -> {t1}", c.name);
    }
}
