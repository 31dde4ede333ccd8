//! Helpers for the cross-crate tests in `tests/`: a devnet, clients for its chains, and
//! its funded test accounts as signers.

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, U256},
    signers::local::PrivateKeySigner,
};
use switchyard_core::{
    chain::{ChainKind, devnet_profile},
    rpc::{ChainClient, DEFAULT_TIMEOUT},
};
use switchyard_devnet::Devnet;

/// A fresh devnet that mines a block per transaction (deterministic for tests).
pub async fn devnet() -> Devnet {
    Devnet::builder()
        .block_time(None)
        .up()
        .await
        .expect("devnet starts")
}

/// A client for every devnet chain, in manifest order.
pub fn clients(devnet: &Devnet) -> Vec<ChainClient> {
    devnet_profile(devnet.dir())
        .expect("devnet profile")
        .chains
        .into_iter()
        .map(|c| ChainClient::new(c, DEFAULT_TIMEOUT).unwrap())
        .collect()
}

/// The devnet chains of `kind`.
pub fn of_kind(clients: &[ChainClient], kind: ChainKind) -> Vec<ChainClient> {
    clients
        .iter()
        .filter(|c| c.spec().kind == kind)
        .cloned()
        .collect()
}

/// Funded test account `i` of the devnet, as a signer.
pub fn signer(devnet: &Devnet, i: usize) -> PrivateKeySigner {
    devnet.manifest().accounts[i]
        .private_key
        .parse()
        .expect("test key")
}

/// Native balance at `block` (latest when `None`).
pub async fn balance(client: &ChainClient, address: Address, block: Option<u64>) -> U256 {
    let tag = block.map_or(BlockNumberOrTag::Latest, BlockNumberOrTag::Number);
    client
        .request("eth_getBalance", (address, tag))
        .await
        .expect("balance")
}

/// A JSON-RPC call straight to a URL, bypassing the wallet's client.
pub async fn raw_rpc(
    url: &str,
    method: &'static str,
    params: serde_json::Value,
) -> serde_json::Value {
    let client = alloy::rpc::client::RpcClient::new_http(url.parse().unwrap());
    client
        .request(method, params)
        .await
        .unwrap_or_else(|e| panic!("{method}: {e}"))
}

/// Runs a reference client of `tools/reference/` (viem's op-stack actions, `@arbitrum/sdk`)
/// with its JSON arguments; its printed JSON answer.
pub fn reference(script: &str, args: &serde_json::Value) -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tools/reference/");
    let out = std::process::Command::new("node")
        .arg(format!("{path}{script}"))
        .arg(args.to_string())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON value")
}

/// anvil's test phrase: the devnet's funded accounts.
pub const ANVIL_PHRASE: &str = "test test test test test test test test test test test junk";

/// A wallet made from anvil's test phrase (a light KDF: tests, not real funds) in a fresh
/// data directory, on the devnet of `devnet_dir`: the directory (kept while it lives), the
/// wallet, its unlocked session and the devnet profile's networks.
pub fn anvil_wallet(
    devnet_dir: &std::path::Path,
) -> (
    tempfile::TempDir,
    switchyard_core::Wallet,
    switchyard_core::Session,
    switchyard_core::networks::Networks,
) {
    use switchyard_core::keys::{KdfParams, Password, SeedPhrase};
    let data = tempfile::tempdir().expect("temp dir");
    let wallet = switchyard_core::Wallet::open(data.path())
        .expect("wallet opens")
        .with_devnet_dir(devnet_dir.to_owned());
    let light = KdfParams {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
    };
    let (session, _) = wallet
        .create(
            &SeedPhrase::parse(ANVIL_PHRASE).expect("phrase"),
            "",
            &Password::new("correct horse battery"),
            light,
        )
        .expect("wallet created");
    let networks = wallet.networks(Some("devnet")).expect("devnet profile");
    (data, wallet, session, networks)
}
