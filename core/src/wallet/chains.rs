//! The wallet's chain-facing operations: which network profile is active, the user's RPCs,
//! networks and tokens, balances, fee comparison, sending and history. Thin: each method
//! resolves the user's references (account labels, chain names, token symbols) and calls
//! the domain modules.

use std::path::PathBuf;

use alloy::primitives::Address;

use super::Wallet;
use crate::{
    accounts::{AccountSigner, parse_address},
    assets::{Portfolio, Token, UsdPrice, scan_portfolio},
    chain::{ChainSpec, NetworkError, Networks, PROFILES, read_token, verify_rpc},
    error::Result,
    fees::{
        FeeComparison, Speed,
        compare::{PriceSource, read_price},
        compare_fees,
    },
    rpc::DEFAULT_TIMEOUT,
    tx::{self, Amount, PreparedTx, Purpose, SendRequest, TxError, TxRecord},
};

/// Setting: the active network profile.
const NETWORK_SETTING: &str = "network";
/// Setting: where the devnet's manifest lives.
pub(super) const DEVNET_DIR_SETTING: &str = "devnet_dir";

/// What the user asked to send, as typed.
#[derive(Debug, Clone)]
pub struct SendInput<'a> {
    /// Sending account (label or address); `None` for the first account.
    pub from: Option<&'a str>,
    /// Chain (id or name).
    pub chain: &'a str,
    /// Recipient: an address (checksum verified) or one of the wallet's account labels.
    pub to: &'a str,
    /// "ETH" (the native currency) or a token symbol or address.
    pub asset: Option<&'a str>,
    /// Amount.
    pub amount: Amount,
    /// Fee level.
    pub speed: Speed,
}

impl Wallet {
    /// The devnet directory: the one given to [`Wallet::with_devnet_dir`], else the
    /// `devnet_dir` setting, else `DATA_DIR/devnet`.
    pub fn devnet_dir(&self) -> Result<PathBuf> {
        if let Some(dir) = &self.devnet_dir {
            return Ok(dir.clone());
        }
        Ok(match self.store.setting(DEVNET_DIR_SETTING)? {
            Some(dir) => PathBuf::from(dir),
            None => self.data_dir.join("devnet"),
        })
    }

    /// The active profile: the `network` setting; by default the devnet when one has been
    /// started in the data directory, else the mainnets.
    pub fn network_key(&self) -> Result<String> {
        if let Some(key) = self.store.setting(NETWORK_SETTING)? {
            return Ok(key);
        }
        Ok(if self.devnet_dir()?.join("devnet.json").exists() {
            "devnet"
        } else {
            "mainnets"
        }
        .into())
    }

    /// Makes `key` the active profile.
    pub fn use_network(&self, key: &str) -> Result<()> {
        if !PROFILES.contains(&key) {
            return Err(NetworkError::UnknownProfile(key.into()).into());
        }
        Ok(self.store.set_setting(NETWORK_SETTING, key)?)
    }

    /// The chains of profile `key` (the active one when `None`), ready to use.
    pub fn networks(&self, key: Option<&str>) -> Result<Networks> {
        let key = match key {
            Some(k) => k.to_owned(),
            None => self.network_key()?,
        };
        Ok(Networks::load(
            &self.store,
            &key,
            &self.devnet_dir()?,
            DEFAULT_TIMEOUT,
        )?)
    }

    /// Adds an RPC endpoint to a chain after checking that it serves that chain.
    pub async fn add_rpc(&self, networks: &Networks, chain: &str, url: &str) -> Result<ChainSpec> {
        let client = networks.client(chain)?;
        verify_rpc(url, client.spec().chain_id, DEFAULT_TIMEOUT).await?;
        self.store.add_custom_rpc(client.spec().chain_id, url)?;
        Ok(client.spec().clone())
    }

    /// The RPC endpoints the user added to a chain.
    pub fn custom_rpcs(&self, chain_id: u64) -> Result<Vec<String>> {
        Ok(self.store.custom_rpcs(chain_id)?)
    }

    /// Removes an RPC endpoint the user added; returns whether it was there.
    pub fn remove_rpc(&self, chain_id: u64, url: &str) -> Result<bool> {
        Ok(self.store.remove_custom_rpc(chain_id, url)?)
    }

    /// Adds a network to the profile `networks` belongs to; each RPC must serve its chain id.
    pub async fn add_network(&self, networks: &Networks, spec: ChainSpec) -> Result<()> {
        if spec.rpc_urls.is_empty() {
            return Err(NetworkError::InvalidNetwork(
                "A network needs at least one RPC URL.".into(),
            )
            .into());
        }
        if spec.name.trim().is_empty() || spec.name.chars().count() > 64 {
            return Err(NetworkError::InvalidNetwork(
                "A network needs a name of 1 to 64 characters.".into(),
            )
            .into());
        }
        if crate::text::has_unsafe_chars(&spec.name)
            || crate::text::has_unsafe_chars(&spec.native.symbol)
        {
            return Err(NetworkError::InvalidNetwork(
                "A network's name and currency symbol cannot contain control characters or line breaks.".into(),
            )
            .into());
        }
        if let Some(existing) = networks.client_by_id(spec.chain_id) {
            return Err(NetworkError::InvalidNetwork(format!(
                "Chain {} is already in this profile as {}; add an RPC to it with `switchyard networks rpc-add` instead.",
                spec.chain_id,
                existing.name()
            ))
            .into());
        }
        for url in &spec.rpc_urls {
            verify_rpc(url, spec.chain_id, DEFAULT_TIMEOUT).await?;
        }
        Ok(self.store.save_custom_network(networks.key(), &spec)?)
    }

    /// Adds a token after reading and validating its metadata on chain.
    pub async fn add_token(
        &self,
        networks: &Networks,
        chain: &str,
        address: &str,
    ) -> Result<Token> {
        let client = networks.client(chain)?;
        let address = parse_address(address)?;
        let token = read_token(client, address).await?;
        self.store.add_custom_token(&token)?;
        Ok(token)
    }

    /// Balances of `accounts` (every visible account when empty) on every chain.
    pub async fn portfolio(&self, networks: &Networks, accounts: &[Address]) -> Result<Portfolio> {
        let accounts = if accounts.is_empty() {
            self.accounts(false)?
                .into_iter()
                .map(|a| a.address)
                .collect()
        } else {
            accounts.to_vec()
        };
        Ok(scan_portfolio(&networks.scans(), &accounts).await)
    }

    /// The same transfer priced on every chain of `networks`. An amount that is not a
    /// number, or an asset no chain of the profile knows, is an error, not a table of
    /// failed rows.
    pub async fn compare_fees(
        &self,
        networks: &Networks,
        asset: &str,
        amount: &str,
    ) -> Result<FeeComparison> {
        let decimals = networks
            .clients()
            .iter()
            .find_map(|c| {
                let id = c.spec().chain_id;
                if asset.eq_ignore_ascii_case(&c.spec().native.symbol) {
                    Some(c.spec().native.decimals)
                } else {
                    networks.token(id, asset).ok().map(|t| t.decimals)
                }
            })
            .ok_or_else(|| NetworkError::UnknownToken {
                reference: asset.to_owned(),
                chain: format!("any chain of the {} profile", networks.key()),
            })?;
        crate::assets::parse_units(amount, decimals).map_err(TxError::from)?;
        let from = self.accounts(false)?.first().map(|a| a.address);
        let chains: Vec<_> = networks
            .clients()
            .iter()
            .map(|c| (c.clone(), networks.tokens(c.spec().chain_id).to_vec()))
            .collect();
        Ok(compare_fees(&chains, from, asset, amount, eth_usd_source(networks)).await)
    }

    /// The current ETH/USD price of the profile, if it has a feed that answers.
    pub async fn eth_usd(&self, networks: &Networks) -> Option<UsdPrice> {
        read_price(eth_usd_source(networks)).await
    }

    /// Resolves, checks, simulates and prices a transfer. Nothing is signed.
    pub async fn prepare_send(
        &self,
        networks: &Networks,
        input: &SendInput<'_>,
    ) -> Result<PreparedTx> {
        let client = networks.client(input.chain)?;
        let from = match input.from {
            Some(reference) => self.find_account(reference)?,
            None => self.accounts(false)?.into_iter().next().ok_or_else(|| {
                crate::accounts::AccountError::NotFound("(no accounts yet)".into())
            })?,
        };
        let to = if input.to.trim().starts_with("0x") {
            parse_address(input.to)?
        } else {
            self.find_account(input.to)?.address
        };
        let native = &client.spec().native.symbol;
        let token = match input.asset {
            None => None,
            Some(a) if a.eq_ignore_ascii_case(native) => None,
            Some(a) => Some(networks.token(client.spec().chain_id, a)?),
        };
        let request = SendRequest {
            from: from.address,
            to,
            token,
            amount: input.amount.clone(),
            speed: input.speed,
        };
        let mut prepared = tx::prepare_transfer(client, &request).await?;
        // The nonce it will most likely take (chosen again, under the account's lock, when
        // it is signed), and what this account has out that is not mined yet.
        let nonce = tx::next_nonce(&self.store, client, from.address).await?;
        prepared.transaction.nonce = Some(nonce);
        let unmined = self
            .store
            .unmined_transactions(client.spec().chain_id, from.address)?;
        prepared.possible_duplicate_of = unmined
            .iter()
            .find(|r| tx::is_same_transfer(&prepared, r))
            .map(|r| r.hash);
        prepared
            .warnings
            .extend(unmined_warnings(&prepared, &unmined));
        Ok(prepared)
    }

    /// Signs a prepared transfer with its account's signer (a vault key or a device),
    /// stores it, and broadcasts it (see [`tx::sign_and_broadcast`] for the nonce and what
    /// "not sent" and "unknown" mean).
    pub async fn send(
        &self,
        signer: &AccountSigner,
        networks: &Networks,
        prepared: &PreparedTx,
    ) -> Result<TxRecord> {
        let client = client_of(networks, prepared.chain_id)?;
        tx::sign_and_broadcast(
            &self.store,
            &self.send_locks_dir(),
            client,
            signer,
            prepared,
        )
        .await
    }

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

    /// Checks every open transaction on the chains of `networks` once. A chain that
    /// cannot be read does not stop the others: its open transactions are listed in
    /// [`Refresh::unchecked`] with the reason, and keep their last known state.
    pub async fn refresh_transactions(&self, networks: &Networks) -> Result<Refresh> {
        let mut refresh = Refresh::default();
        for record in self.store.open_transactions()? {
            let Some(client) = networks.client_by_id(record.chain_id) else {
                continue;
            };
            if let Some(reason) = refresh.unchecked.get(&record.chain_id).cloned() {
                refresh.skipped.push((record.hash, reason));
                continue;
            }
            match tx::track_once(&self.store, client, &record).await {
                Ok(updated) => refresh.updated.push(updated),
                Err(crate::Error::Rpc(e) | crate::Error::Tx(TxError::Rpc(e))) => {
                    refresh.unchecked.insert(record.chain_id, e.to_string());
                    refresh.skipped.push((record.hash, e.to_string()));
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

    /// Prepares a speed-up or cancel of a transaction that is not mined yet, outbidding
    /// the latest replacement already sent for its nonce.
    pub async fn prepare_replacement(
        &self,
        networks: &Networks,
        hash: &str,
        purpose: Purpose,
    ) -> Result<PreparedTx> {
        let original = self.transaction(hash)?;
        let client = client_of(networks, original.chain_id)?;
        // Look once more: it may have been mined since it was listed.
        let original = tx::track_once(&self.store, client, &original).await?;
        let siblings =
            self.store
                .transactions_with_nonce(original.chain_id, original.from, original.nonce)?;
        Ok(tx::prepare_replacement(client, &original, &siblings, purpose).await?)
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

/// Warnings about the account's transactions on this chain that are not mined yet: a new
/// one takes the next nonce, so both may go through.
fn unmined_warnings(prepared: &PreparedTx, unmined: &[TxRecord]) -> Vec<String> {
    unmined
        .iter()
        // One line per nonce: its replacements (speed-ups, cancels) share the original's.
        .filter(|r| r.replaces.is_none())
        .map(|r| {
            let what = crate::assets::format_units(r.amount, r.decimals);
            let state = match r.status {
                tx::TxStatus::Unknown => "may have been sent (no node confirmed it)",
                _ => "is still pending",
            };
            if tx::is_same_transfer(prepared, r) {
                format!(
                    "This looks like a retry: an earlier transfer of {what} {} to {} (transaction {}, nonce {}) {state}. Sending again may pay twice; check it with `switchyard tx show {}`, or replace it with `tx speedup` / `tx cancel`.",
                    r.symbol, r.to, r.hash, r.nonce, r.hash
                )
            } else {
                format!(
                    "An earlier transaction from this account on this chain (transaction {}, {what} {} to {}, nonce {}) {state}; this one comes after it and cannot be mined before it. If that one should not go out, cancel it with `switchyard tx cancel {}`.",
                    r.hash, r.symbol, r.to, r.nonce, r.hash
                )
            }
        })
        .collect()
}

fn eth_usd_source(networks: &Networks) -> Option<PriceSource> {
    let (client, feeds) = networks.price_feeds()?;
    let feed = feeds.iter().find(|(n, _)| n == "eth_usd_feed")?.1;
    Some(PriceSource {
        client: client.clone(),
        feed,
    })
}

/// The client of `chain_id`, which a stored or prepared transaction names.
fn client_of(networks: &Networks, chain_id: u64) -> Result<&crate::rpc::ChainClient> {
    Ok(networks.client_by_id(chain_id).ok_or_else(|| {
        NetworkError::InvalidNetwork(format!("chain {chain_id} is not in this profile"))
    })?)
}
