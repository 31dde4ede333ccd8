//! Test helpers shared by the devnet's test binaries (each uses its own subset, hence
//! the `dead_code` allowance).
#![allow(dead_code)]

use alloy::{
    primitives::{Address, B256, Bytes, U256},
    rpc::types::Log,
    sol_types::SolCall,
};
use switchyard_devnet::{ChainKind, Manifest, ManifestChain, actors::Actors};

/// One ether in wei.
pub const ONE_ETH: u128 = 1_000_000_000_000_000_000;

/// A plain HTTP JSON-RPC call (curl), independent of the devnet's own client.
pub async fn rpc<R: serde::de::DeserializeOwned>(
    url: &str,
    method: &str,
    params: serde_json::Value,
) -> R {
    let body = serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let out = tokio::task::spawn_blocking({
        let url = url.to_owned();
        move || {
            std::process::Command::new("curl")
                .args([
                    "-s",
                    "-m",
                    "5",
                    "-H",
                    "content-type: application/json",
                    "--data",
                ])
                .arg(body.to_string())
                .arg(url)
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let value: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{method}: {out:?}"));
    serde_json::from_value(value["result"].clone()).unwrap_or_else(|_| panic!("{method}: {value}"))
}

/// `eth_call` of `call` on `to`, decoded.
pub async fn view<C: SolCall>(url: &str, to: Address, call: C) -> C::Return {
    let out: Bytes = rpc(
        url,
        "eth_call",
        serde_json::json!([{ "to": to, "data": Bytes::from(call.abi_encode()) }, "latest"]),
    )
    .await;
    C::abi_decode_returns(&out).unwrap()
}

/// Sends from one of anvil's unlocked test accounts; returns the receipt (whatever its status).
pub async fn send(
    url: &str,
    from: Address,
    to: Address,
    data: Vec<u8>,
    value: U256,
) -> serde_json::Value {
    let tx = serde_json::json!({ "from": from, "to": to, "data": Bytes::from(data), "value": value, "gas": "0x4c4b40" });
    let hash: B256 = rpc(url, "eth_sendTransaction", serde_json::json!([tx])).await;
    for _ in 0..200 {
        let receipt: serde_json::Value =
            rpc(url, "eth_getTransactionReceipt", serde_json::json!([hash])).await;
        if !receipt.is_null() {
            return receipt;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("no receipt for {hash}");
}

/// A receipt's logs.
pub fn logs(receipt: &serde_json::Value) -> Vec<Log> {
    serde_json::from_value(receipt["logs"].clone()).unwrap()
}

/// An address's ETH balance.
pub async fn balance(url: &str, who: Address) -> U256 {
    rpc(url, "eth_getBalance", serde_json::json!([who, "latest"])).await
}

/// The devnet's chain of `kind` (the first one).
pub fn chain(m: &Manifest, kind: ChainKind) -> &ManifestChain {
    m.chains.iter().find(|c| c.kind == kind).unwrap()
}

/// One round of every actor, none failing.
pub async fn round(actors: &mut Actors, m: &Manifest) {
    actors.round(m).await.unwrap();
    let failed: Vec<_> = actors
        .status()
        .iter()
        .filter(|(_, s)| s.last_error.is_some())
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
}
