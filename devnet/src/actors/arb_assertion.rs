//! Arbitrum's assertion confirmation, as the rollup does it: whenever ArbSys's send tree
//! has grown, its root (with the L2 block it was read at) is queued, and once the
//! confirmation delay has passed on L1 the rollup role confirms it to the Outbox
//! (`updateSendRoot`). Withdrawals up to that root are then claimable, once each.
//!
//! A client finds the send count of a confirmed root from the Outbox's `SendRootUpdated`
//! log: its L2 block hash names the block at which ArbSys's `sendMerkleTreeState()`
//! has that root.

use std::collections::VecDeque;

use alloy::{
    primitives::{B256, U256},
    sol_types::SolCall,
};
use switchyard_core::{
    chain::ArbitrumContracts,
    rollup::arbitrum::abi::{ArbSys, Outbox},
};

use crate::{
    DevnetError,
    arbitrum::{ArbDeployment, ROLLUP},
    rpc::Rpc,
};

/// One Arbitrum chain's assertion confirmer.
#[derive(Debug, Clone, Default)]
pub struct Assertion {
    /// Roots waiting for their delay: (due at L1 time, root, L2 block hash).
    queued: VecDeque<(u64, B256, B256)>,
    /// The send count last queued.
    last_size: u64,
}

impl Assertion {
    /// Queues a grown send tree and confirms what is due; returns how many roots it confirmed.
    pub async fn round(
        &mut self,
        l1: &Rpc,
        l2: &Rpc,
        deployment: &ArbDeployment,
    ) -> Result<usize, DevnetError> {
        let block: serde_json::Value = l2.call("eth_getBlockByNumber", ("latest", false)).await?;
        let (Some(number), Some(hash)) = (
            block["number"].as_str(),
            block["hash"].as_str().and_then(|h| h.parse::<B256>().ok()),
        ) else {
            return Err(l2.error("eth_getBlockByNumber", "no latest block"));
        };
        let tx = serde_json::json!({ "to": ArbitrumContracts::ARB_SYS, "data": alloy::primitives::Bytes::from(ArbSys::sendMerkleTreeStateCall {}.abi_encode()) });
        let out: alloy::primitives::Bytes = l2.call("eth_call", (tx, number)).await?;
        let state = ArbSys::sendMerkleTreeStateCall::abi_decode_returns(&out)
            .map_err(|e| l2.error("sendMerkleTreeState", &e.to_string()))?;
        let size = state.size.saturating_to::<u64>();
        let now = l1.latest_timestamp().await?;
        if size > self.last_size {
            self.queued
                .push_back((now + deployment.clocks.confirm_delay_secs, state.root, hash));
            self.last_size = size;
        }
        let mut confirmed = 0;
        while let Some(&(due, root, l2_block_hash)) = self.queued.front() {
            if due > now {
                break;
            }
            let call = Outbox::updateSendRootCall {
                root,
                l2BlockHash: l2_block_hash,
            };
            let sent = l1
                .send_as(ROLLUP, deployment.outbox, call.abi_encode(), U256::ZERO)
                .await?;
            l1.wait(sent).await?;
            self.queued.pop_front();
            confirmed += 1;
        }
        Ok(confirmed)
    }
}
