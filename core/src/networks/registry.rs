//! The active network profile, assembled: built-in or devnet chains, plus the user's own
//! networks, RPC endpoints and tokens from the store, with one [`ChainClient`] per chain.

use std::{collections::BTreeMap, path::Path, time::Duration};

use alloy::primitives::Address;

use crate::{
    assets::{ChainScan, Token, builtin_tokens, devnet_tokens},
    chain::{DevnetProfileError, NetworkProfile, builtin_profile, devnet_profile},
    rpc::{ChainClient, RpcError},
    store::{Store, StoreError},
};

/// The profile names a user can pick.
pub const PROFILES: [&str; 3] = ["mainnets", "testnets", "devnet"];

/// What went wrong choosing a network, chain, RPC or token.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    /// Not a profile name.
    #[error("There is no network profile '{0}'. Choose one of: mainnets, testnets, devnet.")]
    UnknownProfile(String),
    /// No chain matches.
    #[error("No chain '{reference}' in the {profile} profile. Known chains: {known}.")]
    UnknownChain {
        /// What the user typed.
        reference: String,
        /// Profile.
        profile: String,
        /// Names of the chains there.
        known: String,
    },
    /// No token matches.
    #[error(
        "{chain} has no token '{reference}' in this wallet. Add it with its contract address first."
    )]
    UnknownToken {
        /// Chain name.
        chain: String,
        /// What the user typed.
        reference: String,
    },
    /// An RPC endpoint serves another chain.
    #[error("{url} serves chain {got}, not {expected}; it was not added.")]
    WrongChain {
        /// URL.
        url: String,
        /// Chain it should serve.
        expected: u64,
        /// Chain it serves.
        got: u64,
    },
    /// An RPC endpoint could not be checked.
    #[error("{url} did not answer eth_chainId ({detail}); it was not added.")]
    RpcUnreachable {
        /// URL.
        url: String,
        /// Why.
        detail: String,
    },
    /// An address is not an ERC-20 on that chain.
    #[error("{address} is not an ERC-20 token on {chain} ({detail}).")]
    NotAToken {
        /// Address.
        address: Address,
        /// Chain.
        chain: String,
        /// What failed.
        detail: String,
    },
    /// An endpoint to remove that is not one the person added.
    #[error("{url} is not an RPC endpoint you added to {chain}; only those can be removed.")]
    NotAddedRpc {
        /// URL.
        url: String,
        /// Chain name.
        chain: String,
    },
    /// Bad network definition.
    #[error("{0}")]
    InvalidNetwork(String),
    /// The devnet's manifest.
    #[error(transparent)]
    Devnet(#[from] DevnetProfileError),
    /// Database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A chain request.
    #[error(transparent)]
    Rpc(#[from] RpcError),
}

impl NetworkError {
    /// Its stable code.
    pub fn code(&self) -> crate::ErrorCode {
        use crate::ErrorCode as C;
        match self {
            Self::UnknownProfile(_) => C::UnknownProfile,
            Self::UnknownChain { .. } => C::UnknownChain,
            Self::UnknownToken { .. } => C::UnknownToken,
            Self::WrongChain { .. } => C::RpcWrongChain,
            Self::RpcUnreachable { .. } => C::RpcUnreachable,
            Self::NotAddedRpc { .. } => C::RpcNotAdded,
            Self::NotAToken { .. } => C::NotAToken,
            Self::InvalidNetwork(_) => C::InvalidNetwork,
            Self::Devnet(_) => C::DevnetNotRunning,
            Self::Store(e) => e.code(),
            Self::Rpc(e) => e.code(),
        }
    }
}

/// The active profile, ready to talk to.
#[derive(Debug, Clone)]
pub struct Networks {
    key: String,
    profile: NetworkProfile,
    clients: Vec<ChainClient>,
    tokens: BTreeMap<u64, Vec<Token>>,
}

impl Networks {
    /// Assembles profile `key` (`mainnets`, `testnets` or `devnet`, whose chains come from
    /// the manifest in `devnet_dir`), with the user's networks, RPCs and tokens.
    pub fn load(
        store: &Store,
        key: &str,
        devnet_dir: &Path,
        timeout: Duration,
    ) -> Result<Self, NetworkError> {
        let mut profile = match key {
            "devnet" => devnet_profile(devnet_dir)?,
            other => {
                builtin_profile(other).ok_or_else(|| NetworkError::UnknownProfile(other.into()))?
            }
        };
        for custom in store.custom_networks(key)? {
            profile.chains.retain(|c| c.chain_id != custom.chain_id);
            profile.chains.push(custom);
        }
        let mut tokens = BTreeMap::new();
        for chain in &mut profile.chains {
            // The user's endpoints first: people add an RPC because they prefer it.
            let mut urls = store.custom_rpcs(chain.chain_id)?;
            urls.extend(
                chain
                    .rpc_urls
                    .iter()
                    .filter(|u| !urls.contains(u))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            chain.rpc_urls = urls;
            let mut list = if key == "devnet" {
                devnet_tokens(chain)
            } else {
                builtin_tokens(chain.chain_id)
            };
            for t in store.custom_tokens(chain.chain_id)? {
                list.retain(|o| o.address != t.address);
                list.push(t);
            }
            tokens.insert(chain.chain_id, list);
        }
        let clients = profile
            .chains
            .iter()
            .map(|c| ChainClient::new(c.clone(), timeout))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            key: key.into(),
            profile,
            clients,
            tokens,
        })
    }

    /// The profile's key (`devnet`, …).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The profile.
    pub fn profile(&self) -> &NetworkProfile {
        &self.profile
    }

    /// One client per chain, in profile order.
    pub fn clients(&self) -> &[ChainClient] {
        &self.clients
    }

    /// The chain with this id.
    pub fn client_by_id(&self, chain_id: u64) -> Option<&ChainClient> {
        self.clients.iter().find(|c| c.spec().chain_id == chain_id)
    }

    /// The chain a user means by `reference`: its id, its name, or its name without the
    /// profile prefix, case and spaces/dashes ignored ("901", "OP Mainnet", "op-mainnet", "op-a").
    pub fn client(&self, reference: &str) -> Result<&ChainClient, NetworkError> {
        let norm = |s: &str| s.to_ascii_lowercase().replace([' ', '-', '_'], "");
        let wanted = norm(reference);
        let prefix = norm(&self.profile.name);
        self.clients
            .iter()
            .find(|c| {
                let spec = c.spec();
                let name = norm(&spec.name);
                spec.chain_id.to_string() == reference.trim()
                    || name == wanted
                    || name.strip_prefix(&prefix) == Some(wanted.as_str())
            })
            .ok_or_else(|| NetworkError::UnknownChain {
                reference: reference.into(),
                profile: self.profile.name.clone(),
                known: self
                    .clients
                    .iter()
                    .map(|c| format!("{} ({})", c.name(), c.spec().chain_id))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Tokens known on `chain_id`.
    pub fn tokens(&self, chain_id: u64) -> &[Token] {
        self.tokens
            .get(&chain_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The token a user means on `chain_id`: its symbol (case ignored) or its address.
    pub fn token(&self, chain_id: u64, reference: &str) -> Result<Token, NetworkError> {
        let by_address = reference.parse::<Address>().ok();
        self.tokens(chain_id)
            .iter()
            .find(|t| Some(t.address) == by_address || t.symbol.eq_ignore_ascii_case(reference))
            .cloned()
            .ok_or_else(|| NetworkError::UnknownToken {
                chain: self
                    .client_by_id(chain_id)
                    .map_or_else(|| chain_id.to_string(), |c| c.name().to_owned()),
                reference: reference.into(),
            })
    }

    /// The chain that holds the profile's USD feeds, with the feeds (by name).
    pub fn price_feeds(&self) -> Option<(&ChainClient, Vec<(String, Address)>)> {
        self.clients.iter().find_map(|c| {
            let feeds: Vec<(String, Address)> = c
                .spec()
                .contracts
                .iter()
                .filter(|(name, _)| name.ends_with("_usd_feed"))
                .map(|(n, a)| (n.clone(), *a))
                .collect();
            (!feeds.is_empty()).then_some((c, feeds))
        })
    }

    /// What a portfolio scan reads on each chain (feeds ride along on their chain's call).
    pub fn scans(&self) -> Vec<ChainScan> {
        let feed_chain = self.price_feeds().map(|(c, f)| (c.spec().chain_id, f));
        self.clients
            .iter()
            .map(|c| ChainScan {
                client: c.clone(),
                tokens: self.tokens(c.spec().chain_id).to_vec(),
                feeds: match &feed_chain {
                    Some((id, feeds)) if *id == c.spec().chain_id => feeds.clone(),
                    _ => Vec::new(),
                },
            })
            .collect()
    }
}
