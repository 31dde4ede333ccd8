use serde::{Deserialize, Serialize};

use crate::chain::{ChainKind, ChainSpec};

/// A chain of the active profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainView {
    /// Chain id.
    pub chain_id: u64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ChainKind,
    /// Native currency symbol.
    pub native_symbol: String,
    /// RPC endpoints in order of preference.
    pub rpc_urls: Vec<String>,
    /// The ones the person added (they can be removed).
    pub custom_rpc_urls: Vec<String>,
    /// Block explorer.
    pub explorer: Option<String>,
    /// The chain it settles on (a rollup's L1), when it is a rollup.
    pub parent_chain_id: Option<u64>,
}

/// The network profiles and the active one's chains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworksView {
    /// The active profile's key ("devnet", "mainnets", "testnets").
    pub active: String,
    /// Every profile key.
    pub profiles: Vec<String>,
    /// The active profile's chains.
    pub chains: Vec<ChainView>,
}

impl ChainView {
    /// The view of `spec`, with the RPCs the person added to it.
    pub fn new(spec: &ChainSpec, custom_rpc_urls: Vec<String>) -> Self {
        Self {
            chain_id: spec.chain_id,
            name: spec.name.clone(),
            kind: spec.kind,
            native_symbol: spec.native.symbol.clone(),
            rpc_urls: spec.rpc_urls.clone(),
            custom_rpc_urls,
            explorer: spec.explorer.clone(),
            parent_chain_id: spec.parent,
        }
    }
}

/// A token the wallet shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenView {
    /// Chain id.
    pub chain_id: u64,
    /// Contract (EIP-55).
    pub address: String,
    /// Symbol.
    pub symbol: String,
    /// Name.
    pub name: String,
    /// Decimals.
    pub decimals: u8,
    /// Whether the person added it (built-in tokens cannot be removed).
    pub added_by_user: bool,
}

impl From<&crate::assets::Token> for TokenView {
    fn from(t: &crate::assets::Token) -> Self {
        Self {
            chain_id: t.chain_id,
            address: super::checksum(t.address),
            symbol: t.symbol.clone(),
            name: t.name.clone(),
            decimals: t.decimals,
            added_by_user: t.source == crate::assets::TokenSource::User,
        }
    }
}
