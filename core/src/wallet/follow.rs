//! The update stream: one pass over everything open that returns what changed. Both
//! shells follow the wallet through it — the app turns updates into events and OS
//! notifications, `switchyard watch` prints them — so neither diffs history itself.

use std::collections::{BTreeMap, HashMap, HashSet};

use alloy::primitives::B256;

use super::Wallet;
use crate::{
    error::Result,
    networks::Networks,
    tx::{TxRecord, TxStatus},
    views::{TxView, Update},
};

/// What one [`Wallet::follow`] pass found.
#[derive(Debug, Default)]
pub struct Followed {
    /// What changed, in the order found.
    pub updates: Vec<Update>,
    /// Chains that could not be read this pass, with why (their open items keep their
    /// last known state).
    pub unchecked: BTreeMap<u64, String>,
}

/// What one follower last reported of each open item. A change is reported against it,
/// not against the store before the pass, so a change another path wrote first (a `tx
/// list`, a `send` waiting, the app's history) is still reported, once.
#[derive(Debug, Default)]
pub struct Follower {
    seen: HashMap<B256, (TxStatus, Option<u64>)>,
}

impl Follower {
    fn state(r: &TxRecord) -> (TxStatus, Option<u64>) {
        (r.status, r.block_number)
    }
}

impl Wallet {
    /// A follower that starts from what is open now: its first pass reports what changes
    /// from here on, not the history before it.
    pub fn follower(&self) -> Result<Follower> {
        Ok(Follower {
            seen: self
                .store
                .open_transactions()?
                .iter()
                .map(|r| (r.hash, Follower::state(r)))
                .collect(),
        })
    }

    /// One pass over what is open — transactions now; journeys and channels join here —
    /// reading each chain once (batched), returning what changed since `follower`'s last
    /// pass: items it followed that moved on (whoever wrote the change) and new ones.
    pub async fn follow(&self, networks: &Networks, follower: &mut Follower) -> Result<Followed> {
        let refresh = self.refresh_transactions(networks).await?;
        let mut current = self.store.open_transactions()?;
        // Followed items that are no longer open: their last word (final, replaced, …).
        let open: HashSet<B256> = current.iter().map(|r| r.hash).collect();
        for hash in follower.seen.keys().filter(|h| !open.contains(*h)) {
            current.extend(self.store.transaction(&hash.to_string())?);
        }
        let mut updates = Vec::new();
        for r in &current {
            let state = Follower::state(r);
            if follower.seen.get(&r.hash) != Some(&state) {
                let tx = self.tx_view(networks, r);
                updates.push(Update::Transaction {
                    attention: attention(&tx),
                    tx,
                });
            }
            if r.status.is_open() {
                follower.seen.insert(r.hash, state);
            } else {
                follower.seen.remove(&r.hash);
            }
        }
        Ok(Followed {
            updates,
            unchecked: refresh.unchecked,
        })
    }
}

/// What the person must know or do about a transaction that just changed, if anything:
/// a sentence for an OS notification.
fn attention(tx: &TxView) -> Option<String> {
    match (tx.status, tx.succeeded) {
        (TxStatus::Included | TxStatus::Final, Some(false)) => Some(format!(
            "{} on {} failed (reverted): its fee was paid and nothing moved.",
            tx.purpose_label, tx.chain
        )),
        (TxStatus::Dropped, _) => Some(format!(
            "{} on {} was dropped: its nonce was used by another transaction, so it will never be mined.",
            tx.purpose_label, tx.chain
        )),
        _ => None,
    }
}
