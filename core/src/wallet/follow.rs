//! The update stream: one pass over everything open that returns what changed. Both
//! shells follow the wallet through it — the app turns updates into events and OS
//! notifications, `switchyard watch` prints them — so neither diffs history itself.

use std::collections::{BTreeMap, HashMap, HashSet};

use alloy::primitives::B256;

use super::Wallet;
use crate::{
    error::Result,
    journey::JourneyState,
    networks::Networks,
    tx::{TxRecord, TxStatus},
    views::{JourneyView, TxView, Update},
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
    /// Each journey's last reported state.
    journeys: HashMap<String, JourneyState>,
    /// Tickets already warned about (a day before they expire).
    warned: HashSet<String>,
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
        for j in self.store.journeys()? {
            follower.journeys.insert(j.id, j.state);
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
        let mut unchecked = refresh.unchecked;
        self.follow_journeys(networks, follower, &mut updates, &mut unchecked)
            .await?;
        Ok(Followed { updates, unchecked })
    }

    /// The journeys' part of a pass: each open one read from its chains (those whose
    /// chains cannot be read are skipped, and said so), then every journey whose state
    /// differs from what `follower` last reported, and tickets within a day of expiring.
    async fn follow_journeys(
        &self,
        networks: &Networks,
        follower: &mut Follower,
        updates: &mut Vec<Update>,
        unchecked: &mut BTreeMap<u64, String>,
    ) -> Result<()> {
        let bridges = self.bridges(networks);
        let pass = bridges.refresh_open(unchecked).await?;
        for (chain_id, why) in pass.failed {
            unchecked.entry(chain_id).or_insert(why);
        }
        for journey in self.store.journeys()? {
            let last = follower.journeys.insert(journey.id.clone(), journey.state);
            // By the destination's clock, which the deadline is in.
            let now = pass.clocks.get(&journey.to_chain).copied();
            let expiring = journey.state == JourneyState::NeedsRedeem
                && journey
                    .eta
                    .zip(now)
                    .is_some_and(|(deadline, now)| deadline - now < EXPIRY_WARNING)
                && follower.warned.insert(journey.id.clone());
            if last == Some(journey.state) && !expiring {
                continue;
            }
            let view = bridges.view(&journey)?;
            let attention = if expiring {
                Some(format!(
                    "Ticket of journey {} ({} {} to {}) expires at {} (UTC): redeem it before then, or the ETH goes back to the refund address.",
                    journey.id,
                    crate::assets::format_units(journey.amount, journey.asset.decimals),
                    journey.asset.symbol,
                    view.to_chain,
                    view.eta.clone().unwrap_or_default()
                ))
            } else {
                journey_attention(&view)
            };
            updates.push(Update::Journey {
                journey: view,
                attention,
            });
        }
        Ok(())
    }
}

/// How long before a ticket expires the person is warned.
const EXPIRY_WARNING: i64 = 24 * 3600;

/// What the person must do about a journey that just changed, if anything.
fn journey_attention(j: &JourneyView) -> Option<String> {
    let what = format!(
        "{} {} from {} to {}",
        crate::assets::format_units(j.amount.parse().unwrap_or_default(), j.decimals),
        j.symbol,
        j.from_chain,
        j.to_chain
    );
    let action = match j.state {
        JourneyState::ReadyToProve => "is ready to prove: sign the proof on L1".to_owned(),
        JourneyState::ReadyToFinalize => "is ready to finalize: sign the finalization on L1".into(),
        JourneyState::ReadyToClaim => "is ready to claim: sign the claim on L1".into(),
        JourneyState::NeedsRedeem => "needs a manual redeem (its automatic redeem failed)".into(),
        JourneyState::Completed => "has arrived".into(),
        JourneyState::Failed | JourneyState::Expired | JourneyState::RelayFailed => {
            format!(
                "{}: {}",
                j.state_label.to_lowercase(),
                j.reason.clone().unwrap_or_default()
            )
        }
        _ => return None,
    };
    Some(format!("Journey {}: {what} {action}.", j.id))
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
