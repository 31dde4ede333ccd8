//! A JSON-RPC transport over several HTTP endpoints of one chain, with failover.
//!
//! Written here because alloy's `FallbackLayer` fans every request out to several
//! endpoints at once; a wallet should send a read to one healthy endpoint and only move to
//! the next when that one fails. alloy's `Http` transport still does the HTTP and JSON.

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
        http::{Http, reqwest},
    },
};
use serde::Serialize;

/// The id of the `eth_chainId` call piggybacked on an endpoint's first request.
const CHAIN_ID_CHECK_ID: &str = "switchyard-chain-id-check";
/// First cool-down after a failure; doubled per consecutive failure up to [`MAX_COOLDOWN`].
const BASE_COOLDOWN: Duration = Duration::from_millis(500);
/// Longest an endpoint is skipped after failures.
const MAX_COOLDOWN: Duration = Duration::from_secs(60);

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
    http: Http<reqwest::Client>,
    health: EndpointHealth,
    cooldown_until: Option<Instant>,
}

struct Inner {
    chain_id: u64,
    timeout: Duration,
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
#[derive(Debug, thiserror::Error)]
enum AttemptError {
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("it serves chain {0}")]
    WrongChain(u64),
    #[error("{0}")]
    Transport(TransportError),
    #[error("malformed response: {0}")]
    Malformed(&'static str),
}

impl FailoverTransport {
    /// A transport for `chain_id` over `urls` (in order of preference), with a per-request
    /// timeout. URLs that do not parse are an error.
    pub fn new(chain_id: u64, urls: &[String], timeout: Duration) -> Result<Self, String> {
        let client = reqwest::Client::builder()
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
                    http: Http::with_client(client.clone(), parsed),
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
    ) -> Result<ResponsePacket, TransportError> {
        self.attempt(index, request)
            .await
            .map_err(|e| TransportErrorKind::custom_str(&e.to_string()))
    }

    async fn attempt(
        &self,
        index: usize,
        request: RequestPacket,
    ) -> Result<ResponsePacket, AttemptError> {
        let (http, needs_check) = {
            let endpoints = self.lock();
            let e = &endpoints[index];
            (
                e.http.clone(),
                e.health.chain_check == ChainCheck::Unchecked,
            )
        };
        let started = Instant::now();
        let outcome = self.exchange(http, request, needs_check).await;
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
        mut http: Http<reqwest::Client>,
        request: RequestPacket,
        check_chain: bool,
    ) -> Result<ResponsePacket, AttemptError> {
        use tower::Service;
        let was_single = matches!(request, RequestPacket::Single(_));
        let expected = request_ids(&request);
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
        let timeout = self.inner.timeout;
        let response = match tokio::time::timeout(timeout, http.call(request)).await {
            Err(_) => return Err(AttemptError::Timeout(timeout)),
            Ok(Err(e)) => return Err(AttemptError::Transport(e)),
            Ok(Ok(r)) => r,
        };
        let mut responses = match response {
            ResponsePacket::Single(r) => vec![r],
            ResponsePacket::Batch(rs) => rs,
        };
        if check_chain {
            let pos = responses
                .iter()
                .position(|r| r.id == Id::String(CHAIN_ID_CHECK_ID.into()))
                .ok_or(AttemptError::Malformed("no answer to eth_chainId"))?;
            let check = responses.remove(pos);
            let served =
                parse_chain_id(&check).ok_or(AttemptError::Malformed("bad eth_chainId"))?;
            if served != self.inner.chain_id {
                return Err(AttemptError::WrongChain(served));
            }
        }
        // Every request must have exactly its answer, or the endpoint is not speaking JSON-RPC.
        if responses.len() != expected.len()
            || !expected
                .iter()
                .all(|id| responses.iter().any(|r| &r.id == id))
        {
            return Err(AttemptError::Malformed("answers do not match the requests"));
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
                Err(e) => failures.push(format!("{}: {e}", self.lock()[index].health.url)),
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

fn request_ids(request: &RequestPacket) -> Vec<Id> {
    match request {
        RequestPacket::Single(r) => vec![r.id().clone()],
        RequestPacket::Batch(rs) => rs.iter().map(|r| r.id().clone()).collect(),
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
