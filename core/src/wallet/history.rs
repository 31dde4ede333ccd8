//! The transactions the wallet sent: history with what could not be checked, one
//! transaction, and tracking it to inclusion and finality.

use super::{Wallet, client_of};
use crate::{
    error::Result,
    networks::Networks,
    tx::{self, TxError, TxRecord},
    views::TxView,
};

impl Wallet {
    /// History, newest first (one chain when given).
    pub fn history(&self, chain_id: Option<u64>, limit: usize) -> Result<Vec<TxRecord>> {
        Ok(self.store.transactions(chain_id, limit)?)
    }

    /// One transaction by hash or unique hash prefix.
    pub fn transaction(&self, hash: &str) -> Result<TxRecord> {
        Ok(self
            .store
            .transaction(hash)?
            .ok_or_else(|| TxError::UnknownTransaction(hash.into()))?)
    }

    /// History as both shells show it, newest first (one chain when given), after one
    /// look at the open transactions: those whose chain could not be read say so.
    pub async fn history_view(
        &self,
        networks: &Networks,
        chain_id: Option<u64>,
        limit: usize,
    ) -> Result<(Vec<TxView>, Refresh)> {
        let refresh = self.refresh_transactions(networks).await?;
        let views = self
            .history(chain_id, limit)?
            .iter()
            .map(|r| {
                let mut view = self.tx_view(networks, r);
                view.could_not_check = refresh
                    .skipped
                    .iter()
                    .find(|(h, _)| *h == r.hash)
                    .map(|(_, why)| why.clone());
                view
            })
            .collect();
        Ok((views, refresh))
    }

    /// A transaction as both shells show it.
    pub fn tx_view(&self, networks: &Networks, record: &TxRecord) -> TxView {
        TxView::new(
            record,
            networks.client_by_id(record.chain_id).map(|c| c.spec()),
        )
    }

    /// Checks every open transaction on the chains of `networks` once: each chain read in
    /// one batched request, all chains at once. A chain that cannot be read does not stop
    /// the others: its open transactions are listed in [`Refresh::skipped`] (the chain in
    /// [`Refresh::unchecked`]) with the reason, and keep their last known state.
    pub async fn refresh_transactions(&self, networks: &Networks) -> Result<Refresh> {
        let mut by_chain: std::collections::BTreeMap<u64, Vec<TxRecord>> = Default::default();
        for record in self.store.open_transactions()? {
            if networks.client_by_id(record.chain_id).is_some() {
                by_chain.entry(record.chain_id).or_default().push(record);
            }
        }
        // Every chain at once, each read in one batched request.
        let passes = by_chain.iter().map(|(chain_id, records)| async move {
            let client = networks.client_by_id(*chain_id).expect("kept above");
            (
                *chain_id,
                records,
                tx::track_chain(&self.store, client, records).await,
            )
        });
        let mut refresh = Refresh::default();
        for (chain_id, records, outcome) in futures::future::join_all(passes).await {
            match outcome {
                Ok(updated) => refresh.updated.extend(updated),
                Err(crate::Error::Rpc(e) | crate::Error::Tx(TxError::Rpc(e))) => {
                    let reason = e.to_string();
                    refresh
                        .skipped
                        .extend(records.iter().map(|r| (r.hash, reason.clone())));
                    refresh.unchecked.insert(chain_id, reason);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(refresh)
    }

    /// Looks at one transaction's chain once and updates it.
    pub async fn track(&self, networks: &Networks, record: &TxRecord) -> Result<TxRecord> {
        tx::track_once(&self.store, client_of(networks, record.chain_id)?, record).await
    }

    /// Tracks one transaction until `done` holds for it, it can no longer change, or
    /// `timeout` passes; returns its last state.
    pub async fn wait_for(
        &self,
        networks: &Networks,
        record: &TxRecord,
        timeout: std::time::Duration,
        done: impl Fn(&TxRecord) -> bool,
    ) -> Result<TxRecord> {
        let client = client_of(networks, record.chain_id)?;
        tx::wait_until(&self.store, client, record, timeout, done).await
    }

    /// Tracks the transaction `hash` (or a unique prefix) until it is final, can no longer
    /// change, or `timeout` passes; returns its last state.
    pub async fn wait_final(
        &self,
        networks: &Networks,
        hash: &str,
        timeout: std::time::Duration,
    ) -> Result<TxRecord> {
        let record = self.transaction(hash)?;
        self.wait_for(networks, &record, timeout, |r| {
            r.status == tx::TxStatus::Final
        })
        .await
    }
}

/// What one pass over the open transactions found.
#[derive(Debug, Default)]
pub struct Refresh {
    /// The transactions looked at, in their new state.
    pub updated: Vec<TxRecord>,
    /// Chains that could not be read, with why.
    pub unchecked: std::collections::BTreeMap<u64, String>,
    /// Open transactions not looked at because their chain could not be read, with why.
    pub skipped: Vec<(alloy::primitives::B256, String)>,
}
