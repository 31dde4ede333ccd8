//! Chains the wallet knows: their specs and the network profiles that group them — the
//! built-in mainnets and testnets, the "Devnet" profile read from the devnet's manifest,
//! and the user's own networks and RPC endpoints (kept in the store).

mod builtin;
mod devnet_profile;
pub mod multicall;
mod registry;
mod spec;

pub use builtin::{BUILTIN_PROFILES, MULTICALL3, builtin_profile, mainnets, testnets};
pub use devnet_profile::{DevnetProfileError, devnet_profile};
pub use registry::{NetworkError, Networks, PROFILES, read_token, verify_rpc};
pub use spec::{ChainKind, ChainSpec, NativeCurrency, NetworkProfile};
