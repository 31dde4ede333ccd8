//! `switchyard send` and `tx` under faults, end to end against a detached devnet: the L1
//! reached only through a fault-injecting proxy (`--devnet-dir` pointing at a manifest
//! that names it), another chain unreachable, and two senders at once.

use std::path::Path;

use serde_json::Value;
use switchyard_devnet::{
    Manifest,
    rpc_proxy::{Fault, RpcProxy},
};

mod common;
use common::{DownOnDrop, cmd, fails_with, init, json, process};

const SECOND: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const THIRD: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

/// A devnet directory whose manifest sends the L1 through `proxy` and names a dead port
/// for op-b (the processes are the real devnet's; nothing here starts or stops them).
fn faulty_devnet_dir(real: &Path, proxy: &RpcProxy, into: &Path) {
    let mut manifest = Manifest::read(real).unwrap();
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for chain in &mut manifest.chains {
        match chain.name.as_str() {
            "l1" => chain.rpc_url = proxy.url(),
            "op-b" => chain.rpc_url = format!("http://127.0.0.1:{dead}"),
            _ => {}
        }
    }
    manifest.write(into).unwrap();
}

fn send(d: &Path, devnet: &Path, chain: &str, to: &str, amount: &str) -> assert_cmd::Command {
    let mut c = cmd(d);
    c.arg("--devnet-dir").arg(devnet).args([
        "send", "--chain", chain, "--to", to, "--amount", amount, "--yes",
    ]);
    c
}

fn status_of(list: &Value, hash: &str) -> (String, Option<String>) {
    let tx = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["hash"] == hash)
        .unwrap_or_else(|| panic!("{hash} not in {list}"));
    (
        tx["status"].as_str().unwrap().to_owned(),
        tx["couldNotCheck"].as_str().map(str::to_owned),
    )
}

#[test]
fn send_tells_the_truth_under_faults_and_one_bad_chain_hides_nothing() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);
    let real = d.join("devnet");
    let url = |name: &str| {
        manifest["chains"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["rpc_url"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // An open transaction on op-b: mining paused there, sent without waiting.
    let op_b = alloy::rpc::client::RpcClient::new_http(url("op-b").parse().unwrap());
    runtime
        .block_on(op_b.request::<_, Value>("evm_setAutomine", (false,)))
        .unwrap();
    let pending = json(
        d,
        &[
            "send",
            "--chain",
            "op-b",
            "--to",
            SECOND,
            "--amount",
            "0.1",
            "--yes",
            "--no-wait",
        ],
    );
    assert_eq!(pending["status"], "pending", "{pending}");
    let pending_hash = pending["hash"].as_str().unwrap().to_owned();

    let proxy = runtime.block_on(RpcProxy::start(&url("l1"))).unwrap();
    let faulty = tempfile::tempdir().unwrap();
    faulty_devnet_dir(&real, &proxy, faulty.path());
    let f = faulty.path();

    // The node takes the transaction, then its answer is lost: never "nothing was sent",
    // and the exit code says it did not end as asked.
    proxy.set_fault_on(&["eth_sendRawTransaction"], Fault::ForwardThenError);
    let (code, message) = fails_with(&mut send(d, f, "l1", THIRD, "0.5"));
    assert_eq!(code, "broadcast_unknown", "{message}");
    assert!(!message.contains("Nothing was sent"), "{message}");
    assert!(message.contains("do not send it again"), "{message}");
    let hash = message
        .split_whitespace()
        .find(|w| w.starts_with("0x") && w.len() == 66)
        .unwrap()
        .to_owned();

    // The same payment again, scripted: refused before signing as a likely double payment.
    let (code, message) = fails_with(&mut send(d, f, "l1", THIRD, "0.5"));
    assert_eq!(code, "possible_duplicate", "{message}");
    assert!(
        message.contains(&hash) && message.contains("--allow-duplicate"),
        "{message}"
    );

    // op-b cannot be reached: every transaction is still listed, op-b's open one marked.
    let list = json(d, &["--devnet-dir", f.to_str().unwrap(), "tx", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let (status, unchecked) = status_of(&list, &pending_hash);
    assert_eq!(status, "pending");
    assert!(unchecked.is_some(), "{list}");
    // The L1 answered reads all along, so its transaction is already settled: the node
    // had it, and it was mined.
    let (status, unchecked) = status_of(&list, &hash);
    assert_eq!((status.as_str(), unchecked), ("included", None), "{list}");
    let shown = json(
        d,
        &["--devnet-dir", f.to_str().unwrap(), "tx", "show", &hash],
    );
    assert_eq!(shown["succeeded"], true);

    // With the real devnet, op-b's transaction is followed again once mined.
    runtime
        .block_on(op_b.request::<_, Value>("evm_mine", ()))
        .unwrap();
    let list = json(d, &["tx", "list"]);
    assert_eq!(
        status_of(&list, &pending_hash),
        ("included".to_owned(), None)
    );

    // Invalid input to fees compare is an error, not a table of failures.
    let (code, _) = fails_with(cmd(d).args(["fees", "compare", "--amount", "abc"]));
    assert_eq!(code, "invalid_amount");
    let (code, _) = fails_with(cmd(d).args(["fees", "compare", "--asset", "NOPE"]));
    assert_eq!(code, "unknown_token");
}

#[test]
fn two_senders_from_one_account_at_once_both_go_through() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);
    let senders: Vec<_> = [SECOND, THIRD]
        .into_iter()
        .map(|to| {
            process(d)
                .args([
                    "--json", "send", "--chain", "op-a", "--to", to, "--amount", "0.2", "--yes",
                ])
                .stdin(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut nonces = Vec::new();
    for sender in senders {
        let out = sender.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let tx: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(tx["status"], "included", "{tx}");
        nonces.push(tx["nonce"].as_u64().unwrap());
    }
    nonces.sort_unstable();
    assert_eq!(
        nonces,
        [0, 1],
        "consecutive nonces, neither replacing the other"
    );
}
