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

/// What one follower has reported: the last state of each open item, and every item it
/// knows. A change is reported against it, not against the store before the pass, so a
/// change another path wrote first (a `tx list`, a `send` waiting, the app's history) is
/// still reported, once — as is an item that appeared and settled between two passes.
#[derive(Debug, Default)]
pub struct Follower {
    seen: HashMap<B256, (TxStatus, Option<u64>)>,
    known: HashSet<B256>,
}

/// How many of the newest records each pass looks at for ones that appeared since the last
/// (far more than can be sent between two passes).
const RECENT: usize = 50;

fn state(r: &TxRecord) -> (TxStatus, Option<u64>) {
    (r.status, r.block_number)
}

impl Wallet {
    /// A follower that starts from what is there now: its first pass reports what changes
    /// from here on, not the history before it.
    pub fn follower(&self) -> Result<Follower> {
        let mut follower = Follower::default();
        for r in self.store.transactions(None, RECENT)? {
            follower.known.insert(r.hash);
        }
        for r in self.store.open_transactions()? {
            follower.known.insert(r.hash);
            follower.seen.insert(r.hash, state(&r));
        }
        Ok(follower)
    }

    /// One pass over what is open — transactions now; journeys and channels join here —
    /// reading each chain once (batched), returning what changed since `follower`'s last
    /// pass: items it followed that moved on (whoever wrote the change) and new ones.
    pub async fn follow(&self, networks: &Networks, follower: &mut Follower) -> Result<Followed> {
        let refresh = self.refresh_transactions(networks).await?;
        // Everything that may have changed: what is open, what this pass changed, the
        // newest records, and followed items that are no longer open (their last word).
        let mut candidates: Vec<TxRecord> = Vec::new();
        let mut taken = HashSet::new();
        let mut take = |r: TxRecord, candidates: &mut Vec<TxRecord>| {
            if taken.insert(r.hash) {
                candidates.push(r);
            }
        };
        for r in self.store.open_transactions()? {
            take(r, &mut candidates);
        }
        for r in refresh.updated {
            take(r, &mut candidates);
        }
        for r in self.store.transactions(None, RECENT)?.into_iter().rev() {
            take(r, &mut candidates);
        }
        let followed: Vec<B256> = follower.seen.keys().copied().collect();
        for hash in followed {
            if let Some(r) = self.store.transaction(&hash.to_string())? {
                take(r, &mut candidates);
            }
        }
        let mut updates = Vec::new();
        for r in &candidates {
            let changed = match follower.seen.get(&r.hash) {
                Some(last) => *last != state(r),
                None => !follower.known.contains(&r.hash),
            };
            if changed {
                let tx = self.tx_view(networks, r);
                updates.push(Update::Transaction {
                    attention: attention(&tx),
                    tx,
                });
            }
            follower.known.insert(r.hash);
            if r.status.is_open() {
                follower.seen.insert(r.hash, state(r));
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
