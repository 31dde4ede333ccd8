use alloy::primitives::{Address, B256};

use super::TxRecord;

/// Where signed transactions are kept: written before anything is broadcast, updated as
/// their chain answers. The store implements it; `tx` never reaches for the database
/// itself, so "stored before broadcast" is a rule of this module, whoever keeps the rows.
pub trait Journal {
    /// Records a signed transaction before it is broadcast. The same transaction signed
    /// again is not a second row: the stored record is returned instead.
    fn record_signed(&self, tx: &TxRecord) -> crate::error::Result<Option<TxRecord>>;
    /// Saves a transaction's tracked state (status, receipt fields).
    fn update(&self, tx: &TxRecord) -> crate::error::Result<()>;
    /// The transactions of a multi-step record (a journey), in the order they were signed.
    fn of_journey(&self, journey_id: &str) -> crate::error::Result<Vec<TxRecord>>;
    /// One transaction.
    fn get(&self, hash: B256) -> crate::error::Result<Option<TxRecord>>;
    /// The transactions of `from` on `chain_id` not in a block yet (pending or unknown).
    fn unmined(&self, chain_id: u64, from: Address) -> crate::error::Result<Vec<TxRecord>>;
    /// Every transaction of `from` on `chain_id` with `nonce` (an original and its
    /// replacements).
    fn with_nonce(
        &self,
        chain_id: u64,
        from: Address,
        nonce: u64,
    ) -> crate::error::Result<Vec<TxRecord>>;
}
