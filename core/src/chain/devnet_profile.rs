//! The "Devnet" profile, read from the `devnet.json` manifest that `switchyard devnet up`
//! writes. Only the fields the wallet needs are read, so the manifest can grow; the
//! devnet crate owns the format (core never starts processes or depends on it).

use std::{collections::BTreeMap, path::Path};

use alloy::primitives::Address;
use serde::Deserialize;

use super::{ChainKind, ChainSpec, NativeCurrency, NetworkProfile, RollupContracts};

/// The manifest format version this reader understands.
const MANIFEST_VERSION: u32 = 1;

/// Why the devnet profile could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DevnetProfileError {
    /// No manifest: the devnet is not running.
    #[error(
        "No devnet manifest at {0}. Start the devnet with `switchyard devnet up` (from an installed package, run `switchyard devnet install-tools` once before)."
    )]
    Missing(String),
    /// The manifest does not parse or has another version.
    #[error(
        "The devnet manifest {path} cannot be used ({reason}). Restart the devnet with `switchyard devnet up`."
    )]
    Invalid {
        /// The manifest.
        path: String,
        /// Why.
        reason: String,
    },
}

#[derive(Deserialize)]
struct Manifest {
    version: u32,
    chains: Vec<ManifestChain>,
}

#[derive(Deserialize)]
struct ManifestChain {
    name: String,
    chain_id: u64,
    kind: ChainKind,
    rpc_url: String,
    #[serde(default)]
    parent_chain_id: Option<u64>,
    #[serde(default)]
    rollup: Option<RollupContracts>,
    #[serde(default)]
    contracts: BTreeMap<String, Address>,
}

/// Loads the "Devnet" network profile from the manifest in `devnet_dir`.
pub fn devnet_profile(devnet_dir: &Path) -> Result<NetworkProfile, DevnetProfileError> {
    let path = devnet_dir.join("devnet.json");
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(&path).map_err(|_| DevnetProfileError::Missing(shown.clone()))?;
    let invalid = |reason: String| DevnetProfileError::Invalid {
        path: shown.clone(),
        reason,
    };
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
    if manifest.version != MANIFEST_VERSION {
        return Err(invalid(format!("format version {}", manifest.version)));
    }
    let chains = manifest
        .chains
        .into_iter()
        .map(|c| ChainSpec {
            chain_id: c.chain_id,
            name: format!("Devnet {}", c.name),
            kind: c.kind,
            native: NativeCurrency {
                symbol: "ETH".into(),
                decimals: 18,
            },
            rpc_urls: vec![c.rpc_url],
            explorer: None,
            multicall3: c.contracts.get("multicall3").copied(),
            parent: c.parent_chain_id,
            rollup: c.rollup,
            contracts: c.contracts,
        })
        .collect();
    Ok(NetworkProfile {
        name: "Devnet".into(),
        chains,
    })
}
