use std::collections::BTreeMap;

use alloy::primitives::Address;
use serde::{Deserialize, Serialize};

use super::RollupContracts;

/// How a chain works, which decides its fee model and protocol clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum ChainKind {
    /// Ethereum L1 (or an Ethereum-like chain).
    Ethereum,
    /// An OP Stack rollup (OP Mainnet, Base, …).
    OpStack,
    /// An Arbitrum Nitro rollup.
    Arbitrum,
}

/// A chain's native currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NativeCurrency {
    /// Symbol ("ETH").
    pub symbol: String,
    /// Decimals (18).
    pub decimals: u8,
}

/// Everything the wallet needs to talk to one chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainSpec {
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: ChainKind,
    /// Native currency.
    pub native: NativeCurrency,
    /// JSON-RPC endpoints, in order of preference.
    pub rpc_urls: Vec<String>,
    /// Block explorer base URL, if any.
    pub explorer: Option<String>,
    /// Multicall3, if deployed.
    pub multicall3: Option<Address>,
    /// The chain this one settles on (a rollup's L1), by chain id.
    #[serde(default)]
    pub parent: Option<u64>,
    /// The contracts a rollup settles through, when the wallet knows them.
    #[serde(default)]
    pub rollup: Option<RollupContracts>,
    /// Other contracts by name: USD price feeds (`*_usd_feed`) and the devnet's test tokens.
    pub contracts: BTreeMap<String, Address>,
}

impl ChainSpec {
    /// The block explorer's page of transaction `hash`, when the chain has an explorer.
    pub fn tx_url(&self, hash: alloy::primitives::B256) -> Option<String> {
        self.explorer
            .as_ref()
            .map(|base| format!("{}/tx/{hash}", base.trim_end_matches('/')))
    }
}

/// A named set of chains the user switches between ("Mainnets", "Testnets", "Devnet").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkProfile {
    /// Name.
    pub name: String,
    /// Its chains.
    pub chains: Vec<ChainSpec>,
}

impl NetworkProfile {
    /// The chain with this id.
    pub fn chain(&self, chain_id: u64) -> Option<&ChainSpec> {
        self.chains.iter().find(|c| c.chain_id == chain_id)
    }
}
