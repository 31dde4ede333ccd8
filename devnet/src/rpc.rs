//! JSON-RPC to one devnet chain through alloy's RPC client.

use std::time::Duration;

use alloy::{
    primitives::{Address, B256, Bytes, U64, U256},
    rpc::{
        client::{ClientBuilder, RpcClient},
        json_rpc::{RpcRecv, RpcSend},
    },
    sol_types::SolCall,
};

use crate::DevnetError;

/// Per-call timeout: local anvil answers in milliseconds; a hung one must not hang us.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// A client for one chain.
#[derive(Debug)]
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

    /// The latest block number.
    pub async fn block_number(&self) -> Result<u64, DevnetError> {
        Ok(self.call::<_, U64>("eth_blockNumber", ()).await?.to())
    }

    /// The latest block's timestamp.
    pub async fn latest_timestamp(&self) -> Result<u64, DevnetError> {
        let block: serde_json::Value = self.call("eth_getBlockByNumber", ("latest", false)).await?;
        block["timestamp"]
            .as_str()
            .and_then(|t| u64::from_str_radix(t.trim_start_matches("0x"), 16).ok())
            .ok_or_else(|| self.error("eth_getBlockByNumber", "no timestamp"))
    }

    /// `eth_call` of `call` on `to` at the latest block, decoded.
    pub async fn view<C: SolCall>(&self, to: Address, call: C) -> Result<C::Return, DevnetError> {
        let tx = serde_json::json!({ "to": to, "data": Bytes::from(call.abi_encode()) });
        let out: Bytes = self.call("eth_call", (tx, "latest")).await?;
        C::abi_decode_returns(&out).map_err(|e| self.error(C::SIGNATURE, &e.to_string()))
    }

    /// Sends a transaction as `from`, which anvil impersonates for just this transaction
    /// (the devnet's keyless actor accounts), without waiting for it to be mined.
    pub async fn send_as(
        &self,
        from: Address,
        to: Address,
        data: Vec<u8>,
        value: U256,
    ) -> Result<B256, DevnetError> {
        self.send_as_with_gas(from, to, data, value, 3_000_000)
            .await
    }

    /// [`Rpc::send_as`] with a gas limit of its own.
    pub async fn send_as_with_gas(
        &self,
        from: Address,
        to: Address,
        data: Vec<u8>,
        value: U256,
        gas: u64,
    ) -> Result<B256, DevnetError> {
        self.call::<_, ()>("anvil_impersonateAccount", (from,))
            .await?;
        let tx = serde_json::json!({ "from": from, "to": to, "data": Bytes::from(data), "value": value, "gas": U64::from(gas) });
        let sent = self.call("eth_sendTransaction", (tx,)).await;
        // Nobody else may send as the actor between its own transactions.
        self.call::<_, ()>("anvil_stopImpersonatingAccount", (from,))
            .await?;
        sent
    }

    /// Waits (up to 10 s: a few block times) for a transaction's receipt, and fails
    /// unless it succeeded.
    pub async fn wait(&self, hash: B256) -> Result<serde_json::Value, DevnetError> {
        let receipt = self.wait_mined(hash).await?;
        if receipt["status"] != "0x1" {
            return Err(self.error(
                "eth_sendTransaction",
                &format!("transaction {hash} reverted"),
            ));
        }
        Ok(receipt)
    }

    /// Waits (up to 10 s) for a transaction's receipt, whether it succeeded or not.
    pub async fn wait_mined(&self, hash: B256) -> Result<serde_json::Value, DevnetError> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let receipt: serde_json::Value =
                self.call("eth_getTransactionReceipt", (hash,)).await?;
            if !receipt.is_null() {
                return Ok(receipt);
            }
            if std::time::Instant::now() > deadline {
                return Err(self.error(
                    "eth_getTransactionReceipt",
                    &format!("no receipt for {hash} after 10 s"),
                ));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// The logs matching `filter` (its `address` and `topics`) in the blocks from `from`
    /// to the head, with the head; `None` when there is no new block. A scanning actor
    /// moves its cursor to `head + 1` once it has handled them.
    pub async fn new_logs(
        &self,
        mut filter: serde_json::Value,
        from: u64,
    ) -> Result<Option<(u64, Vec<alloy::rpc::types::Log>)>, DevnetError> {
        let head = self.block_number().await?;
        if head < from {
            return Ok(None);
        }
        filter["fromBlock"] = format!("{from:#x}").into();
        filter["toBlock"] = format!("{head:#x}").into();
        Ok(Some((head, self.call("eth_getLogs", (filter,)).await?)))
    }

    /// Makes sure `who` holds at least `minimum` wei (the devnet's actors mint their gas
    /// money, and what they credit, as the network's system accounts do).
    pub async fn top_up(&self, who: Address, minimum: U256) -> Result<(), DevnetError> {
        let balance: U256 = self.call("eth_getBalance", (who, "latest")).await?;
        if balance < minimum {
            self.call::<_, ()>("anvil_setBalance", (who, minimum))
                .await?;
        }
        Ok(())
    }
}
