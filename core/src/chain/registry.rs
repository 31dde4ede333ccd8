//! The active network profile, assembled: built-in or devnet chains, plus the user's own
//! networks, RPC endpoints and tokens from the store, with one [`ChainClient`] per chain.

use std::{collections::BTreeMap, path::Path, time::Duration};

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, U64},
};

use super::{
    DevnetProfileError, NetworkProfile, builtin_profile, devnet_profile,
    multicall::{Read, aggregate3_request, decode, decode_aggregate3},
};
use crate::{
    assets::{ChainScan, Token, TokenSource, balances::IERC20, builtin_tokens, devnet_tokens},
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

/// Checks that `url` answers `eth_chainId` with `expected` before it is accepted.
pub async fn verify_rpc(url: &str, expected: u64, timeout: Duration) -> Result<(), NetworkError> {
    // A plain client (no failover, no piggybacked check) so the answer is this URL's own.
    let client = alloy::rpc::client::RpcClient::new_http(
        url.parse()
            .map_err(|_| NetworkError::InvalidNetwork(format!("'{url}' is not a valid URL.")))?,
    );
    let answer = tokio::time::timeout(timeout, client.request_noparams::<U64>("eth_chainId")).await;
    let got = match answer {
        Err(_) => {
            return Err(NetworkError::RpcUnreachable {
                url: url.into(),
                detail: format!("no answer within {timeout:?}"),
            });
        }
        Ok(Err(e)) => {
            return Err(NetworkError::RpcUnreachable {
                url: url.into(),
                detail: e.to_string(),
            });
        }
        Ok(Ok(id)) => id.to::<u64>(),
    };
    if got != expected {
        return Err(NetworkError::WrongChain {
            url: url.into(),
            expected,
            got,
        });
    }
    Ok(())
}

/// Reads and validates an ERC-20's metadata (one multicall): it must answer `decimals`,
/// `symbol`, `name` and `balanceOf`.
pub async fn read_token(client: &ChainClient, address: Address) -> Result<Token, NetworkError> {
    let multicall = client.spec().multicall3.unwrap_or(super::MULTICALL3);
    let reads = [
        Read::new(address, IERC20::decimalsCall {}),
        Read::new(address, IERC20::symbolCall {}),
        Read::new(address, IERC20::nameCall {}),
        Read::new(
            address,
            IERC20::balanceOfCall {
                owner: Address::ZERO,
            },
        ),
    ];
    let output = client
        .call(
            &aggregate3_request(multicall, &reads),
            BlockId::Number(BlockNumberOrTag::Latest),
        )
        .await?;
    let not_token = |detail: &str| NetworkError::NotAToken {
        address,
        chain: client.name().into(),
        detail: detail.into(),
    };
    let results = decode_aggregate3(&output, reads.len()).map_err(|d| not_token(&d))?;
    let decimals =
        decode::<IERC20::decimalsCall>(&results[0]).ok_or_else(|| not_token("no decimals()"))?;
    let symbol =
        decode::<IERC20::symbolCall>(&results[1]).ok_or_else(|| not_token("no symbol()"))?;
    let name = decode::<IERC20::nameCall>(&results[2]).ok_or_else(|| not_token("no name()"))?;
    decode::<IERC20::balanceOfCall>(&results[3]).ok_or_else(|| not_token("no balanceOf()"))?;
    // The contract chose these strings: never shown with control characters or escape
    // sequences, and never longer than a symbol or a name needs.
    let symbol = crate::text::clean(symbol.trim(), 32);
    let name = crate::text::clean(name.trim(), 64);
    if decimals > 77 || symbol.trim().is_empty() || symbol.ends_with('…') {
        return Err(not_token("its decimals or symbol are not plausible"));
    }
    Ok(Token {
        chain_id: client.spec().chain_id,
        address,
        symbol: symbol.trim().into(),
        name: name.trim().into(),
        decimals,
        price_feed: None,
        source: TokenSource::User,
    })
}
