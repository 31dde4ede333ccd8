//! An HTTP JSON-RPC proxy in front of one node, for tests and benchmarks: it counts the
//! requests that pass and injects faults (dropped connections, hangs, garbage, HTTP errors,
//! latency), so the wallet's failover and request-count behaviour can be checked against a
//! real anvil.

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
}

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
            .build()
            .map_err(std::io::Error::other)?;
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            client,
            state: Mutex::new(State {
                upstream,
                fault: Fault::None,
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
        self.shared.state().fault = fault;
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
        state.methods.extend(rpc_methods(&body));
        (state.fault.clone(), state.latency, state.upstream.clone())
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
    }
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
