//! The RPC proxy in front of a single anvil (no full devnet): forwarding, counting, each fault
//! as the wallet's client (alloy over reqwest) sees it, latency, switching upstream, and
//! stopping when dropped.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use alloy::{
    primitives::U64,
    rpc::client::RpcClient,
    transports::{
        TransportError, TransportErrorKind,
        http::reqwest::{self, StatusCode, header::CONTENT_TYPE},
    },
};
use switchyard_devnet::rpc_proxy::{Fault, GARBAGE_BODY, RpcProxy};

/// A client call never waits longer than this, so a broken proxy fails the test, not hangs it.
const GIVE_UP: Duration = Duration::from_secs(10);

/// One anvil, killed when dropped (also when the test panics).
struct Anvil {
    child: Child,
    url: String,
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts anvil with `chain_id` on a free port and waits until it answers.
async fn anvil(chain_id: u64) -> Anvil {
    let binary = switchyard_devnet::anvil::binary().expect("anvil (run scripts/setup.sh)");
    // Another process may take the port between here and anvil binding it; the wait below
    // would then fail the test with anvil's exit status rather than hang.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let child = Command::new(binary)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--chain-id", &chain_id.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn anvil");
    let mut anvil = Anvil {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    loop {
        if let Ok(id) = chain_id_via(&client(&anvil.url, GIVE_UP)).await {
            assert_eq!(id, chain_id, "another node answers on {}", anvil.url);
            return anvil;
        }
        if let Ok(Some(status)) = anvil.child.try_wait() {
            panic!("anvil on port {port} exited: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "anvil did not answer"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An alloy client like the wallet's, with a request timeout.
fn client(url: &str, timeout: Duration) -> RpcClient {
    let http = http_client(timeout);
    RpcClient::new_http_with_client(http, url.parse().unwrap())
}

fn http_client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
        .unwrap()
}

async fn chain_id_via(client: &RpcClient) -> Result<u64, TransportError> {
    let id: U64 = client.request_noparams("eth_chainId").await?;
    Ok(id.to())
}

/// The reqwest error under an alloy transport error, if that is what it is.
fn reqwest_error(err: &TransportError) -> Option<&reqwest::Error> {
    err.as_transport_err()?.as_custom()?.downcast_ref()
}

/// Sends a raw HTTP request and returns the answer's status, content type and body.
async fn send(
    method: reqwest::Method,
    url: &str,
    content_type: Option<&str>,
    body: &str,
) -> (StatusCode, String, String) {
    let mut request = http_client(GIVE_UP)
        .request(method, url)
        .body(body.to_owned());
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().into());
    (
        status,
        content_type.unwrap_or_default(),
        response.text().await.unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn forwards_and_counts_requests_and_calls() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let client = client(&proxy.url(), GIVE_UP);

    assert_eq!(chain_id_via(&client).await.unwrap(), 4242);
    assert_eq!(proxy.http_requests(), 1);
    assert_eq!(proxy.rpc_calls(), 1);
    assert_eq!(proxy.methods(), ["eth_chainId"]);

    proxy.reset_counts();
    assert_eq!((proxy.http_requests(), proxy.rpc_calls()), (0, 0));
    assert!(proxy.methods().is_empty());

    let mut batch = client.new_batch();
    let chain_id = batch.add_call::<_, U64>("eth_chainId", &()).unwrap();
    let block = batch.add_call::<_, U64>("eth_blockNumber", &()).unwrap();
    let net = batch.add_call::<_, String>("net_version", &()).unwrap();
    batch.send().await.unwrap();
    assert_eq!(chain_id.await.unwrap().to::<u64>(), 4242);
    assert_eq!(block.await.unwrap().to::<u64>(), 0);
    assert_eq!(net.await.unwrap(), "4242");
    assert_eq!(proxy.http_requests(), 1);
    assert_eq!(proxy.rpc_calls(), 3);
    assert_eq!(
        proxy.methods(),
        ["eth_chainId", "eth_blockNumber", "net_version"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn forwarding_preserves_method_content_type_status_and_body() {
    use reqwest::Method;
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let call = r#"{"jsonrpc":"2.0","id":7,"method":"eth_chainId","params":[]}"#;
    let json = Some("application/json");
    // anvil answers a call only when it comes as JSON, and a GET with a plain-text 400: the
    // same request to anvil and through the proxy must get the same answer.
    let requests = [
        (Method::POST, json, call),
        (Method::POST, None, call),
        (Method::POST, json, "not json"),
        (Method::GET, None, ""),
    ];
    let mut answers = Vec::new();
    for (method, content_type, body) in requests {
        let direct = send(method.clone(), &node.url, content_type, body).await;
        let proxied = send(method.clone(), &proxy.url(), content_type, body).await;
        assert_eq!(proxied, direct, "{method} {content_type:?} {body}");
        answers.push(proxied);
    }
    // The cases differ, so the comparison above would catch a proxy that loses any of them.
    assert_eq!(answers[0].0, StatusCode::OK);
    assert_eq!(answers[0].1, "application/json");
    assert!(
        answers[0].2.contains(r#""id":7,"result":"0x1092""#),
        "{answers:?}"
    );
    assert!(answers[1].2.contains("Invalid request"), "{answers:?}");
    assert_eq!(answers[3].0, StatusCode::BAD_REQUEST);
    assert!(answers[3].1.starts_with("text/plain"), "{answers:?}");

    assert_eq!(proxy.http_requests(), 4);
    // Only the JSON bodies hold JSON-RPC calls.
    assert_eq!(proxy.methods(), ["eth_chainId", "eth_chainId"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn drop_closes_the_connection_without_an_answer() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let client = client(&proxy.url(), GIVE_UP);
    assert_eq!(chain_id_via(&client).await.unwrap(), 4242);

    proxy.set_fault(Fault::Drop);
    let err = chain_id_via(&client).await.unwrap_err();
    let http = reqwest_error(&err).unwrap_or_else(|| panic!("not a reqwest error: {err:?}"));
    assert!(!http.is_timeout() && http.status().is_none(), "{http:?}");
    assert!(http.is_request(), "{http:?}");
    // Counted, and not retried behind the client's back.
    assert_eq!(proxy.http_requests(), 2);
    assert_eq!(proxy.rpc_calls(), 2);

    proxy.set_fault(Fault::None);
    assert_eq!(chain_id_via(&client).await.unwrap(), 4242);
}

#[tokio::test(flavor = "multi_thread")]
async fn hang_makes_the_client_time_out() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let timeout = Duration::from_millis(500);
    let client = client(&proxy.url(), timeout);
    proxy.set_fault(Fault::Hang);

    let started = Instant::now();
    let result = tokio::time::timeout(GIVE_UP, chain_id_via(&client)).await;
    let err = result.expect("the client's own timeout fires").unwrap_err();
    assert!(started.elapsed() >= timeout);
    let http = reqwest_error(&err).unwrap_or_else(|| panic!("not a reqwest error: {err:?}"));
    assert!(http.is_timeout(), "{http:?}");
    assert_eq!((proxy.http_requests(), proxy.rpc_calls()), (1, 1));
}

#[tokio::test(flavor = "multi_thread")]
async fn garbage_is_a_deserialization_error() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let client = client(&proxy.url(), GIVE_UP);
    proxy.set_fault(Fault::Garbage);

    let err = chain_id_via(&client).await.unwrap_err();
    assert!(err.is_deser_error(), "{err:?}");
    assert!(err.to_string().contains(GARBAGE_BODY), "{err}");
    assert_eq!((proxy.http_requests(), proxy.rpc_calls()), (1, 1));
}

#[tokio::test(flavor = "multi_thread")]
async fn status_is_an_http_error_with_that_status() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let client = client(&proxy.url(), GIVE_UP);

    for code in [503, 500, 502, 429] {
        proxy.set_fault(Fault::Status(code));
        let err = chain_id_via(&client).await.unwrap_err();
        let kind = err.as_transport_err();
        let http = kind
            .and_then(TransportErrorKind::as_http_error)
            .unwrap_or_else(|| panic!("not an HTTP error: {err:?}"));
        assert_eq!(http.status, code);
    }
    assert_eq!((proxy.http_requests(), proxy.rpc_calls()), (4, 4));
}

#[tokio::test(flavor = "multi_thread")]
#[should_panic(expected = "not an HTTP status code")]
async fn status_must_be_an_http_status() {
    let proxy = RpcProxy::start("http://127.0.0.1:9").await.unwrap();
    proxy.set_fault(Fault::Status(42));
}

#[tokio::test(flavor = "multi_thread")]
async fn latency_delays_forwarded_and_faulted_answers() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let client = client(&proxy.url(), GIVE_UP);
    let latency = Duration::from_millis(300);
    proxy.set_latency(latency);

    let started = Instant::now();
    assert_eq!(chain_id_via(&client).await.unwrap(), 4242);
    assert!(started.elapsed() >= latency, "{:?}", started.elapsed());

    proxy.set_fault(Fault::Status(503));
    let started = Instant::now();
    chain_id_via(&client).await.unwrap_err();
    assert!(started.elapsed() >= latency, "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn set_upstream_switches_nodes() {
    let (first, second) = tokio::join!(anvil(4242), anvil(4343));
    let proxy = RpcProxy::start(&first.url).await.unwrap();
    let client = client(&proxy.url(), GIVE_UP);
    assert_eq!(chain_id_via(&client).await.unwrap(), 4242);

    proxy.set_upstream(&second.url);
    assert_eq!(chain_id_via(&client).await.unwrap(), 4343);
    proxy.set_upstream(&first.url);
    assert_eq!(chain_id_via(&client).await.unwrap(), 4242);
    assert_eq!(proxy.http_requests(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_upstream_is_a_502() {
    // Nothing listens on a port we bound and released.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let proxy = RpcProxy::start(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap();
    let err = chain_id_via(&client(&proxy.url(), GIVE_UP))
        .await
        .unwrap_err();
    let http = err
        .as_transport_err()
        .and_then(TransportErrorKind::as_http_error);
    assert_eq!(http.map(|h| h.status), Some(502), "{err:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_the_proxy_ends_hung_requests_and_stops_listening() {
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let url = proxy.url();
    proxy.set_fault(Fault::Hang);
    let hung = tokio::spawn({
        let client = client(&url, GIVE_UP);
        async move { chain_id_via(&client).await }
    });
    let started = Instant::now();
    while proxy.http_requests() == 0 {
        assert!(
            started.elapsed() < GIVE_UP,
            "the request never reached the proxy"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    drop(proxy);

    let err = hung.await.unwrap().unwrap_err();
    let http = reqwest_error(&err).unwrap_or_else(|| panic!("not a reqwest error: {err:?}"));
    assert!(
        !http.is_timeout(),
        "the hung request was not ended: {http:?}"
    );
    let err = chain_id_via(&client(&url, GIVE_UP)).await.unwrap_err();
    let http = reqwest_error(&err).unwrap_or_else(|| panic!("not a reqwest error: {err:?}"));
    assert!(http.is_connect(), "still listening: {http:?}");
}

/// The "act, then fail" faults: the node does what was asked (here it mines a transfer
/// from one of its dev accounts), and the client sees a hang, a closed connection or an
/// error. Only other requests' methods pass untouched when the fault targets one method.
#[tokio::test(flavor = "multi_thread")]
async fn act_then_fail_faults_let_the_node_act_and_the_client_see_a_failure() {
    use switchyard_devnet::rpc_proxy::AFTER_FORWARD_ERROR;
    let node = anvil(4242).await;
    let proxy = RpcProxy::start(&node.url).await.unwrap();
    let short = client(&proxy.url(), Duration::from_millis(1500));
    let direct = client(&node.url, GIVE_UP);
    let from: String = direct
        .request_noparams::<Vec<String>>("eth_accounts")
        .await
        .unwrap()
        .remove(0);
    let transfer = serde_json::json!([{ "from": from, "to": format!("0x{}", "51".repeat(20)), "value": "0x1" }]);
    let nonce = async || -> u64 {
        direct
            .request::<_, U64>("eth_getTransactionCount", (&from, "latest"))
            .await
            .unwrap()
            .to()
    };

    for (i, fault) in [
        Fault::ForwardThenHang,
        Fault::ForwardThenDrop,
        Fault::ForwardThenError,
    ]
    .into_iter()
    .enumerate()
    {
        proxy.set_fault_on(&["eth_sendTransaction"], fault.clone());
        // Other methods are forwarded as usual.
        assert_eq!(chain_id_via(&short).await.unwrap(), 4242, "{fault:?}");
        let err = short
            .request::<_, String>("eth_sendTransaction", transfer.clone())
            .await
            .unwrap_err();
        match fault {
            Fault::ForwardThenError => {
                let payload = err.as_error_resp().expect("a JSON-RPC error");
                assert_eq!(payload.message, AFTER_FORWARD_ERROR);
            }
            _ => assert!(err.as_error_resp().is_none(), "{fault:?}: {err}"),
        }
        // The node acted on it all the same. Anvil answers a send once the transaction
        // is in its pool and mines it just after, so the client can see the failure
        // before the block: wait for it (a little), then require exactly one more.
        let expected = i as u64 + 1;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while nonce().await < expected && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(nonce().await, expected, "{fault:?}");
    }
}
