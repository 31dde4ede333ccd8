//! Across on the devnet, from `@across-protocol/contracts` 5.0.27
//! (`../shared/reference/devnet-bridges.md` §Q4):
//! - [`deploy`]: WETH and the chain's SpokePool (Ethereum_SpokePool, OP_SpokePool,
//!   Arbitrum_SpokePool) behind an ERC1967Proxy on every chain;
//! - [`policy`]: the relayer's fees, which its fills and the quote endpoint share;
//! - [`quote`]: `GET /suggested-fees` on 127.0.0.1, in Across's shape.
//!
//! The relayer that fills deposits is in [`crate::actors`].

pub mod deploy;
pub mod policy;
pub mod quote;

pub use deploy::{AcrossSpoke, HUB, RELAYER};
pub use policy::RelayerPolicy;
