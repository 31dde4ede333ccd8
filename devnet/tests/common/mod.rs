//! Test helpers shared by the devnet's test binaries.

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
