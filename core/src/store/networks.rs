use alloy::primitives::Address;
use rusqlite::params;

use super::{Store, StoreError};
use crate::{
    assets::{Token, TokenSource},
    chain::ChainSpec,
};

impl Store {
    /// Networks the user added to `profile`.
    pub fn custom_networks(&self, profile: &str) -> Result<Vec<ChainSpec>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT spec FROM custom_networks WHERE profile = ?1 ORDER BY chain_id")
            .map_err(|e| self.sqlite(e))?;
        let specs = stmt
            .query_map([profile], |r| r.get::<_, String>(0))
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        specs
            .iter()
            .map(|s| {
                serde_json::from_str(s).map_err(|e| StoreError::Corrupt {
                    path: self.path.clone(),
                    reason: e.to_string(),
                })
            })
            .collect()
    }

    /// Adds (or replaces) a network in `profile`.
    pub fn save_custom_network(&self, profile: &str, spec: &ChainSpec) -> Result<(), StoreError> {
        let json = serde_json::to_string(spec).expect("chain specs serialize");
        self.conn
            .execute(
                "INSERT INTO custom_networks (profile, chain_id, spec) VALUES (?1, ?2, ?3)
                 ON CONFLICT (profile, chain_id) DO UPDATE SET spec = excluded.spec",
                params![profile, spec.chain_id as i64, json],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// RPC endpoints the user added to `chain_id`, oldest first.
    pub fn custom_rpcs(&self, chain_id: u64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT url FROM custom_rpcs WHERE chain_id = ?1 ORDER BY added_at, rowid")
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([chain_id as i64], |r| r.get(0))
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))
    }

    /// Adds an RPC endpoint to `chain_id` (no-op if present).
    pub fn add_custom_rpc(&self, chain_id: u64, url: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO custom_rpcs (chain_id, url) VALUES (?1, ?2)",
                params![chain_id as i64, url],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }

    /// Removes a user RPC endpoint; whether it was there.
    pub fn remove_custom_rpc(&self, chain_id: u64, url: &str) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "DELETE FROM custom_rpcs WHERE chain_id = ?1 AND url = ?2",
                params![chain_id as i64, url],
            )
            .map(|n| n > 0)
            .map_err(|e| self.sqlite(e))
    }

    /// Tokens the user added on `chain_id`.
    pub fn custom_tokens(&self, chain_id: u64) -> Result<Vec<Token>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT address, symbol, name, decimals FROM custom_tokens WHERE chain_id = ?1 ORDER BY symbol")
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([chain_id as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, u8>(3)?,
                ))
            })
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|(address, symbol, name, decimals)| {
                Ok(Token {
                    chain_id,
                    address: address
                        .parse::<Address>()
                        .map_err(|e| StoreError::Corrupt {
                            path: self.path.clone(),
                            reason: e.to_string(),
                        })?,
                    symbol,
                    name,
                    decimals,
                    price_feed: None,
                    source: TokenSource::User,
                })
            })
            .collect()
    }

    /// Saves a user token.
    pub fn add_custom_token(&self, token: &Token) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO custom_tokens (chain_id, address, symbol, name, decimals) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (chain_id, address) DO UPDATE SET symbol = excluded.symbol, name = excluded.name, decimals = excluded.decimals",
                params![token.chain_id as i64, token.address.to_checksum(None), token.symbol, token.name, token.decimals],
            )
            .map(drop)
            .map_err(|e| self.sqlite(e))
    }
}
