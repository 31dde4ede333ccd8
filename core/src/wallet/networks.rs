//! Which network profile is active and the person's additions to it: RPC endpoints,
//! networks and tokens, each checked before it is kept.

use std::path::PathBuf;

use super::Wallet;
use crate::{
    accounts::parse_address,
    assets::Token,
    chain::{ChainKind, ChainSpec, MULTICALL3, NativeCurrency},
    error::Result,
    networks::{NetworkError, Networks, PROFILES, read_token, verify_rpc},
    rpc::DEFAULT_TIMEOUT,
    views,
};

/// Setting: the active network profile.
const NETWORK_SETTING: &str = "network";

/// Setting: where the devnet's manifest lives.
pub(super) const DEVNET_DIR_SETTING: &str = "devnet_dir";

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

    /// The profiles and the active one's chains, with the RPCs the person added.
    pub fn networks_view(&self, networks: &Networks) -> Result<views::NetworksView> {
        let chains = networks
            .clients()
            .iter()
            .map(|c| {
                let spec = c.spec();
                Ok(views::ChainView::new(
                    spec,
                    self.custom_rpcs(spec.chain_id)?,
                ))
            })
            .collect::<Result<_>>()?;
        Ok(views::NetworksView {
            active: networks.key().to_owned(),
            profiles: PROFILES.iter().map(|p| (*p).to_owned()).collect(),
            chains,
        })
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
    pub fn remove_rpc(&self, networks: &Networks, chain: &str, url: &str) -> Result<ChainSpec> {
        let spec = networks.client(chain)?.spec();
        if !self.store.remove_custom_rpc(spec.chain_id, url)? {
            return Err(NetworkError::NotAddedRpc {
                url: url.into(),
                chain: spec.name.clone(),
            }
            .into());
        }
        Ok(spec.clone())
    }

    /// The tokens the wallet shows on `chain` (an id or a name), or on every chain.
    pub fn tokens_view(
        &self,
        networks: &Networks,
        chain: Option<&str>,
    ) -> Result<Vec<views::TokenView>> {
        let ids: Vec<u64> = match chain {
            Some(c) => vec![networks.client(c)?.spec().chain_id],
            None => networks
                .clients()
                .iter()
                .map(|c| c.spec().chain_id)
                .collect(),
        };
        Ok(ids
            .iter()
            .flat_map(|id| networks.tokens(*id))
            .map(views::TokenView::from)
            .collect())
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
                "Chain {} is already in this profile as {}; add an RPC endpoint to it instead.",
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
