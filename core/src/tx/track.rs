use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, U64, U256},
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

/// What one batched read of a chain says about some of its open transactions: each
/// one's receipt, each sender's mined nonce, and the finalized block.
struct Reading {
    receipts: Vec<Option<Receipt>>,
    mined_nonces: HashMap<Address, u64>,
    finalized: Option<u64>,
}

/// Reads what `records` (all of `client`'s chain) need in one JSON-RPC batch: one HTTP
/// request however many transactions are open.
async fn read(client: &ChainClient, records: &[TxRecord]) -> Result<Reading, RpcError> {
    let err = |m: &str, e| client.error(m, e);
    let mut batch = client.batch();
    let receipts = records
        .iter()
        .map(|r| {
            batch
                .add_call::<_, Option<Receipt>>("eth_getTransactionReceipt", &(r.hash,))
                .map_err(|e| err("eth_getTransactionReceipt", e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut senders: Vec<Address> = records.iter().map(|r| r.from).collect();
    senders.sort();
    senders.dedup();
    let nonces = senders
        .iter()
        .map(|from| {
            batch
                .add_call::<_, U64>("eth_getTransactionCount", &(from, BlockNumberOrTag::Latest))
                .map_err(|e| err("eth_getTransactionCount", e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let finalized = batch
        .add_call::<_, Option<BlockHeader>>(
            "eth_getBlockByNumber",
            &(BlockNumberOrTag::Finalized, false),
        )
        .map_err(|e| err("eth_getBlockByNumber", e))?;
    batch.send().await.map_err(|e| err("batch", e))?;
    let mut reading = Reading {
        receipts: Vec::with_capacity(receipts.len()),
        mined_nonces: HashMap::new(),
        finalized: finalized
            .await
            .map_err(|e| err("eth_getBlockByNumber", e))?
            .map(|b| b.number.to::<u64>()),
    };
    for receipt in receipts {
        reading.receipts.push(
            receipt
                .await
                .map_err(|e| err("eth_getTransactionReceipt", e))?,
        );
    }
    for (from, nonce) in senders.into_iter().zip(nonces) {
        let nonce = nonce.await.map_err(|e| err("eth_getTransactionCount", e))?;
        reading.mined_nonces.insert(from, nonce.to());
    }
    Ok(reading)
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
    Ok(track_chain(journal, client, std::slice::from_ref(record))
        .await?
        .remove(0))
}

/// [`track_once`] for several transactions of one chain, reading it once for all of them
/// (one batched request). Only a change — a new receipt, a nonce taken, a transaction the
/// node lacks — costs more requests.
pub async fn track_chain<J: Journal + ?Sized>(
    journal: &J,
    client: &ChainClient,
    records: &[TxRecord],
) -> Result<Vec<TxRecord>, crate::Error> {
    let watched: Vec<TxRecord> = records
        .iter()
        .filter(|r| r.status.is_open() || r.recheck)
        .cloned()
        .collect();
    let reading = if watched.is_empty() {
        None
    } else {
        Some(read(client, &watched).await?)
    };
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let Some(i) = watched.iter().position(|w| w.hash == record.hash) else {
            out.push(record.clone());
            continue;
        };
        let reading = reading.as_ref().expect("read when something is watched");
        let receipt = reading.receipts[i].clone();
        let mined = reading.mined_nonces[&record.from];
        out.push(
            settle(
                journal,
                client,
                record.clone(),
                receipt,
                mined,
                reading.finalized,
            )
            .await?,
        );
    }
    Ok(out)
}

/// Decides `record`'s state from what its chain said (see [`track_once`]).
async fn settle<J: Journal + ?Sized>(
    journal: &J,
    client: &ChainClient,
    mut record: TxRecord,
    receipt: Option<Receipt>,
    mined_nonce: u64,
    finalized: Option<u64>,
) -> Result<TxRecord, crate::Error> {
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
            if let Some(r) = r {
                included(journal, client, sibling.clone(), &r, finalized).await?;
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
    if record.status == TxStatus::Included
        && record.block_number == Some(block)
        && record.fee_paid.is_some()
    {
        // Known already: only finality can have changed (no fee to work out again).
        if finalized.is_some_and(|f| f >= block) {
            record.status = TxStatus::Final;
            journal.update(&record)?;
        }
        return Ok(record);
    }
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
