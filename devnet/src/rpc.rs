//! JSON-RPC to one devnet chain through alloy's RPC client.

use std::time::Duration;

use alloy::rpc::{
    client::{ClientBuilder, RpcClient},
    json_rpc::{RpcRecv, RpcSend},
};

use crate::DevnetError;

/// Per-call timeout: local anvil answers in milliseconds; a hung one must not hang us.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// A client for one chain.
pub struct Rpc {
    chain: String,
    client: RpcClient,
}

impl Rpc {
    pub fn new(chain: &str, url: &str) -> Result<Self, DevnetError> {
        let url = url
            .parse()
            .map_err(|_| DevnetError::Input(format!("bad RPC URL {url}")))?;
        Ok(Self {
            chain: chain.to_owned(),
            client: ClientBuilder::default().http(url),
        })
    }

    /// An error about this chain.
    pub fn error(&self, method: &str, reason: &str) -> DevnetError {
        DevnetError::Rpc {
            chain: self.chain.clone(),
            method: method.to_owned(),
            reason: reason.to_owned(),
        }
    }

    pub async fn call<P, R>(&self, method: &'static str, params: P) -> Result<R, DevnetError>
    where
        P: RpcSend,
        R: RpcRecv,
    {
        let fail = |reason: String| DevnetError::Rpc {
            chain: self.chain.clone(),
            method: method.to_owned(),
            reason,
        };
        tokio::time::timeout(CALL_TIMEOUT, self.client.request(method, params))
            .await
            .map_err(|_| fail("timed out".into()))?
            .map_err(|e| fail(e.to_string()))
    }
}
