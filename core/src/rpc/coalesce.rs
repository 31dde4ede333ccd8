//! Requests made at about the same time, sent together: every request given to
//! [`Coalescer::request`] within [`WINDOW`] of the first goes out in one JSON-RPC batch
//! (one HTTP round trip), so reading many journeys at once costs a round trip per step, not
//! one per journey. Each answer (or error, a revert with its reason included) goes back to
//! its own caller.
//!
//! Only reads go through it: a request leaves even if its caller stopped waiting, which is
//! harmless for a read and never acceptable for a broadcast.
//!
//! Why not alloy's `CallBatchLayer`: it folds only `eth_call`s at the latest block into a
//! Multicall3 call and turns a revert into a generic error, losing the reason the wallet
//! reads (`checkWithdrawal`'s "not yet", a ticket's `getTimeout`); the journeys also read
//! logs, receipts, blocks and proofs. A JSON-RPC batch carries all of them unchanged.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use alloy::rpc::client::RpcClient;
use serde::de::DeserializeOwned;
use tokio::sync::oneshot;

use super::RpcError;

/// How long after the first request the batch leaves.
pub const WINDOW: Duration = Duration::from_millis(2);
/// Most calls in one batch (providers cap batch sizes; 100 is under the common caps).
pub const MAX_BATCH: usize = 100;

type Reply = oneshot::Sender<Result<serde_json::Value, RpcError>>;

struct Pending {
    method: &'static str,
    params: serde_json::Value,
    reply: Reply,
}

/// One chain's coalescing queue.
#[derive(Clone, Default)]
pub struct Coalescer {
    pending: Arc<Mutex<Vec<Pending>>>,
}

impl std::fmt::Debug for Coalescer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Coalescer")
    }
}

impl Coalescer {
    /// `method(params)` through `rpc`, in the batch leaving next; errors name `chain`.
    pub async fn request<R: DeserializeOwned>(
        &self,
        rpc: &RpcClient,
        chain: &str,
        method: &'static str,
        params: serde_json::Value,
    ) -> Result<R, RpcError> {
        let (reply, answer) = oneshot::channel();
        let first = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.push(Pending {
                method,
                params,
                reply,
            });
            pending.len() == 1
        };
        if first {
            let (queue, rpc, chain) = (self.clone(), rpc.clone(), chain.to_owned());
            tokio::spawn(async move {
                tokio::time::sleep(WINDOW).await;
                let batch =
                    std::mem::take(&mut *queue.pending.lock().unwrap_or_else(|e| e.into_inner()));
                let sends = chunks(batch)
                    .into_iter()
                    .map(|chunk| send(&rpc, &chain, chunk));
                futures::future::join_all(sends).await;
            });
        }
        let value = answer.await.map_err(|_| RpcError::Unreachable {
            chain: chain.to_owned(),
            detail: format!("the batch carrying {method} was dropped"),
        })??;
        serde_json::from_value(value).map_err(|e| RpcError::Malformed {
            chain: chain.to_owned(),
            method: method.into(),
            detail: e.to_string(),
        })
    }
}

fn chunks(mut batch: Vec<Pending>) -> Vec<Vec<Pending>> {
    let mut out = Vec::new();
    while batch.len() > MAX_BATCH {
        let rest = batch.split_off(MAX_BATCH);
        out.push(batch);
        batch = rest;
    }
    out.push(batch);
    out
}

/// Sends one batch (a single request as itself) and answers each caller.
async fn send(rpc: &RpcClient, chain: &str, batch: Vec<Pending>) {
    let error = |method: &str, e| RpcError::from_alloy(chain, method, e);
    if batch.len() == 1 {
        let Some(p) = batch.into_iter().next() else {
            return;
        };
        let result = rpc
            .request::<_, serde_json::Value>(p.method, p.params)
            .await
            .map_err(|e| error(p.method, e));
        let _ = p.reply.send(result);
        return;
    }
    let mut request = rpc.new_batch();
    let mut waiting = Vec::new();
    for p in batch {
        match request.add_call::<_, serde_json::Value>(p.method, &p.params) {
            Ok(waiter) => waiting.push((p, waiter)),
            Err(e) => {
                let _ = p.reply.send(Err(error(p.method, e)));
            }
        }
    }
    if request.send().await.is_ok() {
        for (p, waiter) in waiting {
            let _ = p.reply.send(waiter.await.map_err(|e| error(p.method, e)));
        }
        return;
    }
    // The batch as a whole was refused (a provider without batches, or with a lower cap):
    // each call on its own, so one such endpoint does not make the chain unreadable.
    for (p, _) in waiting {
        let result = rpc
            .request::<_, serde_json::Value>(p.method, p.params)
            .await
            .map_err(|e| error(p.method, e));
        let _ = p.reply.send(result);
    }
}
