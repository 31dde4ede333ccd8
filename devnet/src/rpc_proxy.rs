//! An HTTP JSON-RPC proxy in front of one node, for tests and benchmarks: it counts the
//! requests that pass and injects faults (dropped connections, hangs, garbage, HTTP errors,
//! latency, and the same after the node has acted on the request), so the wallet's
//! failover, request counts and broadcast outcomes can be checked against a real anvil.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    time::Duration,
};

use alloy::transports::http::reqwest::{self, Url};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{
    Method, Request, Response, StatusCode,
    body::Incoming,
    header::{CONTENT_TYPE, HeaderValue},
    server::conn::http1,
    service::service_fn,
};
use hyper_util::rt::TokioIo;
use tokio::{net::TcpListener, task::JoinSet};

/// What the proxy does with the next requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Forward to the upstream.
    None,
    /// Read the request, then close the connection without answering (the client sees the
    /// connection closed before a response).
    Drop,
    /// Read the request and never answer (a hung endpoint).
    Hang,
    /// Answer 200 with a body that is not JSON-RPC.
    Garbage,
    /// Answer with this HTTP status (500, 502, 503, 429...) and a short plain-text body.
    Status(u16),
    /// Forward, then replace every result but `eth_chainId`'s with a string that is not
    /// hex: an endpoint of the right chain answering malformed data.
    CorruptResults,
    /// Answer 200 with a body of this many bytes (an endpoint sending too much).
    Oversized(usize),
    /// Answer every call with a JSON-RPC error whose message carries terminal escape
    /// sequences and goes on for [`HOSTILE_MESSAGE_LEN`] characters.
    HostileError,
    /// Forward the request and let the node act on it (a transaction reaches its pool),
    /// then never answer: the client cannot tell whether it arrived.
    ForwardThenHang,
    /// Forward the request and let the node act on it, then close the connection without
    /// answering (the proxy "died" after forwarding).
    ForwardThenDrop,
    /// Forward the request and let the node act on it, then answer a JSON-RPC internal
    /// error ([`AFTER_FORWARD_ERROR`]) instead of the node's answer.
    ForwardThenError,
}

/// Length of [`Fault::HostileError`]'s message.
pub const HOSTILE_MESSAGE_LEN: usize = 10_000;

/// The message [`Fault::ForwardThenError`] answers with.
pub const AFTER_FORWARD_ERROR: &str = "injected fault: internal error after forwarding";

/// The body [`Fault::Garbage`] answers with.
pub const GARBAGE_BODY: &str = "<html>garbage</html>";

/// A JSON-RPC proxy on 127.0.0.1. Its server, and every connection it holds (hung ones
/// too), stops when it is dropped.
#[derive(Debug)]
pub struct RpcProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

#[derive(Debug)]
struct Shared {
    client: reqwest::Client,
    // A std mutex: it is never held across an await, and the setters stay synchronous.
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    upstream: Url,
    fault: Fault,
    /// Only requests calling one of these methods get the fault (all when `None`).
    fault_methods: Option<Vec<String>>,
    latency: Duration,
    http_requests: usize,
    methods: Vec<String>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking test thread must not turn every later call into a second panic.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Why a connection is closed instead of answered.
#[derive(Debug, thiserror::Error)]
enum Unanswered {
    #[error("closed without an answer (Fault::Drop)")]
    Dropped,
    #[error("reading the request: {0}")]
    Read(#[from] hyper::Error),
}

type Answer = Response<Full<Bytes>>;

impl RpcProxy {
    /// Starts on 127.0.0.1 with an OS-chosen port, forwarding to `upstream` (an `http://`
    /// URL). Must be called within a tokio runtime.
    pub async fn start(upstream: &str) -> std::io::Result<RpcProxy> {
        let upstream = parse_url(upstream)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let client = reqwest::Client::builder()
            // The upstream is local: an HTTP_PROXY in the environment must not reroute it.
            .no_proxy()
            // A fresh connection per request: a pooled one the node has just closed would
            // fail a forwarded POST (not retried), and an "act, then fail" fault must act.
            .pool_max_idle_per_host(0)
            .build()
            .map_err(std::io::Error::other)?;
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            client,
            state: Mutex::new(State {
                upstream,
                fault: Fault::None,
                fault_methods: None,
                latency: Duration::ZERO,
                http_requests: 0,
                methods: Vec::new(),
            }),
        });
        let server = tokio::spawn(serve(listener, shared.clone()));
        Ok(RpcProxy {
            addr,
            shared,
            server,
        })
    }

    /// The proxy's URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// HTTP requests received, faulted ones included (a JSON-RPC batch is one).
    pub fn http_requests(&self) -> usize {
        self.shared.state().http_requests
    }

    /// JSON-RPC calls inside the requests received (a batch of 3 counts 3; a body that is
    /// not JSON counts none).
    pub fn rpc_calls(&self) -> usize {
        self.shared.state().methods.len()
    }

    /// The method of every JSON-RPC call received, in order (`""` for a call without one).
    pub fn methods(&self) -> Vec<String> {
        self.shared.state().methods.clone()
    }

    /// Sets the request and call counts back to zero and forgets the methods seen.
    pub fn reset_counts(&self) {
        let mut state = self.shared.state();
        state.http_requests = 0;
        state.methods.clear();
    }

    /// What to do with the requests from now on (until the next call).
    ///
    /// # Panics
    /// If a [`Fault::Status`] is not an HTTP status code (100..=999).
    pub fn set_fault(&self, fault: Fault) {
        if let Fault::Status(code) = fault {
            assert!(
                StatusCode::from_u16(code).is_ok(),
                "Fault::Status({code}) is not an HTTP status code"
            );
        }
        let mut state = self.shared.state();
        state.fault = fault;
        state.fault_methods = None;
    }

    /// Like [`RpcProxy::set_fault`], for requests calling one of `methods` only (e.g.
    /// `eth_sendRawTransaction`); every other request is forwarded.
    pub fn set_fault_on(&self, methods: &[&str], fault: Fault) {
        self.set_fault(fault);
        self.shared.state().fault_methods = Some(methods.iter().map(|m| (*m).to_owned()).collect());
    }

    /// Waits this long before answering each request, forwarded or faulted (zero by default).
    pub fn set_latency(&self, latency: Duration) {
        self.shared.state().latency = latency;
    }

    /// Forwards to another node from now on (e.g. one with another chain id).
    ///
    /// # Panics
    /// If `upstream` is not a URL.
    pub fn set_upstream(&self, upstream: &str) {
        let url = parse_url(upstream).unwrap_or_else(|e| panic!("{e}"));
        self.shared.state().upstream = url;
    }
}

impl Drop for RpcProxy {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection task.
        self.server.abort();
    }
}

fn parse_url(url: &str) -> Result<Url, String> {
    url.parse()
        .map_err(|e| format!("RPC proxy upstream {url:?} is not a URL: {e}"))
}

async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        // Reap finished connections so the set does not grow over a long benchmark.
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let shared = shared.clone();
        connections.spawn(async move {
            let service = service_fn(move |req| handle(shared.clone(), req));
            // Errors are clients going away or Fault::Drop; there is nobody to tell.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Answer, Unanswered> {
    let method = req.method().clone();
    let content_type = req.headers().get(CONTENT_TYPE).cloned();
    let body = req.into_body().collect().await?.to_bytes();
    // Count and take the settings under one lock, so a request sees one consistent setup,
    // and the counts are final before the client gets its answer.
    let (fault, latency, upstream) = {
        let mut state = shared.state();
        state.http_requests += 1;
        let methods = rpc_methods(&body);
        let targeted = state
            .fault_methods
            .as_ref()
            .is_none_or(|only| methods.iter().any(|m| only.contains(m)));
        state.methods.extend(methods);
        let fault = if targeted {
            state.fault.clone()
        } else {
            Fault::None
        };
        (fault, state.latency, state.upstream.clone())
    };
    tokio::time::sleep(latency).await;
    match fault {
        Fault::None => Ok(forward(&shared.client, upstream, method, content_type, body).await),
        Fault::Drop => Err(Unanswered::Dropped),
        Fault::Hang => std::future::pending().await,
        Fault::Garbage => Ok(answer(StatusCode::OK, "text/html", GARBAGE_BODY.into())),
        Fault::Status(code) => {
            // set_fault checked the code.
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = format!("injected fault: HTTP {code}");
            Ok(answer(status, "text/plain", body.into()))
        }
        Fault::CorruptResults => {
            let calls = rpc_ids(&body);
            let methods = rpc_methods(&body);
            let answer = forward(&shared.client, upstream, method, content_type, body).await;
            Ok(corrupt_results(answer, &calls.1, &methods).await)
        }
        Fault::Oversized(len) => Ok(answer(
            StatusCode::OK,
            "application/json",
            vec![b' '; len].into(),
        )),
        Fault::HostileError => {
            let message = format!(
                "\u{1b}[2J\u{1b}[31mnonce too low\u{1b}[0m\r\nDone: sent 0 ETH{}",
                "A".repeat(HOSTILE_MESSAGE_LEN)
            );
            Ok(answer(
                StatusCode::OK,
                "application/json",
                errors(&rpc_ids(&body), -32000, &message),
            ))
        }
        Fault::ForwardThenHang | Fault::ForwardThenDrop | Fault::ForwardThenError => {
            let ids = rpc_ids(&body);
            // The node acts on it (its answer is thrown away).
            let forwarded = forward(&shared.client, upstream, method, content_type, body).await;
            if forwarded.status() == StatusCode::BAD_GATEWAY {
                // The node could not be reached, so it did not act: say so, as a proxy would.
                return Ok(forwarded);
            }
            match fault {
                Fault::ForwardThenHang => std::future::pending().await,
                Fault::ForwardThenDrop => Err(Unanswered::Dropped),
                _ => Ok(answer(
                    StatusCode::OK,
                    "application/json",
                    errors(&ids, -32603, AFTER_FORWARD_ERROR),
                )),
            }
        }
    }
}

/// The id of each call in a JSON-RPC request or batch (null for a call without one).
fn rpc_ids(body: &[u8]) -> (bool, Vec<serde_json::Value>) {
    match serde_json::from_slice(body) {
        Ok(serde_json::Value::Array(calls)) => {
            (true, calls.iter().map(|c| c["id"].clone()).collect())
        }
        Ok(call @ serde_json::Value::Object(_)) => (false, vec![call["id"].clone()]),
        _ => (false, vec![serde_json::Value::Null]),
    }
}

/// The upstream's answer with every result, but `eth_chainId`'s, replaced by a non-hex string.
async fn corrupt_results(answer: Answer, ids: &[serde_json::Value], methods: &[String]) -> Answer {
    let body = answer
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return Response::new(Full::new(body));
    };
    let mut spoil = |response: &mut serde_json::Value| {
        let method = ids
            .iter()
            .position(|id| *id == response["id"])
            .and_then(|i| methods.get(i));
        if response.get("result").is_some() && method.is_none_or(|m| m != "eth_chainId") {
            response["result"] = "0xnot-hex".into();
        }
    };
    match &mut value {
        serde_json::Value::Array(responses) => responses.iter_mut().for_each(&mut spoil),
        response => spoil(response),
    }
    self::answer(StatusCode::OK, "application/json", value.to_string().into())
}

/// A JSON-RPC error (`code`, `message`) for each call, in the request's shape.
fn errors((batch, ids): &(bool, Vec<serde_json::Value>), code: i64, message: &str) -> Bytes {
    let error = |id: &serde_json::Value| {
        serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code, "message": message },
        })
    };
    let value = if *batch {
        serde_json::Value::Array(ids.iter().map(error).collect())
    } else {
        error(&ids[0])
    };
    value.to_string().into()
}

/// The method of each call in a JSON-RPC request or batch.
fn rpc_methods(body: &[u8]) -> Vec<String> {
    let method = |call: &serde_json::Value| call["method"].as_str().unwrap_or("").to_owned();
    match serde_json::from_slice(body) {
        Ok(serde_json::Value::Array(calls)) => calls.iter().map(method).collect(),
        Ok(call @ serde_json::Value::Object(_)) => vec![method(&call)],
        _ => Vec::new(),
    }
}

/// Sends the request on with its method, content type and body; answers with the upstream's
/// status, content type and body, or 502 if the upstream cannot be reached (as a reverse
/// proxy would).
async fn forward(
    client: &reqwest::Client,
    upstream: Url,
    method: Method,
    content_type: Option<HeaderValue>,
    body: Bytes,
) -> Answer {
    let mut request = client.request(method, upstream.clone()).body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    let result = async {
        let response = request.send().await?;
        let status = response.status();
        let content_type = response.headers().get(CONTENT_TYPE).cloned();
        Ok::<_, reqwest::Error>((status, content_type, response.bytes().await?))
    };
    match result.await {
        Ok((status, content_type, body)) => {
            let mut response = Response::new(Full::new(body));
            *response.status_mut() = status;
            if let Some(content_type) = content_type {
                response.headers_mut().insert(CONTENT_TYPE, content_type);
            }
            response
        }
        Err(e) => answer(
            StatusCode::BAD_GATEWAY,
            "text/plain",
            format!("RPC proxy: upstream {upstream} failed: {e}").into(),
        ),
    }
}

/// The proxy's own answer to a faulted request.
fn answer(status: StatusCode, content_type: &'static str, body: Bytes) -> Answer {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
