//! The update stream: one pass over everything open that returns what changed. Both
//! shells follow the wallet through it — the app turns updates into events and OS
//! notifications, `switchyard watch` prints them — so neither diffs history itself.

use std::collections::{BTreeMap, HashMap};

use super::Wallet;
use crate::{
    error::Result,
    networks::Networks,
    tx::TxStatus,
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

impl Wallet {
    /// One pass over what is open — transactions now; journeys and channels join here —
    /// reading each chain once (batched), returning what changed since the last pass.
    pub async fn follow(&self, networks: &Networks) -> Result<Followed> {
        let before: HashMap<_, _> = self
            .store
            .open_transactions()?
            .into_iter()
            .map(|r| (r.hash, (r.status, r.block_number)))
            .collect();
        let refresh = self.refresh_transactions(networks).await?;
        let updates = refresh
            .updated
            .iter()
            .filter(|r| before.get(&r.hash) != Some(&(r.status, r.block_number)))
            .map(|r| {
                let tx = self.tx_view(networks, r);
                Update::Transaction {
                    attention: attention(&tx),
                    tx,
                }
            })
            .collect();
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
