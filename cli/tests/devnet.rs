//! `switchyard devnet` end to end: up (detached), status, fund, time, down.

use predicates::str::contains;
use serde_json::Value;

mod common;
use common::{DownOnDrop, cmd, json};

#[test]
fn devnet_commands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let up = cmd(d)
        .args(["--json", "devnet", "up", "--detach", "--block-time", "0"])
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore secret")
        .env("SWITCHYARD_PASSPHRASE", "bip39 secret")
        .output()
        .unwrap();
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    let manifest: Value = serde_json::from_slice(&up.stdout).unwrap();
    assert_eq!(manifest["chains"].as_array().unwrap().len(), 4);
    // The processes it started (anvils, actors) inherited none of the wallet's secrets.
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("devnet/devnet.json")).unwrap())
            .unwrap();
    let pids = recorded["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["pid"].as_u64().unwrap())
        .chain(recorded["actors_pid"].as_u64());
    for pid in pids {
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
        let environ = String::from_utf8_lossy(&environ);
        assert!(environ.contains("PATH="), "pid {pid}: environment readable");
        for secret in switchyard_core::keys::SECRET_ENV_VARS {
            assert!(!environ.contains(secret), "pid {pid} inherited {secret}");
        }
    }
    let status = json(d, &["devnet", "status"]);
    assert!(
        status["chains"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["state"] == "running"),
        "{status}"
    );
    // Idempotent: a second up reuses the same processes.
    let again = json(d, &["devnet", "up", "--detach"]);
    assert_eq!(again["chains"], manifest["chains"]);
    cmd(d)
        .args([
            "devnet",
            "fund",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "--amount",
            "2.5",
        ])
        .assert()
        .success();
    cmd(d)
        .args([
            "devnet",
            "fund",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "--amount",
            "1.0000000000000000001",
        ])
        .assert()
        .failure()
        .stderr(contains("more than 18 decimals"));
    cmd(d)
        .args([
            "devnet",
            "fund",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
        ])
        .assert()
        .failure()
        .stderr(contains("checksum"));
    cmd(d)
        .args(["devnet", "time", "advance", "120"])
        .assert()
        .success();
    // The OP chains' faults on demand, each refusing what does not exist with a sentence.
    cmd(d)
        .args(["devnet", "op", "pause-proposer", "--chain", "op-a"])
        .assert()
        .success()
        .stdout(contains("Paused op-a's proposer"));
    let paused = json(d, &["devnet", "status"]);
    assert_eq!(
        paused["actors"]["paused"],
        serde_json::json!(["op-a proposer"]),
        "{paused}"
    );
    cmd(d)
        .args(["devnet", "op", "resume-proposer", "--chain", "901"])
        .assert()
        .success();
    cmd(d)
        .args(["devnet", "op", "retire-games", "--chain", "op-b"])
        .assert()
        .success()
        .stdout(contains("Retired every dispute game of op-b"));
    cmd(d)
        .args(["devnet", "op", "retire-games", "--chain", "arb"])
        .assert()
        .failure()
        .stderr(contains("arb is not an OP Stack chain"));
    cmd(d)
        .args(["devnet", "op", "pause-proposer", "--chain", "op-z"])
        .assert()
        .failure()
        .stderr(contains("no devnet chain is named op-z"));
    cmd(d)
        .args([
            "devnet",
            "op",
            "blacklist-game",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        ])
        .assert()
        .failure()
        .stderr(contains("is not a dispute game of op-a or op-b"));
    // `up --detach` also started the actors process, recorded in the manifest.
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("devnet/devnet.json")).unwrap())
            .unwrap();
    let actors = recorded["actors_pid"].as_u64().expect("actors running") as u32;
    assert!(std::path::Path::new(&format!("/proc/{actors}")).exists());
    // Its actors report: the OP sequencers and proposers have run a round.
    let status = json(d, &["devnet", "status"]);
    assert_eq!(status["actors"]["running"], true, "{status}");
    let proposed = |status: &Value| {
        status["actors"]["actors"]["op-a proposer"]["lastAction"]
            .as_str()
            .is_some_and(|a| a.starts_with("proposed the output of L2 block"))
    };
    let mut status = json(d, &["devnet", "status"]);
    for _ in 0..100 {
        if proposed(&status) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        status = json(d, &["devnet", "status"]);
    }
    assert!(proposed(&status), "{status}");
    let down = json(d, &["devnet", "down"]);
    let stopped = down["stopped_pids"].as_array().unwrap();
    assert_eq!(stopped.len(), 5, "four anvils and the actors: {down}");
    assert!(
        stopped
            .iter()
            .any(|p| p.as_u64() == Some(u64::from(actors)))
    );
    cmd(d)
        .args(["devnet", "status"])
        .assert()
        .failure()
        .stderr(contains("devnet up"));
}

#[test]
fn a_tools_folder_that_is_not_there_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-tools-here");
    let out = cmd(dir.path())
        .args(["--json", "devnet", "up", "--detach"])
        .env("SWITCHYARD_DEVNET_TOOLS", &missing)
        .env_remove("SWITCHYARD_ANVIL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(message.contains("SWITCHYARD_DEVNET_TOOLS"), "{message}");
    // Nothing was started, and nothing is left to stop.
    assert_eq!(json(dir.path(), &["devnet", "down"])["was_running"], false);
}
