//! Which chains a devnet runs.

use serde::{Deserialize, Serialize};

/// How a chain behaves, and so which protocol contracts and fee model it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainKind {
    /// Ethereum-like L1.
    Ethereum,
    /// OP Stack L2 (anvil's optimism mode).
    OpStack,
    /// Arbitrum Nitro-like L2 (plain anvil plus devnet stand-ins for Nitro's precompiles).
    Arbitrum,
}

/// One chain to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainPlan {
    /// Short name ("l1", "op-a", …), also the log file's name.
    pub name: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Kind.
    pub kind: ChainKind,
}

impl ChainPlan {
    fn new(name: &str, chain_id: u64, kind: ChainKind) -> Self {
        Self {
            name: name.to_owned(),
            chain_id,
            kind,
        }
    }

    /// The standard devnet: an L1, two OP Stack L2s (so L2→L2 routes exist) and an
    /// Arbitrum-kind L2.
    pub fn standard() -> Vec<Self> {
        vec![
            Self::new("l1", 900, ChainKind::Ethereum),
            Self::new("op-a", 901, ChainKind::OpStack),
            Self::new("op-b", 902, ChainKind::OpStack),
            Self::new("arb", 412_346, ChainKind::Arbitrum),
        ]
    }
}
