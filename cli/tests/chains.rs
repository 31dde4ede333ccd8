//! The chain commands end to end against a detached devnet: balances, fees compare, send
//! (and its refusals), tx list, networks and tokens.

use serde_json::Value;
use switchyard_core::views::{AccountView, FeeComparisonView, NetworksView, PortfolioView, TxView};

mod common;
use common::{DownOnDrop, cmd, fails_with, init, json};

const SECOND: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/// `json` is exactly a `T` of the core's views — the type the app's command returns too:
/// it reads back with no unknown field and writes out the same.
fn same_shape<T: serde::Serialize + serde::de::DeserializeOwned>(json: &Value) {
    let view: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("not a {}: {e}\n{json}", std::any::type_name::<T>()));
    assert_eq!(&serde_json::to_value(view).unwrap(), json);
}

/// The error code and message of a command that must fail.
fn fails(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    fails_with(cmd(dir).args(args))
}

#[test]
fn chain_commands_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);

    // Balances on every chain, with a USD total from the devnet's feed: amounts in base-10
    // base units beside their decimals and symbol, never hex.
    let portfolio = json(d, &["balances"]);
    same_shape::<PortfolioView>(&portfolio);
    let chains = portfolio["chains"].as_array().unwrap();
    assert_eq!(chains.len(), 4);
    for c in chains {
        assert!(c["error"].is_null(), "{c}");
        let eth = c["holdings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["token"].is_null())
            .unwrap();
        assert_eq!(
            (
                eth["amount"].as_str(),
                eth["decimals"].as_u64(),
                eth["symbol"].as_str()
            ),
            (Some("10000000000000000000000"), Some(18), Some("ETH")),
            "10000 ETH on {}",
            c["chain"]
        );
    }
    assert_ne!(portfolio["usdTotal"], "0");

    // The comparison lists every chain, cheapest first.
    let cmp = json(d, &["fees", "compare", "--amount", "0.1"]);
    same_shape::<FeeComparisonView>(&cmp);
    let rows = cmp["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .all(|r| r["fee"].is_object() && r["fee"]["usd"].is_object()),
        "{cmp}"
    );

    // A send on an OP chain, waited for: included, with its L1 data fee.
    let tx = json(
        d,
        &[
            "send", "--chain", "op-a", "--to", SECOND, "--amount", "0.5", "--yes",
        ],
    );
    assert_eq!(tx["status"], "included", "{tx}");
    assert_eq!(tx["succeeded"], true);
    assert_ne!(tx["l1Fee"], Value::Null);
    same_shape::<TxView>(&tx);
    // To a contact, by name, as in the app.
    json(d, &["contacts", "add", "Second", SECOND]);
    let to_contact = json(
        d,
        &[
            "send", "--chain", "op-a", "--to", "Second", "--amount", "0.25", "--yes",
        ],
    );
    assert_eq!(to_contact["to"], SECOND, "{to_contact}");
    assert_eq!(to_contact["status"], "included");
    json(d, &["contacts", "remove", SECOND]);
    let (code, message) = fails(d, &["contacts", "remove", SECOND]);
    assert_eq!(code, "account_not_found", "{message}");
    let history = json(d, &["tx", "list"]);
    same_shape::<Vec<TxView>>(&history);
    assert_eq!(history.as_array().unwrap().len(), 2);
    let shown = json(d, &["tx", "show", &tx["hash"].as_str().unwrap()[..12]]);
    assert_eq!(shown["feePaid"], tx["feePaid"]);

    // Refusals, each with its own code, none signing anything.
    let bad_checksum = SECOND.replace('C', "c");
    assert_eq!(
        fails(
            d,
            &[
                "send",
                "--chain",
                "op-a",
                "--to",
                &bad_checksum,
                "--amount",
                "1",
                "--yes"
            ]
        )
        .0,
        "address_checksum"
    );
    assert_eq!(
        fails(
            d,
            &[
                "send",
                "--chain",
                "op-a",
                "--to",
                SECOND,
                "--asset",
                "SYUSD",
                "--amount",
                "1.1234567",
                "--yes"
            ]
        )
        .0,
        "invalid_amount"
    );
    assert_eq!(
        fails(
            d,
            &[
                "send", "--chain", "op-a", "--to", SECOND, "--amount", "10000", "--yes"
            ]
        )
        .0,
        "insufficient_funds"
    );
    assert_eq!(
        fails(
            d,
            &[
                "send", "--chain", "op-a", "--to", SECOND, "--asset", "NOPE", "--amount", "1",
                "--yes"
            ]
        )
        .0,
        "unknown_token"
    );
    assert_eq!(
        fails(
            d,
            &[
                "send", "--chain", "zksync", "--to", SECOND, "--amount", "1", "--yes"
            ]
        )
        .0,
        "unknown_chain"
    );
    let (code, message) = fails(
        d,
        &["send", "--chain", "op-a", "--to", SECOND, "--amount", "1"],
    );
    assert!(code == "input" && message.contains("--yes"), "{message}");
    assert_eq!(
        json(d, &["tx", "list"]).as_array().unwrap().len(),
        2,
        "nothing else was signed"
    );

    // RPC endpoints: another chain's is refused; the same node under another name is added.
    let url = |i: usize| {
        manifest["chains"][i]["rpc_url"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (code, message) = fails(d, &["networks", "rpc-add", "op-a", &url(2)]);
    assert_eq!(code, "rpc_wrong_chain", "{message}");
    let alias = url(1).replace("127.0.0.1", "localhost");
    json(d, &["networks", "rpc-add", "op-a", &alias]);
    let list = json(d, &["networks", "list"]);
    same_shape::<NetworksView>(&list);
    same_shape::<Vec<AccountView>>(&json(d, &["account", "list"]));
    let op_a = list["chains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["chainId"] == 901)
        .unwrap();
    assert_eq!(op_a["rpcUrls"][0], alias, "user RPCs are tried first");
    // Only an endpoint the person added can be removed, once.
    json(d, &["networks", "rpc-remove", "op-a", &alias]);
    let (code, message) = fails(d, &["networks", "rpc-remove", "op-a", &alias]);
    assert_eq!(code, "rpc_not_added", "{message}");
    let (code, _) = fails(d, &["networks", "rpc-remove", "op-a", &url(1)]);
    assert_eq!(code, "rpc_not_added", "a built-in endpoint stays");

    // Networks: added only when the RPC serves the chain id given.
    let (code, _) = fails(
        d,
        &[
            "networks",
            "add",
            "--name",
            "Mine",
            "--chain-id",
            "5",
            "--rpc",
            &url(0),
        ],
    );
    assert_eq!(code, "rpc_wrong_chain");
    let (code, message) = fails(
        d,
        &[
            "networks",
            "add",
            "--name",
            "Again",
            "--chain-id",
            "900",
            "--rpc",
            &url(0),
        ],
    );
    assert!(
        code == "invalid_network" && message.contains("add an RPC endpoint to it"),
        "{message}"
    );
    // The devnet L1 as a network of the mainnets profile (no mainnet RPC is contacted).
    let added = json(
        d,
        &[
            "--network",
            "mainnets",
            "networks",
            "add",
            "--name",
            "My L1",
            "--chain-id",
            "900",
            "--rpc",
            &url(0),
        ],
    );
    assert_eq!(added["name"], "My L1");
    assert_eq!(
        fails(d, &["--network", "moon", "balances"]).0,
        "unknown_profile"
    );

    // Tokens: metadata read from the chain; a contract that is not an ERC-20 is refused.
    let token = manifest["chains"][1]["contracts"]["test_token_6"]
        .as_str()
        .unwrap()
        .to_owned();
    let added = json(d, &["tokens", "add", "--chain", "op-a", &token]);
    assert_eq!(
        (added["symbol"].as_str(), added["decimals"].as_u64()),
        (Some("SYUSD"), Some(6))
    );
    let (code, _) = fails(
        d,
        &[
            "tokens",
            "add",
            "--chain",
            "l1",
            "0xcA11bde05977b3631167028862bE2a173976CA11",
        ],
    );
    assert_eq!(code, "not_a_token");
}
