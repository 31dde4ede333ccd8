//! The wallet's chain-facing operations: which network profile is active, the user's RPCs,
//! networks and tokens, balances, fee comparison, sending and history. Thin: each method
//! resolves the user's references (account labels, chain names, token symbols) and calls
//! the domain modules.

use std::path::PathBuf;

use alloy::primitives::Address;

use super::Wallet;
use crate::{
    accounts::{AccountKind, AccountSigner, parse_address},
    assets::{Portfolio, Token, UsdPrice, scan_portfolio},
    chain::{ChainKind, ChainSpec, MULTICALL3, NativeCurrency},
    error::Result,
    fees::{
        FeeComparison, Speed,
        compare::{PriceSource, read_price},
        compare_fees,
    },
    networks::{NetworkError, Networks, PROFILES, read_token, verify_rpc},
    rpc::DEFAULT_TIMEOUT,
    tx::{self, Amount, PreparedTx, Purpose, SendRequest, TxError, TxRecord},
    views::{self, ChainBalancesView, Parties, PortfolioView, PreparedView, TxView},
};

/// The manifest name of the ETH/USD price feed.
const ETH_USD_FEED: &str = "eth_usd_feed";
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
    /// Recipient: an address (checksum verified), an account's label or a contact's name.
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

    /// Adds a network to the profile `networks` belongs to, after checking that each RPC
    /// serves its chain id. The wallet fills in what a person does not type: Multicall3 at
    /// its canonical address (every portfolio read needs it), 18 decimals.
    pub async fn add_network(&self, networks: &Networks, new: NewNetwork) -> Result<ChainSpec> {
        let spec = new.into_spec();
        if spec.rpc_urls.is_empty() {
            return Err(NetworkError::InvalidNetwork(
                "A network needs at least one RPC URL.".into(),
            )
            .into());
        }
        if spec.name.is_empty() || spec.name.chars().count() > 64 {
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
        self.store.save_custom_network(networks.key(), &spec)?;
        Ok(spec)
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

    /// Balances of `accounts` (every visible account when empty) on every chain, as both
    /// shells show them: per chain with its kind and its count of transactions not mined
    /// yet, the USD totals and the ETH price.
    pub async fn portfolio_view(
        &self,
        networks: &Networks,
        accounts: &[Address],
    ) -> Result<PortfolioView> {
        let portfolio = self.portfolio(networks, accounts).await?;
        let open = self.unmined_per_chain()?;
        Ok(PortfolioView {
            chains: portfolio
                .chains
                .iter()
                .map(|c| {
                    ChainBalancesView::new(
                        c,
                        networks.client_by_id(c.chain_id).map(|cl| cl.spec().kind),
                        open.get(&c.chain_id).copied().unwrap_or(0),
                    )
                })
                .collect(),
            usd_total: portfolio.usd_total.0.to_string(),
            eth_usd: portfolio
                .prices
                .iter()
                .find(|p| p.feed == ETH_USD_FEED)
                .map(views::usd_per_eth),
        })
    }

    /// How many of the wallet's transactions are not mined yet (pending or unknown), per chain.
    pub fn unmined_per_chain(&self) -> Result<std::collections::BTreeMap<u64, u32>> {
        let mut counts = std::collections::BTreeMap::new();
        for r in self.store.open_transactions()? {
            if r.status.is_unmined() {
                *counts.entry(r.chain_id).or_default() += 1;
            }
        }
        Ok(counts)
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
        let to = self.resolve_recipient(input.to)?;
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

    /// The review of a prepared transaction, as both shells show it: the parties by the
    /// names the wallet knows (its accounts, then its contacts), the device that will
    /// sign, USD at the current price. `id` is what the shell keeps it under.
    pub async fn review(
        &self,
        networks: &Networks,
        prepared: &PreparedTx,
        id: String,
    ) -> Result<PreparedView> {
        let price = self.eth_usd(networks).await;
        let from = self.find_account(&prepared.from.to_checksum(None))?;
        let parties = Parties {
            device: match &from.kind {
                AccountKind::Hardware { device, .. } => Some(device.to_string()),
                _ => None,
            },
            from_label: from.label,
            to_label: self.name_of(prepared.to)?,
        };
        Ok(PreparedView::new(id, prepared, parties, price.as_ref()))
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

/// A network a person adds: what they type. [`Wallet::add_network`] completes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNetwork {
    /// Display name.
    pub name: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Kind (decides the fee model).
    pub kind: ChainKind,
    /// RPC endpoints, in order of preference.
    pub rpc_urls: Vec<String>,
    /// Block explorer base URL.
    pub explorer: Option<String>,
    /// Native currency symbol (ETH when empty).
    pub symbol: String,
}

impl NewNetwork {
    fn into_spec(self) -> ChainSpec {
        let symbol = self.symbol.trim();
        ChainSpec {
            chain_id: self.chain_id,
            name: self.name.trim().to_owned(),
            kind: self.kind,
            native: NativeCurrency {
                symbol: if symbol.is_empty() { "ETH" } else { symbol }.to_owned(),
                decimals: 18,
            },
            rpc_urls: self
                .rpc_urls
                .iter()
                .map(|u| u.trim().to_owned())
                .filter(|u| !u.is_empty())
                .collect(),
            explorer: self
                .explorer
                .map(|e| e.trim().to_owned())
                .filter(|e| !e.is_empty()),
            multicall3: Some(MULTICALL3),
            // A person's own network carries no rollup contracts: bridging uses only
            // chains whose contracts come from a cited source.
            parent: None,
            rollup: None,
            contracts: Default::default(),
        }
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
    let feed = feeds.iter().find(|(n, _)| n == ETH_USD_FEED)?.1;
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
