//! The devnet L1's latest block, as the L2s' fee relays need it.

use alloy::primitives::{B256, U256};

use crate::{DevnetError, rpc::Rpc};

/// What an L2 learns about its L1 each block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L1Head {
    /// Block number.
    pub number: u64,
    /// Block timestamp.
    pub timestamp: u64,
    /// Block hash.
    pub hash: B256,
    /// EIP-1559 base fee, wei.
    pub base_fee: U256,
    /// EIP-4844 blob base fee, wei.
    pub blob_base_fee: U256,
}

impl L1Head {
    /// Reads the L1's latest block (one block and one blob-fee call).
    pub async fn read(l1: &Rpc) -> Result<Self, DevnetError> {
        let block: serde_json::Value = l1.call("eth_getBlockByNumber", ("latest", false)).await?;
        let missing = |name: &str| l1.error("eth_getBlockByNumber", &format!("no {name}"));
        let quantity = |name: &str| -> Result<U256, DevnetError> {
            block[name]
                .as_str()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| missing(name))
        };
        Ok(Self {
            number: quantity("number")?.to(),
            timestamp: quantity("timestamp")?.to(),
            hash: block["hash"]
                .as_str()
                .and_then(|h| h.parse().ok())
                .ok_or_else(|| missing("hash"))?,
            base_fee: quantity("baseFeePerGas")?,
            blob_base_fee: l1.call("eth_blobBaseFee", ()).await?,
        })
    }
}
