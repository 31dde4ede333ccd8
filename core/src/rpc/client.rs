use std::{sync::Arc, time::Duration};

use alloy::{
    eips::BlockId,
    primitives::Bytes,
    providers::RootProvider,
    rpc::{
        client::{BatchRequest, RpcClient},
        json_rpc::{Id, Request, RequestPacket, ResponsePayload, RpcRecv, RpcSend},
        types::TransactionRequest,
    },
    transports::TransportErrorKind,
};

use super::{EndpointHealth, FailoverTransport, RpcError, failover::all_failed_message};
use crate::{chain::ChainSpec, text::clean_remote};

/// Per-request timeout used unless a caller picks another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// One chain's JSON-RPC client: every request goes to one healthy endpoint, with failover.
#[derive(Clone)]
pub struct ChainClient {
    spec: Arc<ChainSpec>,
    transport: FailoverTransport,
    rpc: RpcClient,
    provider: RootProvider,
    together: super::coalesce::Coalescer,
}

impl std::fmt::Debug for ChainClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainClient")
            .field("chain", &self.spec.name)
            .finish()
    }
}

impl ChainClient {
    /// A client for `spec` over its RPC URLs.
    pub fn new(spec: ChainSpec, timeout: Duration) -> Result<Self, RpcError> {
        let transport =
            FailoverTransport::new(spec.chain_id, &spec.rpc_urls, timeout).map_err(|detail| {
                RpcError::Unreachable {
                    chain: spec.name.clone(),
                    detail,
                }
            })?;
        let is_local = spec
            .rpc_urls
            .iter()
            .all(|u| u.contains("127.0.0.1") || u.contains("localhost"));
        let rpc = RpcClient::new(transport.clone(), is_local);
        Ok(Self {
            spec: Arc::new(spec),
            transport,
            provider: RootProvider::new(rpc.clone()),
            rpc,
            together: Default::default(),
        })
    }

    /// The chain.
    pub fn spec(&self) -> &ChainSpec {
        &self.spec
    }

    /// The chain's display name.
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// How each endpoint has behaved so far.
    pub fn health(&self) -> Vec<EndpointHealth> {
        self.transport.health()
    }

    /// An alloy provider over the same failover transport, for typed access: `sol!`
    /// contract instances (`IPortal::new(address, client.provider())`), logs, proofs.
    /// Map its errors with [`ChainClient::contract_error`] or [`ChainClient::error`].
    pub fn provider(&self) -> &RootProvider {
        &self.provider
    }

    /// Maps the error of a typed contract call of `method` to this chain's [`RpcError`].
    pub fn contract_error(&self, method: &str, err: alloy::contract::Error) -> RpcError {
        RpcError::from_contract(&self.spec.name, method, err)
    }

    /// One JSON-RPC call.
    pub async fn request<P: RpcSend, R: RpcRecv>(
        &self,
        method: &'static str,
        params: P,
    ) -> Result<R, RpcError> {
        self.rpc
            .request(method, params)
            .await
            .map_err(|e| self.error(method, e))
    }

    /// One JSON-RPC call, sent in one batch with the others made at the same moment (one
    /// round trip for all of them; `rpc::coalesce`): what reading many items at once uses.
    pub async fn request_together<R: serde::de::DeserializeOwned>(
        &self,
        method: &'static str,
        params: impl serde::Serialize,
    ) -> Result<R, RpcError> {
        let params = serde_json::to_value(params).map_err(|e| RpcError::Malformed {
            chain: self.spec.name.clone(),
            method: method.into(),
            detail: e.to_string(),
        })?;
        self.together
            .request(&self.rpc, &self.spec.name, method, params)
            .await
    }

    /// A JSON-RPC batch: several calls in one HTTP request (one round trip).
    pub fn batch(&self) -> BatchRequest<'_> {
        self.rpc.new_batch()
    }

    /// Maps an alloy error from a call of `method` to this chain's [`RpcError`].
    pub fn error(
        &self,
        method: &str,
        err: alloy::rpc::json_rpc::RpcError<TransportErrorKind>,
    ) -> RpcError {
        RpcError::from_alloy(&self.spec.name, method, err)
    }

    /// `eth_call` of `request` at `block`; a revert is [`RpcError::Rejected`] with its reason.
    pub async fn call(
        &self,
        request: &TransactionRequest,
        block: BlockId,
    ) -> Result<Bytes, RpcError> {
        self.request("eth_call", (request, block)).await
    }

    /// A typed read: `call` on `to` at `block`, decoded, sent together with the reads made
    /// at the same moment ([`ChainClient::request_together`]). A revert is
    /// [`RpcError::Rejected`] with its reason; an answer that does not decode (no code at
    /// `to`) is [`RpcError::Malformed`].
    pub async fn view<C: alloy::sol_types::SolCall>(
        &self,
        to: alloy::primitives::Address,
        call: C,
        block: BlockId,
    ) -> Result<C::Return, RpcError> {
        let request = TransactionRequest::default()
            .to(to)
            .input(Bytes::from(call.abi_encode()).into());
        let out: Bytes = self.request_together("eth_call", (request, block)).await?;
        C::abi_decode_returns(&out).map_err(|e| RpcError::Malformed {
            chain: self.spec.name.clone(),
            method: C::SIGNATURE.into(),
            detail: format!("{to} answered {out}: {e}"),
        })
    }

    /// A transaction's receipt with its logs, as plain JSON (every chain kind's), or `None`
    /// when the node does not have it.
    pub async fn receipt_json(
        &self,
        hash: alloy::primitives::B256,
    ) -> Result<Option<serde_json::Value>, RpcError> {
        self.request_together("eth_getTransactionReceipt", (hash,))
            .await
    }

    /// Sends a signed transaction to every usable endpoint at once, so one slow or lying
    /// endpoint cannot keep it from the network, and says what became of it: taken by a
    /// node, surely not sent, or unknown (see [`Broadcast`]).
    pub async fn broadcast_raw(&self, raw: &Bytes) -> Broadcast {
        let request =
            match Request::new("eth_sendRawTransaction", Id::Number(1), (raw,)).serialize() {
                Ok(request) => request,
                Err(e) => {
                    return Broadcast::NotSent {
                        error: RpcError::Malformed {
                            chain: self.spec.name.clone(),
                            method: "eth_sendRawTransaction".into(),
                            detail: e.to_string(),
                        },
                        nonce_taken: false,
                    };
                }
            };
        let candidates = self.transport.candidates();
        let sends = candidates.iter().map(|&index| {
            let packet = RequestPacket::Single(request.clone());
            async move { (index, self.transport.send_to(index, packet).await) }
        });
        let mut refusals = Vec::new();
        let mut nonce_taken = Vec::new();
        let mut uncertain = Vec::new();
        let mut unreached = Vec::new();
        for (index, outcome) in futures::future::join_all(sends).await {
            let url = self.transport.url(index);
            match outcome {
                Ok(response) => match response.first_payload() {
                    // The transport checked the answer is a transaction hash.
                    Some(ResponsePayload::Success(_)) => return Broadcast::Accepted,
                    Some(ResponsePayload::Failure(err)) => {
                        let message = clean_remote(&err.message);
                        match classify_refusal(err.code, &message) {
                            Refusal::AlreadyKnown => return Broadcast::Accepted,
                            Refusal::Definite => refusals.push(RpcError::Rejected {
                                chain: self.spec.name.clone(),
                                code: err.code,
                                message,
                                data: None,
                            }),
                            Refusal::NonceTaken => nonce_taken.push(RpcError::Rejected {
                                chain: self.spec.name.clone(),
                                code: err.code,
                                message,
                                data: None,
                            }),
                            Refusal::Unclear => uncertain.push(format!(
                                "{url} answered an error that does not say the transaction was refused ({message})"
                            )),
                        }
                    }
                    None => uncertain.push(format!("{url} gave no answer")),
                },
                Err(e) if e.may_have_reached() => uncertain.push(format!("{url}: {e}")),
                Err(e) => unreached.push(format!("{url}: {e}")),
            }
        }
        // Any endpoint that may have taken it makes the outcome unknown, whatever the others said.
        if !uncertain.is_empty() {
            return Broadcast::Unknown(uncertain.join("; "));
        }
        // A taken nonce says the most (the caller can look for what took it); any node's
        // refusal says more than another's outage.
        if let Some(refusal) = nonce_taken.into_iter().next() {
            return Broadcast::NotSent {
                error: refusal,
                nonce_taken: true,
            };
        }
        if let Some(refusal) = refusals.into_iter().next() {
            return Broadcast::NotSent {
                error: refusal,
                nonce_taken: false,
            };
        }
        Broadcast::NotSent {
            error: RpcError::Unreachable {
                chain: self.spec.name.clone(),
                detail: all_failed_message(self.spec.chain_id, &unreached),
            },
            nonce_taken: false,
        }
    }
}

/// What became of a broadcast.
#[derive(Debug, Clone)]
pub enum Broadcast {
    /// A node has it: it answered with the hash, or said it already knows it.
    Accepted,
    /// Every endpoint that got it refused it (the first refusal is kept), or none could be
    /// reached at all. With `nonce_taken`, a node said its nonce is already used: by another
    /// transaction — or by this very one, if another copy of it got there first, which only
    /// the chain can tell (look it up by hash before calling it "not sent").
    NotSent {
        /// The refusal, or why no endpoint could be reached.
        error: RpcError,
        /// A node refused it because its nonce is used ("nonce too low").
        nonce_taken: bool,
    },
    /// No node confirmed it, but it may have reached one: a timeout after sending, a
    /// connection lost mid-answer, an HTTP error or an unclear error answered after the
    /// request arrived. Only the chain can tell; the detail says what each endpoint did.
    Unknown(String),
}

/// How to read a node's error answer to `eth_sendRawTransaction`.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    /// It already has this very transaction (so it was sent).
    AlreadyKnown,
    /// It refused it for a reason that means it will not propagate it.
    Definite,
    /// It refused it because the nonce is used (a definite refusal of this copy).
    NonceTaken,
    /// Anything else (an internal error, a proxy's error): it may have taken it.
    Unclear,
}

/// Node messages (geth, reth, erigon, nethermind, anvil, OP and Arbitrum nodes) that
/// mean the transaction was refused, lower case.
const REFUSALS: &[&str] = &[
    "nonce too high",
    "underpriced",
    "insufficient funds",
    "intrinsic gas too low",
    "exceeds block gas limit",
    "gas limit reached",
    "fee cap",
    "less than block base fee",
    "max priority fee per gas higher than max fee per gas",
    "tip higher than",
    "invalid sender",
    "invalid signature",
    "invalid chain id",
    "incorrect chain id",
    "oversized data",
    "txpool is full",
    "transaction pool is full",
    "exceeds the configured cap",
    "invalid transaction",
];

fn classify_refusal(code: i64, message: &str) -> Refusal {
    let lower = message.to_ascii_lowercase();
    if [
        "already known",
        "known transaction",
        "already imported",
        "already in mempool",
    ]
    .iter()
    .any(|m| lower.contains(m))
    {
        Refusal::AlreadyKnown
    } else if lower.contains("nonce too low") || lower.contains("nonce is too low") {
        Refusal::NonceTaken
    } else if code == -32003 || REFUSALS.iter().any(|m| lower.contains(m)) {
        // -32003: EIP-1474's "transaction rejected".
        Refusal::Definite
    } else {
        Refusal::Unclear
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_answers_are_classified() {
        for (code, message, want) in [
            (-32000, "already known", Refusal::AlreadyKnown),
            (
                -32010,
                "AlreadyKnown: transaction already imported",
                Refusal::AlreadyKnown,
            ),
            (
                -32000,
                "nonce too low: next nonce 5, tx nonce 4",
                Refusal::NonceTaken,
            ),
            (
                -32000,
                "replacement transaction underpriced",
                Refusal::Definite,
            ),
            (
                -32003,
                "Insufficient funds for gas * price + value",
                Refusal::Definite,
            ),
            (-32003, "something new", Refusal::Definite),
            (-32603, "internal error", Refusal::Unclear),
            (-32000, "context deadline exceeded", Refusal::Unclear),
            (
                -32603,
                "injected fault: internal error after forwarding",
                Refusal::Unclear,
            ),
        ] {
            assert_eq!(classify_refusal(code, message), want, "{message}");
        }
    }
}
