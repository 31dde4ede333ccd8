//! A JSON-RPC transport over several HTTP endpoints of one chain, with failover.
//!
//! Why not alloy's `FallbackLayer`: it ranks transports by a score and sends a request to
//! the top few (`active_transport_count`) at once, retrying down the list; a wallet wants
//! one request to one endpoint, in the user's order of preference, and to keep an endpoint
//! it has seen answer for another chain out for good. So this transport keeps what alloy
//! does not do: the per-endpoint chain-id check (piggybacked on the first request), a
//! cool-down that grows with consecutive failures, and treating an answer of the wrong
//! shape (an `eth_getBalance` that is not a quantity) as the endpoint failing.
//!
//! The HTTP exchange is done here with reqwest rather than through alloy's `Http` for two
//! reasons a wallet needs: a response body is read up to [`MAX_RESPONSE_BYTES`] and no
//! further (a hostile endpoint cannot exhaust memory), and each failure says whether the
//! request may have reached the node (a connection that was never made did not; a timeout
//! after sending may have), which decides whether a broadcast is "not sent" or "unknown".
//!
//! Everything above it is alloy's: its `RpcClient` (batches, ids) and its `RootProvider`
//! (typed `sol!` contract calls, logs, proofs) run on this transport, so typed access gets
//! the same failover, checks and limits as a plain request.

use std::{
    sync::{Arc, Mutex},
    task::{Context, Poll},
    time::{Duration, Instant},
};

use alloy::{
    rpc::json_rpc::{
        Id, RequestPacket, Response, ResponsePacket, ResponsePayload, SerializedRequest,
    },
    transports::{
        TransportError, TransportErrorKind, TransportFut,
        http::reqwest::{self, Url, header::CONTENT_TYPE},
    },
};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::text::clean_remote;

/// The id of the `eth_chainId` call piggybacked on an endpoint's first request.
const CHAIN_ID_CHECK_ID: &str = "switchyard-chain-id-check";
/// First cool-down after a failure; doubled per consecutive failure up to [`MAX_COOLDOWN`].
const BASE_COOLDOWN: Duration = Duration::from_millis(500);
/// Longest an endpoint is skipped after failures.
const MAX_COOLDOWN: Duration = Duration::from_secs(60);
/// The largest response body read from an endpoint. Far above any answer the wallet asks
/// for (a batch of receipts, a page of logs); an endpoint sending more is failing.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How one endpoint has behaved, for the user ("networks list") and for choosing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointHealth {
    /// Its URL.
    pub url: String,
    /// Whether its chain id has been checked, and how it went.
    pub chain_check: ChainCheck,
    /// Failures since its last success.
    pub consecutive_failures: u32,
    /// Requests answered.
    pub successes: u64,
    /// Requests failed.
    pub failures: u64,
    /// Smoothed latency of answered requests, in milliseconds.
    pub latency_ms: Option<u64>,
    /// The last failure, in words.
    pub last_error: Option<String>,
}

/// The result of checking an endpoint's `eth_chainId` against the chain it is configured for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "chain_id")]
pub enum ChainCheck {
    /// Not contacted yet.
    Unchecked,
    /// It serves the expected chain.
    Verified,
    /// It serves another chain; it is never used.
    WrongChain(u64),
}

struct EndpointState {
    url: Url,
    health: EndpointHealth,
    cooldown_until: Option<Instant>,
}

struct Inner {
    chain_id: u64,
    timeout: Duration,
    http: reqwest::Client,
    endpoints: Mutex<Vec<EndpointState>>,
}

/// A transport that sends each request to one endpoint and fails over to the next on a
/// timeout, a connection error, an HTTP error status (5xx, 429, …) or a malformed response.
/// Each endpoint's chain id is verified on first contact, in the same HTTP request.
#[derive(Clone)]
pub struct FailoverTransport {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for FailoverTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FailoverTransport")
            .field("chain_id", &self.inner.chain_id)
            .finish()
    }
}

/// Why an endpoint's answer was not used.
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum AttemptError {
    /// Sent, and no answer came in time.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// No connection could be made: the request never left.
    #[error("could not connect ({0})")]
    Unconnected(String),
    /// It serves another chain (and so never executes this chain's requests).
    #[error("it serves chain {0}")]
    WrongChain(u64),
    /// The exchange broke after the request was sent (connection closed, reset…).
    #[error("{0}")]
    Broken(String),
    /// An HTTP error status, with the start of its body.
    #[error("HTTP {0}: {1}")]
    Status(u16, String),
    /// A body over [`MAX_RESPONSE_BYTES`].
    #[error("an answer over {} MiB", MAX_RESPONSE_BYTES / (1024 * 1024))]
    TooLarge,
    /// An answer that is not JSON-RPC, or not what the method returns.
    #[error("malformed response: {0}")]
    Malformed(String),
}

impl AttemptError {
    /// Whether the request may have reached a node of the right chain (and so, for a
    /// transaction, may have been sent).
    pub(crate) fn may_have_reached(&self) -> bool {
        !matches!(self, Self::Unconnected(_) | Self::WrongChain(_))
    }
}

impl FailoverTransport {
    /// A transport for `chain_id` over `urls` (in order of preference), with a per-request
    /// timeout. URLs that do not parse are an error.
    pub fn new(chain_id: u64, urls: &[String], timeout: Duration) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| e.to_string())?;
        let endpoints = urls
            .iter()
            .map(|url| {
                let parsed = url
                    .parse()
                    .map_err(|_| format!("'{url}' is not a valid URL"))?;
                Ok(EndpointState {
                    url: parsed,
                    health: EndpointHealth {
                        url: url.clone(),
                        chain_check: ChainCheck::Unchecked,
                        consecutive_failures: 0,
                        successes: 0,
                        failures: 0,
                        latency_ms: None,
                        last_error: None,
                    },
                    cooldown_until: None,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self {
            inner: Arc::new(Inner {
                chain_id,
                timeout,
                http,
                endpoints: Mutex::new(endpoints),
            }),
        })
    }

    /// The chain this transport serves.
    pub fn chain_id(&self) -> u64 {
        self.inner.chain_id
    }

    /// Every endpoint's health.
    pub fn health(&self) -> Vec<EndpointHealth> {
        self.lock().iter().map(|e| e.health.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<EndpointState>> {
        self.inner
            .endpoints
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Endpoint indexes to try, best first: usable ones in configured order, then the ones
    /// cooling down (soonest first), so a brief outage of all of them still gets a try.
    /// Endpoints serving another chain are never tried.
    pub(crate) fn candidates(&self) -> Vec<usize> {
        let now = Instant::now();
        let endpoints = self.lock();
        let mut ready = Vec::new();
        let mut cooling = Vec::new();
        for (i, e) in endpoints.iter().enumerate() {
            if matches!(e.health.chain_check, ChainCheck::WrongChain(_)) {
                continue;
            }
            match e.cooldown_until {
                Some(until) if until > now => cooling.push((until, i)),
                _ => ready.push(i),
            }
        }
        cooling.sort();
        ready.extend(cooling.into_iter().map(|(_, i)| i));
        ready
    }

    /// Sends `request` to endpoint `index` only, verifying its chain id first if needed.
    pub(crate) async fn send_to(
        &self,
        index: usize,
        request: RequestPacket,
    ) -> Result<ResponsePacket, AttemptError> {
        self.attempt(index, request).await
    }

    /// The URL of endpoint `index`, for messages.
    pub(crate) fn url(&self, index: usize) -> String {
        self.lock()[index].health.url.clone()
    }

    async fn attempt(
        &self,
        index: usize,
        request: RequestPacket,
    ) -> Result<ResponsePacket, AttemptError> {
        let (url, needs_check) = {
            let endpoints = self.lock();
            let e = &endpoints[index];
            (e.url.clone(), e.health.chain_check == ChainCheck::Unchecked)
        };
        let started = Instant::now();
        let outcome = self.exchange(url, request, needs_check).await;
        let mut endpoints = self.lock();
        let e = &mut endpoints[index];
        match &outcome {
            Ok(_) => {
                let ms = started.elapsed().as_millis() as u64;
                e.health.latency_ms = Some(match e.health.latency_ms {
                    // Exponential moving average, weight 1/4 on the newest sample.
                    Some(prev) => (prev * 3 + ms) / 4,
                    None => ms,
                });
                e.health.successes += 1;
                e.health.consecutive_failures = 0;
                e.health.chain_check = ChainCheck::Verified;
                e.cooldown_until = None;
            }
            Err(AttemptError::WrongChain(other)) => {
                e.health.chain_check = ChainCheck::WrongChain(*other);
                e.health.failures += 1;
                e.health.last_error =
                    Some(format!("serves chain {other}, not {}", self.inner.chain_id));
            }
            Err(err) => {
                e.health.failures += 1;
                e.health.consecutive_failures += 1;
                e.health.last_error = Some(err.to_string());
                let factor = 1u32 << e.health.consecutive_failures.min(7).saturating_sub(1);
                e.cooldown_until =
                    Some(Instant::now() + (BASE_COOLDOWN * factor).min(MAX_COOLDOWN));
            }
        }
        outcome
    }

    async fn exchange(
        &self,
        url: Url,
        request: RequestPacket,
        check_chain: bool,
    ) -> Result<ResponsePacket, AttemptError> {
        let was_single = matches!(request, RequestPacket::Single(_));
        let methods = request_methods(&request);
        let request = if check_chain {
            let mut calls = vec![chain_id_request()];
            match request {
                RequestPacket::Single(r) => calls.push(r),
                RequestPacket::Batch(rs) => calls.extend(rs),
            }
            RequestPacket::Batch(calls)
        } else {
            request
        };
        let body = serde_json::to_vec(&request)
            .map_err(|e| AttemptError::Malformed(format!("request does not serialize: {e}")))?;
        let timeout = self.inner.timeout;
        let post = self
            .inner
            .http
            .post(url)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send();
        let exchange = async {
            let response = post.await.map_err(|e| reqwest_error(&e, timeout))?;
            let status = response.status();
            let body = read_limited(response, timeout).await?;
            if !status.is_success() {
                let text = String::from_utf8_lossy(&body[..body.len().min(400)]).into_owned();
                return Err(AttemptError::Status(status.as_u16(), clean_remote(&text)));
            }
            Ok(body)
        };
        let body = match tokio::time::timeout(timeout, exchange).await {
            Err(_) => return Err(AttemptError::Timeout(timeout)),
            Ok(result) => result?,
        };
        let response: ResponsePacket = serde_json::from_slice(&body)
            .map_err(|_| AttemptError::Malformed("not a JSON-RPC answer".into()))?;
        let mut responses = match response {
            ResponsePacket::Single(r) => vec![r],
            ResponsePacket::Batch(rs) => rs,
        };
        if check_chain {
            let pos = responses
                .iter()
                .position(|r| r.id == Id::String(CHAIN_ID_CHECK_ID.into()))
                .ok_or_else(|| AttemptError::Malformed("no answer to eth_chainId".into()))?;
            let check = responses.remove(pos);
            let served = parse_chain_id(&check)
                .ok_or_else(|| AttemptError::Malformed("bad eth_chainId".into()))?;
            if served != self.inner.chain_id {
                return Err(AttemptError::WrongChain(served));
            }
        }
        // Every request must have exactly its answer, of the shape its method returns, or
        // the endpoint is not serving this chain's JSON-RPC correctly.
        if responses.len() != methods.len() {
            return Err(AttemptError::Malformed(
                "answers do not match the requests".into(),
            ));
        }
        for (id, method) in &methods {
            let answer = responses.iter().find(|r| &r.id == id).ok_or_else(|| {
                AttemptError::Malformed("answers do not match the requests".into())
            })?;
            if let ResponsePayload::Success(value) = &answer.payload {
                check_result(method, value)
                    .map_err(|what| AttemptError::Malformed(format!("{method} answered {what}")))?;
            }
        }
        Ok(if was_single {
            ResponsePacket::Single(responses.remove(0))
        } else {
            ResponsePacket::Batch(responses)
        })
    }

    async fn send_with_failover(
        self,
        request: RequestPacket,
    ) -> Result<ResponsePacket, TransportError> {
        let mut failures = Vec::new();
        for index in self.candidates() {
            match self.attempt(index, request.clone()).await {
                Ok(response) => return Ok(response),
                Err(e) => failures.push(format!("{}: {e}", self.url(index))),
            }
        }
        Err(TransportErrorKind::custom_str(&all_failed_message(
            self.inner.chain_id,
            &failures,
        )))
    }
}

/// The sentence shown when no endpoint of a chain answered.
pub(crate) fn all_failed_message(chain_id: u64, failures: &[String]) -> String {
    if failures.is_empty() {
        format!("chain {chain_id} has no usable RPC endpoint")
    } else {
        format!(
            "every RPC endpoint of chain {chain_id} failed ({})",
            failures.join("; ")
        )
    }
}

fn request_methods(request: &RequestPacket) -> Vec<(Id, String)> {
    let pair = |r: &SerializedRequest| (r.id().clone(), r.method().to_owned());
    match request {
        RequestPacket::Single(r) => vec![pair(r)],
        RequestPacket::Batch(rs) => rs.iter().map(pair).collect(),
    }
}

/// Maps reqwest's error to whether the request may have left.
fn reqwest_error(e: &reqwest::Error, timeout: Duration) -> AttemptError {
    let text = clean_remote(&e.to_string());
    if e.is_connect() {
        AttemptError::Unconnected(text)
    } else if e.is_timeout() {
        AttemptError::Timeout(timeout)
    } else {
        AttemptError::Broken(text)
    }
}

/// The body, read up to [`MAX_RESPONSE_BYTES`].
async fn read_limited(
    mut response: reqwest::Response,
    timeout: Duration,
) -> Result<Vec<u8>, AttemptError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
    {
        return Err(AttemptError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| reqwest_error(&e, timeout))?
    {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(AttemptError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Checks that a successful answer has the shape `method` returns, for the methods the
/// wallet relies on; other methods are not checked here (their callers decode them).
fn check_result(method: &str, value: &RawValue) -> Result<(), &'static str> {
    let json: serde_json::Value =
        serde_json::from_str(value.get()).map_err(|_| "something that is not JSON")?;
    let hex_digits = |s: &str| {
        s.len() > 2 && s.starts_with("0x") && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
    };
    match method {
        "eth_chainId"
        | "eth_blockNumber"
        | "eth_getBalance"
        | "eth_getTransactionCount"
        | "eth_gasPrice"
        | "eth_maxPriorityFeePerGas"
        | "eth_estimateGas"
        | "eth_blobBaseFee" => match json.as_str() {
            Some(s) if hex_digits(s) && s.len() <= 66 => Ok(()),
            _ => Err("something that is not a hex quantity"),
        },
        "eth_call" | "eth_getCode" | "eth_getStorageAt" => match json.as_str() {
            Some("0x") => Ok(()),
            Some(s) if hex_digits(s) && s.len() % 2 == 0 => Ok(()),
            _ => Err("something that is not hex data"),
        },
        "eth_sendRawTransaction" => match json.as_str() {
            Some(s) if hex_digits(s) && s.len() == 66 => Ok(()),
            _ => Err("something that is not a transaction hash"),
        },
        "eth_getTransactionReceipt" => {
            object_or_null(&json, &["transactionHash", "blockNumber", "gasUsed"])
        }
        "eth_getTransactionByHash" => object_or_null(&json, &["hash", "nonce"]),
        "eth_getBlockByNumber" | "eth_getBlockByHash" => object_or_null(&json, &["number"]),
        "eth_feeHistory" => match json.get("baseFeePerGas") {
            Some(serde_json::Value::Array(_)) => Ok(()),
            _ => Err("something without a baseFeePerGas list"),
        },
        _ => Ok(()),
    }
}

/// Null ("none"), or an object whose `fields` are hex strings.
fn object_or_null(json: &serde_json::Value, fields: &[&str]) -> Result<(), &'static str> {
    match json {
        serde_json::Value::Null => Ok(()),
        serde_json::Value::Object(map) => fields
            .iter()
            .all(|f| {
                map.get(*f)
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| s.len() > 2 && s.starts_with("0x"))
            })
            .then_some(())
            .ok_or("an object without the fields it must have"),
        _ => Err("something that is neither the expected object nor null"),
    }
}

fn chain_id_request() -> SerializedRequest {
    alloy::rpc::json_rpc::Request::new("eth_chainId", Id::String(CHAIN_ID_CHECK_ID.into()), ())
        .serialize()
        .expect("a unit-params request serializes")
}

fn parse_chain_id(response: &Response) -> Option<u64> {
    match &response.payload {
        ResponsePayload::Success(raw) => {
            let hex: String = serde_json::from_str(raw.get()).ok()?;
            u64::from_str_radix(hex.strip_prefix("0x")?, 16).ok()
        }
        ResponsePayload::Failure(_) => None,
    }
}

impl tower::Service<RequestPacket> for FailoverTransport {
    type Response = ResponsePacket;
    type Error = TransportError;
    type Future = TransportFut<'static>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: RequestPacket) -> Self::Future {
        Box::pin(self.clone().send_with_failover(request))
    }
}
