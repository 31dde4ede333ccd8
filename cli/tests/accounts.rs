//! Many accounts at once: `account add --count N` derives them in one unlock (all or
//! none, bounded), and `account discover` finds the recovery phrase's accounts in use on
//! the devnet's chains and adds those missing.

use serde_json::Value;

mod common;
use common::{DownOnDrop, cmd, fails_with, init, json};

/// BIP44 index 1 of anvil's test phrase.
const ANVIL_1: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

#[test]
fn a_thousand_accounts_in_one_unlock_and_every_bad_count_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    init(d);
    for bad in ["0", "10001"] {
        let (code, message) = fails_with(cmd(d).args(["account", "add", "--count", bad]));
        assert_eq!(code, "invalid_count", "{message}");
        assert!(message.contains("between 1 and 10000"), "{message}");
    }
    let added = json(d, &["account", "add", "--count", "1000", "--label", "bulk"]);
    let added = added.as_array().unwrap();
    assert_eq!(added.len(), 1000);
    assert_eq!(
        added[0]["address"], ANVIL_1,
        "the next index after account 0"
    );
    assert_eq!(added[0]["label"], "bulk 1");
    assert_eq!(added[999]["label"], "bulk 1000");
    let distinct: std::collections::HashSet<&str> = added
        .iter()
        .map(|a| a["address"].as_str().unwrap())
        .collect();
    assert_eq!(distinct.len(), 1000);
    let all = json(d, &["account", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 1001);
    // The next single add continues after them.
    let next = json(d, &["account", "add"]);
    assert!(!distinct.contains(next["address"].as_str().unwrap()));
}

#[test]
fn discovery_adds_the_accounts_in_use_on_the_devnet_and_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);
    // The devnet funds anvil's test accounts: every one but the first (already added) is found.
    let funded: Vec<Value> = manifest["accounts"].as_array().unwrap()[1..].to_vec();
    let added = json(d, &["account", "discover"]);
    let lower = |a: &Value| a["address"].as_str().unwrap().to_ascii_lowercase();
    let added: Vec<String> = added.as_array().unwrap().iter().map(lower).collect();
    let expected: Vec<String> = funded.iter().map(lower).collect();
    assert_eq!(added, expected);
    assert_eq!(json(d, &["account", "discover"]), serde_json::json!([]));
}
