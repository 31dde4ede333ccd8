use std::{sync::Arc, time::Duration};

use alloy::{
    eips::BlockId,
    primitives::{B256, Bytes},
    rpc::{
        client::{BatchRequest, RpcClient},
        json_rpc::{Id, Request, RequestPacket, ResponsePayload, RpcRecv, RpcSend},
        types::TransactionRequest,
    },
    transports::TransportErrorKind,
};

use super::{EndpointHealth, FailoverTransport, RpcError, failover::all_failed_message};
use crate::chain::ChainSpec;

/// Per-request timeout used unless a caller picks another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// One chain's JSON-RPC client: every request goes to one healthy endpoint, with failover.
#[derive(Clone)]
pub struct ChainClient {
    spec: Arc<ChainSpec>,
    transport: FailoverTransport,
    rpc: RpcClient,
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
            rpc,
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

    /// Sends a signed transaction to every usable endpoint at once, so one slow or lying
    /// endpoint cannot keep it from the network. Succeeds when any endpoint accepts it.
    pub async fn broadcast_raw(&self, raw: &Bytes) -> Result<B256, RpcError> {
        let request = Request::new("eth_sendRawTransaction", Id::Number(1), (raw,))
            .serialize()
            .map_err(|e| RpcError::Malformed {
                chain: self.spec.name.clone(),
                method: "eth_sendRawTransaction".into(),
                detail: e.to_string(),
            })?;
        let sends = self.transport.candidates().into_iter().map(|index| {
            let packet = RequestPacket::Single(request.clone());
            async move { self.transport.send_to(index, packet).await }
        });
        let mut rejections = Vec::new();
        let mut failures = Vec::new();
        for outcome in futures::future::join_all(sends).await {
            match outcome {
                Ok(response) => match response.first_payload() {
                    Some(ResponsePayload::Success(raw_hash)) => {
                        if let Ok(hash) = serde_json::from_str::<B256>(raw_hash.get()) {
                            return Ok(hash);
                        }
                        failures.push("a malformed transaction hash".to_string());
                    }
                    Some(ResponsePayload::Failure(err)) => rejections.push(RpcError::Rejected {
                        chain: self.spec.name.clone(),
                        code: err.code,
                        message: err.message.to_string(),
                        data: None,
                    }),
                    None => failures.push("no answer".to_string()),
                },
                Err(e) => failures.push(e.to_string()),
            }
        }
        // An endpoint's refusal (nonce too low, underpriced) says more than another's outage.
        if let Some(rejection) = rejections.into_iter().next() {
            return Err(rejection);
        }
        Err(RpcError::Unreachable {
            chain: self.spec.name.clone(),
            detail: all_failed_message(self.spec.chain_id, &failures),
        })
    }
}
