//! The OP sequencer's deposit derivation: every `TransactionDeposited` the chain's portal
//! logs on L1 is included on the L2 as its type-0x7E transaction, in log order, with the
//! source hash of its L1 block and log index, so the L2 hash is the one any client
//! computes from the L1 receipt (`switchyard_core::rollup::op_stack::deposit`). One
//! deposit is included per L2 block when several arrive together.

use alloy::{
    primitives::{Address, B256},
    sol_types::SolEvent,
};
use switchyard_core::rollup::op_stack::{TransactionDeposited, UserDeposit};

use crate::{DevnetError, rpc::Rpc};

/// One OP chain's deposit relay.
#[derive(Debug, Clone)]
pub struct Sequencer {
    /// The first L1 block not yet scanned.
    next_l1_block: u64,
}

impl Sequencer {
    /// A relay that starts scanning at `l1_block` (the portal's deployment).
    pub fn starting_at(l1_block: u64) -> Self {
        Self {
            next_l1_block: l1_block,
        }
    }

    /// Includes the deposits logged since the last round; returns how many it submitted.
    /// A deposit the L2 already has (a restarted actor rescans) is not submitted twice.
    pub async fn round(
        &mut self,
        l1: &Rpc,
        l2: &Rpc,
        portal: Address,
    ) -> Result<usize, DevnetError> {
        let filter = serde_json::json!({ "address": portal, "topics": [TransactionDeposited::SIGNATURE_HASH] });
        let Some((head, logs)) = l1.new_logs(filter, self.next_l1_block).await? else {
            return Ok(0);
        };
        let mut submitted = 0;
        for log in &logs {
            let (Some(block_hash), Some(index)) = (log.block_hash, log.log_index) else {
                // Logs of mined blocks always carry their position.
                return Err(l1.error("eth_getLogs", "a deposit log without its block or index"));
            };
            let deposit = UserDeposit::from_log(&log.inner, block_hash, index)
                .map_err(|e| l1.error("eth_getLogs", &e.to_string()))?;
            let expected = deposit.l2_hash();
            let known: serde_json::Value = l2.call("eth_getTransactionByHash", (expected,)).await?;
            if !known.is_null() {
                continue;
            }
            let hash: B256 = l2
                .call("eth_sendRawTransaction", (deposit.l2_raw_transaction(),))
                .await?;
            if hash != expected {
                return Err(l2.error(
                    "eth_sendRawTransaction",
                    &format!("the L2 named deposit {expected} {hash}"),
                ));
            }
            // Included before the next: deposits relayed by one L1 contract (every standard
            // bridge deposit comes from the messenger's alias) share a sender, and the
            // node's pool would take the next for a replacement of this one.
            l2.wait_mined(hash).await?;
            submitted += 1;
        }
        self.next_l1_block = head + 1;
        Ok(submitted)
    }
}
