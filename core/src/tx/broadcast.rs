//! Sign → store → broadcast, and the nonce a new transaction takes.
//!
//! The rules this file keeps:
//! - A nonce is chosen under a per-account, per-chain lock shared by every process of the
//!   wallet, from the larger of the node's pending nonce and the wallet's own transactions
//!   that are not mined yet; the lock is held until the broadcast's outcome is stored, so
//!   the next sender counts this nonce, or reuses it if it was refused (no gap).
//! - The signed transaction is stored (as `unknown`) before it leaves the machine.
//! - "Not sent" is claimed only when every node that got it refused it, or none could be
//!   reached; anything else leaves it `unknown` for tracking to settle from the chain.

use std::{path::Path, time::Duration};

use alloy::{
    consensus::{Transaction, TxEnvelope, transaction::SignerRecoverable},
    eips::{BlockNumberOrTag, Decodable2718},
    network::TxSigner,
    primitives::{Address, U64},
    signers::Signature,
};

use super::{Journal, PreparedTx, TxError, TxRecord, TxStatus};
use crate::{
    accounts::signing::sign_transaction,
    lock::FileLock,
    rpc::{Broadcast, ChainClient},
};

/// How long a send waits for another process sending from the same account (a hardware
/// wallet waiting for its button can hold the lock that long).
const NONCE_LOCK_WAIT: Duration = Duration::from_secs(300);

/// The nonce a new transaction from `from` should take: the node's pending nonce, or past
/// the wallet's own transactions that are not mined yet (which the node may not know: a
/// broadcast whose outcome is unknown, a node that forgot one), whichever is larger.
pub async fn next_nonce<J: Journal + ?Sized>(
    journal: &J,
    client: &ChainClient,
    from: Address,
) -> Result<u64, crate::Error> {
    let node: U64 = client
        .request("eth_getTransactionCount", (from, BlockNumberOrTag::Pending))
        .await?;
    let ours = journal
        .unmined(client.spec().chain_id, from)?
        .iter()
        .map(|r| r.nonce + 1)
        .max()
        .unwrap_or(0);
    Ok(node.to::<u64>().max(ours))
}

/// Signs `prepared` with `signer`, stores it, then broadcasts it. The stored record is the
/// proof of what was signed: it is written before anything leaves the machine.
///
/// A new transfer takes its nonce here, under the account's lock ([`next_nonce`]); a
/// replacement keeps its original's. Signing the same request twice gives the same
/// transaction, which is recognised: one already sent is returned as it is, one that was
/// refused is broadcast again.
///
/// Errors: [`TxError::Rejected`] / [`TxError::NonceConflict`] when nothing was sent,
/// [`TxError::BroadcastUnknown`] when it may have been (the record stays open and tracking
/// settles it).
pub async fn sign_and_broadcast<J, S>(
    journal: &J,
    locks: &Path,
    client: &ChainClient,
    signer: &S,
    prepared: &PreparedTx,
) -> Result<TxRecord, crate::Error>
where
    J: Journal + ?Sized,
    S: TxSigner<Signature> + Send + Sync + ?Sized,
{
    let _lock = nonce_lock(locks, prepared.chain_id, prepared.from).await?;
    let mut request = prepared.transaction.clone();
    // Another window or process may have sent the same step of the same journey (a
    // proof, a claim…) while this one was reviewed: one of them is enough.
    if let Some(journey) = &prepared.journey_id
        && prepared.replaces.is_none()
        && !prepared.purpose.moves_value()
        && let Some(other) = journal.of_journey(journey)?.into_iter().find(|r| {
            r.purpose == prepared.purpose
                && (r.status.is_unmined()
                    || (prepared.purpose.happens_once()
                        && matches!(r.status, TxStatus::Included | TxStatus::Final)
                        && r.succeeded == Some(true)))
        })
    {
        return Err(TxError::StepMeanwhile { hash: other.hash }.into());
    }
    if prepared.replaces.is_none() {
        // Another process may have sent the same payment while this one was reviewed.
        let unmined = journal.unmined(prepared.chain_id, prepared.from)?;
        if let Some(other) = unmined.iter().find(|r| {
            is_same_transfer(prepared, r) && Some(r.hash) != prepared.possible_duplicate_of
        }) {
            return Err(TxError::DuplicateMeanwhile { hash: other.hash }.into());
        }
        request.nonce = Some(next_nonce(journal, client, prepared.from).await?);
    }
    let signed = sign_transaction(signer, request).await?;
    let envelope =
        TxEnvelope::decode_2718(&mut signed.raw.as_ref()).map_err(|_| TxError::SignerMismatch)?;
    if envelope.recover_signer().ok() != Some(prepared.from) {
        return Err(TxError::SignerMismatch.into());
    }
    let mut record = TxRecord {
        hash: signed.hash,
        chain_id: prepared.chain_id,
        from: prepared.from,
        to: prepared.to,
        asset: prepared.asset,
        symbol: prepared.symbol.clone(),
        decimals: prepared.decimals,
        amount: prepared.amount,
        nonce: envelope.nonce(),
        purpose: prepared.purpose,
        replaces: prepared.replaces,
        journey_id: prepared.journey_id.clone(),
        raw: signed.raw.clone(),
        gas_limit: prepared.fee.gas_limit,
        max_fee_per_gas: prepared.fee.max_fee_per_gas,
        max_priority_fee_per_gas: prepared.fee.max_priority_fee_per_gas,
        quoted_fee: prepared.fee.total,
        status: TxStatus::Unknown,
        succeeded: None,
        block_number: None,
        gas_used: None,
        effective_gas_price: None,
        l1_fee: None,
        fee_paid: None,
        submitted_at: 0,
        updated_at: 0,
        recheck: false,
    };
    if let Some(existing) = journal.record_signed(&record)? {
        // The very same signed transaction was stored before.
        if existing.status != TxStatus::NotSent {
            // Sent (or possibly sent) already, or settled: never broadcast it again from
            // here; tracking re-broadcasts an open one if the chain lacks it.
            return Ok(existing);
        }
        // Not sent then: it goes out now, as a new attempt.
        journal.update(&record)?;
    }
    match client.broadcast_raw(&signed.raw).await {
        Broadcast::Accepted => {
            record.status = TxStatus::Pending;
            journal.update(&record)?;
        }
        Broadcast::Unknown(detail) => {
            return Err(TxError::BroadcastUnknown {
                chain: client.name().into(),
                hash: record.hash,
                detail,
            }
            .into());
        }
        Broadcast::NotSent { error, nonce_taken } => {
            // "Nonce too low" can also mean another copy of this very transaction got there
            // first (another process's tracking broadcast the stored bytes): only "not
            // sent" if the chain does not have it.
            if nonce_taken {
                match client
                    .request::<_, Option<serde_json::Value>>(
                        "eth_getTransactionByHash",
                        (record.hash,),
                    )
                    .await
                {
                    Ok(Some(_)) => {
                        record.status = TxStatus::Pending;
                        journal.update(&record)?;
                        return Ok(record);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        return Err(TxError::BroadcastUnknown {
                            chain: client.name().into(),
                            hash: record.hash,
                            detail: format!("{error}; then looking it up failed: {e}"),
                        }
                        .into());
                    }
                }
            }
            record.status = TxStatus::NotSent;
            journal.update(&record)?;
            return Err(match (nonce_taken, prepared.replaces) {
                (true, Some(original)) => TxError::AlreadyMined {
                    chain: client.name().into(),
                    original,
                },
                (true, None) => TxError::NonceConflict {
                    chain: client.name().into(),
                    nonce: record.nonce,
                },
                (false, _) => TxError::Rejected(error),
            }
            .into());
        }
    }
    Ok(journal.get(record.hash)?.unwrap_or(record))
}

/// Whether `earlier` (an original, not a replacement) moves what `prepared` would: a
/// payment of the same kind (a transfer, a deposit, a withdrawal…) of the same amount of
/// the same asset to the same recipient — a second one is most likely a retry that would
/// pay twice. A journey's later steps (a proof, a claim…) of different journeys are
/// different by construction; a journey refuses its own step twice itself.
pub fn is_same_transfer(prepared: &PreparedTx, earlier: &TxRecord) -> bool {
    earlier.replaces.is_none()
        && prepared.purpose.moves_value()
        && earlier.purpose == prepared.purpose
        && earlier.to == prepared.to
        && earlier.asset == prepared.asset
        && earlier.amount == prepared.amount
}

/// The lock every process takes before choosing a nonce for `from` on `chain_id`.
async fn nonce_lock(locks: &Path, chain_id: u64, from: Address) -> Result<FileLock, TxError> {
    let io = |e: std::io::Error| TxError::Lock(format!("{}: {e}", locks.display()));
    std::fs::create_dir_all(locks).map_err(io)?;
    let path = locks.join(format!("nonce-{chain_id}-{from:x}.lock"));
    FileLock::acquire_async(&path, NONCE_LOCK_WAIT)
        .await
        .map_err(io)?
        .ok_or_else(|| {
            TxError::Lock(format!(
                "another Switchyard process has been sending from {from} for over {} minutes; nothing was signed. Try again when it has finished.",
                NONCE_LOCK_WAIT.as_secs() / 60
            ))
        })
}
