use std::time::{Duration, Instant};

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{U64, U256},
};

use super::{Journal, Receipt, TxRecord, TxStatus};
use crate::{
    chain::ChainKind,
    fees::{
        op_formula::{self, TxBytes},
        op_stack::read_oracle,
    },
    rpc::{Broadcast, ChainClient, RpcError},
};

/// How often [`wait_until`] polls.
pub const FINALITY_POLL: Duration = Duration::from_millis(250);

#[derive(Debug, serde::Deserialize)]
struct BlockHeader {
    number: U64,
}

/// Everything the sender paid for an included transaction: gas used × effective price, plus
/// on OP Stack chains the L1 data fee and the operator fee. The L1 fee is the receipt's
/// `l1Fee`; a node that omits it (anvil) gets it computed from the signed bytes with the
/// oracle's values at that block — the node's own rule (`l2-protocols.md` §1.2).
async fn fees_paid(
    client: &ChainClient,
    record: &TxRecord,
    receipt: &Receipt,
) -> Result<(Option<U256>, U256), RpcError> {
    let gas_used = receipt.gas_used.to::<u64>();
    let price = receipt
        .effective_gas_price
        .map(|p| p.to::<u128>())
        .unwrap_or(record.max_fee_per_gas);
    let execution = U256::from(gas_used) * U256::from(price);
    if client.spec().kind != ChainKind::OpStack {
        return Ok((None, execution));
    }
    let block = BlockId::Number(BlockNumberOrTag::Number(receipt.block_number.to()));
    let (l1_fee, operator) = match receipt.l1_fee {
        Some(l1) => {
            let operator = match (receipt.operator_fee_scalar, receipt.operator_fee_constant) {
                (Some(s), Some(c)) => {
                    let (fork, mut params) = read_oracle(client, block).await?;
                    params.operator_fee_scalar = s.to();
                    params.operator_fee_constant = c.to();
                    op_formula::operator_fee(fork, &params, gas_used)
                }
                _ => U256::ZERO,
            };
            (l1, operator)
        }
        None => {
            let (fork, params) = read_oracle(client, block).await?;
            (
                op_formula::l1_fee(fork, &params, &record.raw, TxBytes::Signed),
                op_formula::operator_fee(fork, &params, gas_used),
            )
        }
    };
    Ok((Some(l1_fee), execution + l1_fee + operator))
}

/// Looks at the chain once and brings `record` (and any of its replacements) up to date in
/// the journal: pending or unknown → included → final, or replaced / dropped; unknown →
/// pending once a node has it. A transaction not mined yet that the node does not have
/// (forgotten, or never received) is broadcast again. A dropped record marked for a
/// recheck is looked up by hash only, and repaired if the chain has it.
pub async fn track_once<J: Journal + ?Sized>(
    journal: &J,
    client: &ChainClient,
    record: &TxRecord,
) -> Result<TxRecord, crate::Error> {
    let mut record = record.clone();
    if !record.status.is_open() && !record.recheck {
        return Ok(record);
    }
    let err = |m: &str, e| client.error(m, e);
    let mut batch = client.batch();
    let receipt = batch
        .add_call::<_, Option<Receipt>>("eth_getTransactionReceipt", &(record.hash,))
        .map_err(|e| err("eth_getTransactionReceipt", e))?;
    let mined_nonce = batch
        .add_call::<_, U64>(
            "eth_getTransactionCount",
            &(record.from, BlockNumberOrTag::Latest),
        )
        .map_err(|e| err("eth_getTransactionCount", e))?;
    let finalized = batch
        .add_call::<_, Option<BlockHeader>>(
            "eth_getBlockByNumber",
            &(BlockNumberOrTag::Finalized, false),
        )
        .map_err(|e| err("eth_getBlockByNumber", e))?;
    batch.send().await.map_err(|e| err("batch", e))?;
    let receipt = receipt
        .await
        .map_err(|e| err("eth_getTransactionReceipt", e))?;
    let mined_nonce = mined_nonce
        .await
        .map_err(|e| err("eth_getTransactionCount", e))?
        .to::<u64>();
    let finalized = finalized
        .await
        .map_err(|e| err("eth_getBlockByNumber", e))?
        .map(|b| b.number.to::<u64>());

    if let Some(receipt) = receipt {
        return included(journal, client, record, &receipt, finalized).await;
    }
    if record.recheck {
        // Not in a block: pending if a node still has it, else it stays dropped (never
        // broadcast again: the person was told it was not sent).
        let known: Option<serde_json::Value> = client
            .request("eth_getTransactionByHash", (record.hash,))
            .await?;
        if known.is_some() {
            record.status = TxStatus::Pending;
        }
        record.recheck = false;
        journal.update(&record)?;
        return Ok(record);
    }
    if mined_nonce > record.nonce {
        // The nonce is used, by a sibling of ours (replaced) or by something else (dropped).
        let siblings = journal.with_nonce(record.chain_id, record.from, record.nonce)?;
        for sibling in siblings.iter().filter(|s| s.hash != record.hash) {
            let r: Option<Receipt> = client
                .request("eth_getTransactionReceipt", (sibling.hash,))
                .await?;
            if r.is_some() {
                Box::pin(track_once(journal, client, sibling)).await?;
                return Ok(journal.get(record.hash)?.unwrap_or(record));
            }
        }
        // A node may count the nonce a moment before it serves the receipt: if it still
        // knows this transaction as mined, wait for the receipt instead.
        let known: Option<serde_json::Value> = client
            .request("eth_getTransactionByHash", (record.hash,))
            .await?;
        if known.as_ref().is_some_and(|t| !t["blockNumber"].is_null()) {
            return Ok(record);
        }
        record.status = TxStatus::Dropped;
        journal.update(&record)?;
        return Ok(record);
    }
    if record.status.is_unmined() {
        let known: Option<serde_json::Value> = client
            .request("eth_getTransactionByHash", (record.hash,))
            .await?;
        // Known to the node, or taken by it now (forgotten after a restart or an eviction,
        // or never received): pending. Otherwise it stays as it was, for the next pass.
        // Only the highest bid for a nonce is sent again: a node that lost an original and
        // its speed-up or cancel must not be handed the original back (a cancelled payment
        // would go through).
        let outbid = journal
            .with_nonce(record.chain_id, record.from, record.nonce)?
            .iter()
            .any(|s| s.status.is_unmined() && s.max_fee_per_gas > record.max_fee_per_gas);
        let has_it = known.is_some()
            || !outbid && matches!(client.broadcast_raw(&record.raw).await, Broadcast::Accepted);
        if has_it && record.status == TxStatus::Unknown {
            record.status = TxStatus::Pending;
            journal.update(&record)?;
        }
    }
    Ok(record)
}

/// Records `record`'s receipt (included, or final when its block is; a recheck is done),
/// and marks its siblings (same nonce), which can no longer be mined, as replaced.
async fn included<J: Journal + ?Sized>(
    journal: &J,
    client: &ChainClient,
    mut record: TxRecord,
    receipt: &Receipt,
    finalized: Option<u64>,
) -> Result<TxRecord, crate::Error> {
    let block = receipt.block_number.to::<u64>();
    let (l1_fee, paid) = fees_paid(client, &record, receipt).await?;
    record.succeeded = Some(receipt.succeeded());
    record.block_number = Some(block);
    record.gas_used = Some(receipt.gas_used.to());
    record.effective_gas_price = receipt.effective_gas_price.map(|p| p.to());
    record.l1_fee = l1_fee;
    record.fee_paid = Some(paid);
    record.recheck = false;
    record.status = if finalized.is_some_and(|f| f >= block) {
        TxStatus::Final
    } else {
        TxStatus::Included
    };
    journal.update(&record)?;
    for mut other in journal.with_nonce(record.chain_id, record.from, record.nonce)? {
        if other.hash != record.hash && other.status.is_unmined() {
            other.status = TxStatus::Replaced;
            journal.update(&other)?;
        }
    }
    Ok(record)
}

/// Tracks `record` until `done` holds for it, or `timeout` passes (returning its last
/// state). A chain that does not answer for a moment is asked again: its last state is
/// what is known, not an error about a transaction that is already out.
pub async fn wait_until<J: Journal + ?Sized>(
    journal: &J,
    client: &ChainClient,
    record: &TxRecord,
    timeout: Duration,
    done: impl Fn(&TxRecord) -> bool,
) -> Result<TxRecord, crate::Error> {
    let started = Instant::now();
    let mut current = record.clone();
    loop {
        match track_once(journal, client, &current).await {
            Ok(next) => current = next,
            Err(crate::Error::Rpc(_)) => {}
            Err(e) => return Err(e),
        }
        if done(&current) || !current.status.is_open() || started.elapsed() >= timeout {
            return Ok(current);
        }
        tokio::time::sleep(FINALITY_POLL).await;
    }
}
