use rusqlite::params;

use super::{Store, StoreError};
use crate::{journey::Journey, tx::TxRecord};

impl Store {
    /// Saves a journey (inserted, or replaced by its newer state).
    pub fn save_journey(&self, journey: &Journey) -> Result<(), StoreError> {
        let record = serde_json::to_string(journey).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            reason: format!("journey {} does not serialize: {e}", journey.id),
        })?;
        self.conn
            .execute(
                "INSERT INTO journeys (id, kind, from_chain, to_chain, sender, state, open, record, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (id) DO UPDATE SET state = ?6, open = ?7, record = ?8, updated_at = ?10",
                params![
                    journey.id,
                    journey.kind.as_str(),
                    journey.from_chain as i64,
                    journey.to_chain as i64,
                    journey.sender.to_checksum(None),
                    journey.state.as_str(),
                    journey.state.is_open(),
                    record,
                    journey.created_at,
                    journey.updated_at,
                ],
            )
            .map_err(|e| self.sqlite(e))?;
        Ok(())
    }

    /// Saves `next` in place of `previous` only if the stored journey is still `previous`
    /// (or none is stored yet), under the database's write lock. `false` when another
    /// process saved this journey since it was read: nothing it recorded (a history entry)
    /// is overwritten, and the caller starts again from what is stored.
    pub fn save_journey_over(
        &self,
        previous: &Journey,
        next: &Journey,
    ) -> Result<bool, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(|e| self.sqlite(e))?;
        let stored = self.select_journeys("WHERE id = ?1", [&previous.id])?;
        if stored.first().is_some_and(|s| s != previous) {
            return Ok(false); // the transaction rolls back as it drops
        }
        self.save_journey(next)?;
        tx.commit().map_err(|e| self.sqlite(e))?;
        Ok(true)
    }

    /// Removes a journey nothing was sent for.
    pub fn delete_journey(&self, id: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM journeys WHERE id = ?1", [id])
            .map_err(|e| self.sqlite(e))?;
        Ok(())
    }

    /// One journey by id, or by a prefix naming only one (`Err` with the count when
    /// several match: 0 or 2).
    pub fn journey(&self, id_or_prefix: &str) -> Result<Result<Journey, usize>, StoreError> {
        let mut found = self.select_journeys(
            "WHERE id LIKE ?1 || '%' ORDER BY id LIMIT 2",
            [id_or_prefix.to_ascii_lowercase()],
        )?;
        Ok(match found.len() {
            1 => Ok(found.remove(0)),
            n => found.into_iter().find(|j| j.id == id_or_prefix).ok_or(n),
        })
    }

    /// Every journey, newest first.
    pub fn journeys(&self) -> Result<Vec<Journey>, StoreError> {
        self.select_journeys("ORDER BY created_at DESC, id", [])
    }

    /// The journeys whose state can still change, oldest first: open ones, and "not
    /// sent" ones that have a transaction the nodes did not refuse (a process that died,
    /// or a broadcast of unknown fate, before the journey was read again: the chain may
    /// well have it).
    pub fn open_journeys(&self) -> Result<Vec<Journey>, StoreError> {
        self.select_journeys(
            "WHERE open = 1 OR (state = 'not_sent' AND id IN (SELECT journey_id FROM transactions WHERE journey_id IS NOT NULL AND status != 'not_sent')) ORDER BY created_at, id",
            [],
        )
    }

    /// A journey's transactions, in the order they were signed.
    pub fn journey_transactions(&self, id: &str) -> Result<Vec<TxRecord>, StoreError> {
        self.select_transactions("WHERE journey_id = ?1 ORDER BY submitted_at, rowid", [id])
    }

    /// The journey a transaction belongs to, if any.
    pub fn journey_of_transaction(
        &self,
        hash: alloy::primitives::B256,
    ) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT journey_id FROM transactions WHERE hash = ?1",
                [hash.to_string()],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.sqlite(e))
    }

    fn select_journeys(
        &self,
        clause: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<Journey>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT id, record FROM journeys {clause}"))
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(|e| self.sqlite(e))?;
        rows.map(|row| {
            let (id, record) = row.map_err(|e| self.sqlite(e))?;
            serde_json::from_str(&record).map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                reason: format!("journey {id} does not decode: {e}"),
            })
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{Address, U256};

    use crate::journey::{Journey, JourneyAsset, JourneyKind, JourneyState, Observation};

    #[test]
    fn a_journey_is_saved_found_by_prefix_and_leaves_the_open_list_when_done() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::Store::open(&dir.path().join("w.db")).unwrap();
        let mut j = Journey::new(
            "jabcdef0123456789".into(),
            JourneyKind::ArbWithdrawal,
            42161,
            1,
            Address::repeat_byte(1),
            Address::repeat_byte(1),
            JourneyAsset {
                symbol: "ETH".into(),
                decimals: 18,
                source_token: None,
                destination_token: None,
            },
            U256::from(7),
            1,
        );
        j.observe(Observation::of(JourneyState::Initiating), 2);
        store.save_journey(&j).unwrap();
        assert_eq!(store.journey("jabcd").unwrap(), Ok(j.clone()));
        assert_eq!(store.journey("jz").unwrap(), Err(0));
        assert_eq!(store.open_journeys().unwrap().len(), 1);
        j.observe(Observation::of(JourneyState::Completed), 3);
        store.save_journey(&j).unwrap();
        assert!(store.open_journeys().unwrap().is_empty());
        assert_eq!(store.journeys().unwrap(), vec![j]);
    }

    /// Two readers of the same journey: the second save is refused, not written over the
    /// first, and a journey not stored yet is inserted.
    #[test]
    fn a_journey_saved_meanwhile_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::Store::open(&dir.path().join("w.db")).unwrap();
        let read = crate::journey::tests::journey();
        let mut first = read.clone();
        first.observe(Observation::of(JourneyState::Initiating), 2);
        assert!(
            store.save_journey_over(&read, &first).unwrap(),
            "not stored yet"
        );
        let mut proving = first.clone();
        proving.observe(Observation::of(JourneyState::AwaitingGame), 3);
        let mut elsewhere = first.clone();
        elsewhere.observe(Observation::of(JourneyState::Completed), 3);
        assert!(store.save_journey_over(&first, &proving).unwrap());
        assert!(!store.save_journey_over(&first, &elsewhere).unwrap());
        assert_eq!(store.journey(&read.id).unwrap(), Ok(proving));
    }
}
