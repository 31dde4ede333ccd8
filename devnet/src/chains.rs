//! Which chains a devnet runs.

use serde::{Deserialize, Serialize};

/// How a chain behaves: the wallet's own chain kinds.
pub use switchyard_core::chain::ChainKind;

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
