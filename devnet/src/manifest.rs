//! `devnet.json`: what a running devnet is, for the wallet (its "Devnet" network
//! profile) and for tests. Written atomically; a manifest that does not parse or
//! describes dead processes is rebuilt, never trusted.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

use alloy::primitives::Address;
use serde::{Deserialize, Serialize};

use switchyard_core::chain::RollupContracts;

use crate::{
    ChainKind, DevnetError,
    across::{AcrossSpoke, RelayerPolicy},
    arbitrum::ArbDeployment,
    op_stack::OpL1Deployment,
};

/// The manifest's file name inside the devnet directory.
pub const FILE: &str = "devnet.json";
/// Format version; bumped when fields change meaning.
pub const VERSION: u32 = 1;

/// A running devnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// Seconds between blocks; `None` mines on every transaction.
    pub block_time: Option<u64>,
    /// The chains.
    pub chains: Vec<ManifestChain>,
    /// The funded test accounts (anvil's well-known test keys: never use for real funds).
    pub accounts: Vec<ManifestAccount>,
    /// The mnemonic those accounts derive from (BIP44 indices 0..N).
    pub mnemonic: String,
    /// PID of the background process running the devnet's off-chain actors (a detached
    /// devnet only; an attached one runs them in the foreground process).
    #[serde(default)]
    pub actors_pid: Option<u32>,
    /// The Across deployment's devnet-wide parts: the quote endpoint, the relayer and its
    /// terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub across: Option<AcrossDevnet>,
    /// The accounts the devnet's actors act from.
    #[serde(default = "ActorAccounts::devnet")]
    pub actor_accounts: ActorAccounts,
    /// Actors told to stop acting, as "CHAIN ACTOR" ("op-a proposer").
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub paused_actors: BTreeSet<String>,
}

/// One chain of the devnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestChain {
    /// Short name.
    pub name: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Kind.
    pub kind: ChainKind,
    /// JSON-RPC URL.
    pub rpc_url: String,
    /// Port on 127.0.0.1.
    pub port: u16,
    /// The anvil process's PID.
    pub pid: u32,
    /// The devnet chain this one settles on (the L1, for the L2s).
    #[serde(default)]
    pub parent_chain_id: Option<u64>,
    /// The rollup contracts it settles through, once they are deployed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollup: Option<RollupContracts>,
    /// An OP chain's L1 deployment in full (the devnet's actors read it; the wallet reads
    /// [`ManifestChain::rollup`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op_l1: Option<OpL1Deployment>,
    /// An Arbitrum chain's deployment on both sides (the actors read it; the wallet reads
    /// [`ManifestChain::rollup`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arb: Option<ArbDeployment>,
    /// The chain's Across SpokePool and WETH.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub across: Option<AcrossSpoke>,
    /// Contracts deployed on this chain, by name.
    #[serde(default)]
    pub contracts: BTreeMap<String, Address>,
}

/// The keyless accounts the devnet's contracts and actors act from (anvil impersonates
/// them; their names are their ASCII bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorAccounts {
    /// Deploys every devnet contract and owns what has an owner.
    pub deployer: Address,
    /// Creates the OP chains' dispute games.
    pub op_proposer: Address,
    /// Resolves the OP chains' unchallenged games.
    pub op_challenger: Address,
    /// The OP chains' guardian (blacklists games, retires game types).
    pub op_guardian: Address,
    /// Holds the Arbitrum chain's rollup role (confirms send roots).
    pub arb_rollup: Address,
    /// Delivers the Arbitrum chain's inbox messages on the child chain.
    pub arb_deliverer: Address,
    /// Fills Across deposits.
    pub across_relayer: Address,
    /// The HubPool's stand-in: the pools' admin, relays and executes root bundles.
    pub across_hub: Address,
}

impl ActorAccounts {
    /// The devnet's accounts.
    pub fn devnet() -> Self {
        Self {
            deployer: crate::contracts::DEPLOYER,
            op_proposer: crate::actors::PROPOSER,
            op_challenger: crate::actors::CHALLENGER,
            op_guardian: crate::op_stack::GUARDIAN,
            arb_rollup: crate::arbitrum::ROLLUP,
            arb_deliverer: crate::actors::arb_delivery::DELIVERER,
            across_relayer: crate::across::RELAYER,
            across_hub: crate::across::HUB,
        }
    }
}

/// Across on the devnet, beyond each chain's pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrossDevnet {
    /// Base URL of the `GET /suggested-fees` endpoint (served by the actors process).
    pub quote_url: String,
    /// Its port on 127.0.0.1.
    pub quote_port: u16,
    /// The relayer's terms, which the quotes follow.
    pub policy: RelayerPolicy,
}

/// A funded test account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestAccount {
    /// Its address.
    pub address: Address,
    /// Its private key (public test key).
    pub private_key: String,
}

impl Manifest {
    /// Reads the manifest in `dir`: `Ok(None)` if there is none or it cannot be trusted
    /// (unreadable, another version).
    pub fn read(dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
        let manifest: Self = serde_json::from_str(&text).ok()?;
        (manifest.version == VERSION).then_some(manifest)
    }

    /// Writes the manifest into `dir` atomically.
    pub fn write(&self, dir: &Path) -> Result<(), DevnetError> {
        let path = dir.join(FILE);
        let text = serde_json::to_string_pretty(self).expect("a manifest always serializes");
        switchyard_core::atomic_file::write(&path, text.as_bytes())
            .map_err(|source| DevnetError::Io { path, source })
    }

    /// Whether `actor` of `chain` ("op-a", "proposer") is paused.
    pub fn is_paused(&self, chain: &str, actor: &str) -> bool {
        self.paused_actors.contains(&format!("{chain} {actor}"))
    }

    /// The chain with this id.
    pub fn chain(&self, chain_id: u64) -> Option<&ManifestChain> {
        self.chains.iter().find(|c| c.chain_id == chain_id)
    }
}
