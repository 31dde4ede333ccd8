use std::str::FromStr;

use alloy::primitives::{Address, Bytes, U256};
use rusqlite::{Row, params};

use super::{Store, StoreError};
use crate::{
    assets::AssetId,
    tx::{Journal, Purpose, TxRecord, TxStatus},
};

const COLUMNS: &str = "hash, chain_id, from_address, to_address, asset, symbol, decimals, amount, nonce, purpose, replaces, raw, gas_limit, max_fee_per_gas, max_priority_fee_per_gas, quoted_fee, status, succeeded, block_number, gas_used, effective_gas_price, l1_fee, fee_paid, submitted_at, updated_at, recheck, journey_id";

fn opt_text<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

impl Store {
    /// Records a signed transaction (before it is broadcast). Signing is deterministic, so
    /// signing the same request again gives the same transaction: then nothing is inserted
    /// and the stored record is returned instead.
    pub fn insert_transaction(&self, tx: &TxRecord) -> Result<Option<TxRecord>, StoreError> {
        let asset = match tx.asset {
            AssetId::Native => "native".to_owned(),
            AssetId::Token(a) => a.to_checksum(None),
        };
        self.conn
            .execute(
                &format!("INSERT INTO transactions ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, unixepoch(), unixepoch(), 0, ?24) ON CONFLICT (hash) DO NOTHING"),
                params![
                    tx.hash.to_string(),
                    tx.chain_id as i64,
                    tx.from.to_checksum(None),
                    tx.to.to_checksum(None),
                    asset,
                    tx.symbol,
                    tx.decimals,
                    tx.amount.to_string(),
                    tx.nonce as i64,
                    tx.purpose.as_str(),
                    opt_text(&tx.replaces),
                    tx.raw.to_string(),
                    tx.gas_limit as i64,
                    tx.max_fee_per_gas.to_string(),
                    tx.max_priority_fee_per_gas.to_string(),
                    tx.quoted_fee.to_string(),
                    tx.status.as_str(),
                    tx.succeeded,
                    tx.block_number.map(|b| b as i64),
                    tx.gas_used.map(|g| g as i64),
                    opt_text(&tx.effective_gas_price),
                    opt_text(&tx.l1_fee),
                    opt_text(&tx.fee_paid),
                    tx.journey_id,
                ],
            )
            .map_err(|e| self.sqlite(e))
            .and_then(|inserted| match inserted {
                0 => self.transaction(&tx.hash.to_string()),
                _ => Ok(None),
            })
    }

    /// Saves a transaction's tracked state (status and receipt fields).
    pub fn update_transaction(&self, tx: &TxRecord) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE transactions SET status = ?2, succeeded = ?3, block_number = ?4, gas_used = ?5,
                   effective_gas_price = ?6, l1_fee = ?7, fee_paid = ?8, recheck = ?9, updated_at = unixepoch()
                 WHERE hash = ?1",
                params![
                    tx.hash.to_string(),
                    tx.status.as_str(),
                    tx.succeeded,
                    tx.block_number.map(|b| b as i64),
                    tx.gas_used.map(|g| g as i64),
                    opt_text(&tx.effective_gas_price),
                    opt_text(&tx.l1_fee),
                    opt_text(&tx.fee_paid),
                    tx.recheck,
                ],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// History, newest first; optionally one chain only.
    pub fn transactions(
        &self,
        chain_id: Option<u64>,
        limit: usize,
    ) -> Result<Vec<TxRecord>, StoreError> {
        self.select_transactions(
            "WHERE (?1 IS NULL OR chain_id = ?1) ORDER BY submitted_at DESC, nonce DESC, rowid DESC LIMIT ?2",
            params![chain_id.map(|c| c as i64), limit as i64],
        )
    }

    /// Transactions whose status can still change, and dropped ones to look up once more,
    /// oldest first.
    pub fn open_transactions(&self) -> Result<Vec<TxRecord>, StoreError> {
        self.select_transactions(
            "WHERE status IN ('pending', 'unknown', 'included') OR recheck = 1 ORDER BY submitted_at, rowid",
            [],
        )
    }

    /// The transactions of `from` on `chain_id` that are not in a block yet (pending or
    /// unknown), oldest first: what a new send must not silently collide with.
    pub fn unmined_transactions(
        &self,
        chain_id: u64,
        from: Address,
    ) -> Result<Vec<TxRecord>, StoreError> {
        self.select_transactions(
            "WHERE chain_id = ?1 AND from_address = ?2 AND status IN ('pending', 'unknown') ORDER BY nonce, rowid",
            params![chain_id as i64, from.to_checksum(None)],
        )
    }

    /// Every transaction of `from` on `chain_id` with `nonce` (the original and its replacements).
    pub fn transactions_with_nonce(
        &self,
        chain_id: u64,
        from: Address,
        nonce: u64,
    ) -> Result<Vec<TxRecord>, StoreError> {
        self.select_transactions(
            "WHERE chain_id = ?1 AND from_address = ?2 AND nonce = ?3 ORDER BY rowid",
            params![chain_id as i64, from.to_checksum(None), nonce as i64],
        )
    }

    /// One transaction by hash (full hash, or a unique prefix of at least 6 hex digits).
    pub fn transaction(&self, hash_or_prefix: &str) -> Result<Option<TxRecord>, StoreError> {
        let needle = hash_or_prefix.to_ascii_lowercase();
        let mut found = self.select_transactions("WHERE hash LIKE ?1 || '%' LIMIT 2", [&needle])?;
        Ok(if found.len() == 1 { found.pop() } else { None })
    }

    /// Rows of `transactions` matching `clause` (WHERE / ORDER BY / LIMIT), decoded.
    pub(super) fn select_transactions(
        &self,
        clause: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<TxRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM transactions {clause}"))
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map(params, |r| Ok(self.decode_tx(r)))
            .map_err(|e| self.sqlite(e))?;
        rows.map(|r| r.map_err(|e| self.sqlite(e))?).collect()
    }

    fn decode_tx(&self, r: &Row<'_>) -> Result<TxRecord, StoreError> {
        let corrupt = |reason: String| StoreError::Corrupt {
            path: self.path.clone(),
            reason,
        };
        let sql = |e: rusqlite::Error| self.sqlite(e);
        fn parse<T: FromStr>(s: &str, what: &str) -> Result<T, String> {
            s.parse().map_err(|_| format!("bad {what} '{s}'"))
        }
        let text = |i: usize| -> Result<String, StoreError> { r.get::<_, String>(i).map_err(sql) };
        let opt = |i: usize| -> Result<Option<String>, StoreError> {
            r.get::<_, Option<String>>(i).map_err(sql)
        };
        let asset = match text(4)?.as_str() {
            "native" => AssetId::Native,
            a => AssetId::Token(parse(a, "asset").map_err(corrupt)?),
        };
        Ok(TxRecord {
            hash: parse(&text(0)?, "hash").map_err(corrupt)?,
            chain_id: r.get::<_, i64>(1).map_err(sql)? as u64,
            from: parse(&text(2)?, "address").map_err(corrupt)?,
            to: parse(&text(3)?, "address").map_err(corrupt)?,
            asset,
            symbol: text(5)?,
            decimals: r.get(6).map_err(sql)?,
            amount: parse(&text(7)?, "amount").map_err(corrupt)?,
            nonce: r.get::<_, i64>(8).map_err(sql)? as u64,
            purpose: Purpose::parse(&text(9)?).ok_or_else(|| corrupt("bad purpose".into()))?,
            replaces: opt(10)?
                .map(|h| parse(&h, "hash"))
                .transpose()
                .map_err(corrupt)?,
            raw: parse::<Bytes>(&text(11)?, "raw").map_err(corrupt)?,
            gas_limit: r.get::<_, i64>(12).map_err(sql)? as u64,
            max_fee_per_gas: parse(&text(13)?, "fee").map_err(corrupt)?,
            max_priority_fee_per_gas: parse(&text(14)?, "fee").map_err(corrupt)?,
            quoted_fee: parse::<U256>(&text(15)?, "fee").map_err(corrupt)?,
            status: TxStatus::parse(&text(16)?).ok_or_else(|| corrupt("bad status".into()))?,
            succeeded: r.get(17).map_err(sql)?,
            block_number: r.get::<_, Option<i64>>(18).map_err(sql)?.map(|b| b as u64),
            gas_used: r.get::<_, Option<i64>>(19).map_err(sql)?.map(|g| g as u64),
            effective_gas_price: opt(20)?
                .map(|v| parse(&v, "price"))
                .transpose()
                .map_err(corrupt)?,
            l1_fee: opt(21)?
                .map(|v| parse(&v, "fee"))
                .transpose()
                .map_err(corrupt)?,
            fee_paid: opt(22)?
                .map(|v| parse(&v, "fee"))
                .transpose()
                .map_err(corrupt)?,
            submitted_at: r.get(23).map_err(sql)?,
            updated_at: r.get(24).map_err(sql)?,
            recheck: r.get(25).map_err(sql)?,
            journey_id: opt(26)?,
        })
    }
}

/// The transaction path's journal is this database.
impl Journal for Store {
    fn of_journey(&self, journey_id: &str) -> crate::error::Result<Vec<TxRecord>> {
        Ok(self.journey_transactions(journey_id)?)
    }

    fn record_signed(&self, tx: &TxRecord) -> crate::error::Result<Option<TxRecord>> {
        Ok(self.insert_transaction(tx)?)
    }

    fn update(&self, tx: &TxRecord) -> crate::error::Result<()> {
        Ok(self.update_transaction(tx)?)
    }

    fn get(&self, hash: alloy::primitives::B256) -> crate::error::Result<Option<TxRecord>> {
        Ok(self.transaction(&hash.to_string())?)
    }

    fn unmined(&self, chain_id: u64, from: Address) -> crate::error::Result<Vec<TxRecord>> {
        Ok(self.unmined_transactions(chain_id, from)?)
    }

    fn with_nonce(
        &self,
        chain_id: u64,
        from: Address,
        nonce: u64,
    ) -> crate::error::Result<Vec<TxRecord>> {
        Ok(self.transactions_with_nonce(chain_id, from, nonce)?)
    }
}
