//! Across: a user deposits on the origin chain's SpokePool, a relayer fills on the
//! destination's from its own inventory, and is refunded later through root bundles
//! (`l2-protocols.md` §4.1).
//!
//! - [`abi`]: the SpokePool and WETH as called, and [`abi::V3RelayData`]'s relay hash;
//! - [`quote`]: the `GET /suggested-fees` request and response.

pub mod abi;
pub mod quote;

pub use abi::{V3RelayData, relay_hash};
pub use quote::{FeePart, SuggestedFees, SuggestedFeesLimits, SuggestedFeesQuery};
