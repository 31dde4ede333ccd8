//! `switchyard watch --json` on a devnet: a line for each change of a sent transaction,
//! as it happens — included, then final.

use std::{
    io::{BufRead, BufReader},
    sync::mpsc,
    time::Duration,
};

use serde_json::Value;

mod common;
use common::{DownOnDrop, init, json, process};

const SECOND: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/// Kills the watcher even when an assertion fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_prints_a_line_when_a_transaction_is_included_and_when_it_is_final() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);
    let op_a = manifest["chains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "op-a")
        .unwrap()["rpc_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let node = alloy::rpc::client::RpcClient::new_http(op_a.parse().unwrap());
    let call = |method: &'static str, params: Value| {
        runtime
            .block_on(node.request::<_, Value>(method, params))
            .unwrap()
    };
    call("evm_setAutomine", serde_json::json!([false]));
    let sent = json(
        d,
        &[
            "send",
            "--chain",
            "op-a",
            "--to",
            SECOND,
            "--amount",
            "0.1",
            "--yes",
            "--no-wait",
        ],
    );
    let hash = sent["hash"].as_str().unwrap().to_owned();

    let mut watcher = process(d)
        .args(["--json", "watch", "--interval", "1", "--stop-after", "120"])
        .stdin(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = watcher.stdout.take().unwrap();
    let _watcher = KillOnDrop(watcher);
    let (lines, received) = mpsc::channel::<Value>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
            if lines.send(value).is_err() {
                break;
            }
        }
    });
    let status_line = |want: &str| loop {
        let update = received
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no line saying {hash} is {want}"));
        assert_eq!(update["kind"], "transaction", "{update}");
        if update["tx"]["hash"] == hash.as_str() && update["tx"]["status"] == want {
            return update;
        }
    };

    call("evm_mine", serde_json::json!([]));
    let included = status_line("included");
    assert_eq!(included["tx"]["succeeded"], true);
    assert!(included["attention"].is_null(), "{included}");
    // Anvil calls a block final 64 blocks later.
    call("anvil_mine", serde_json::json!(["0x46"]));
    let fin = status_line("final");
    assert_eq!(fin["tx"]["blockNumber"], included["tx"]["blockNumber"]);
}
