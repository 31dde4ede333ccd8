//! Chains the wallet knows: their specs and the network profiles that group them. The
//! chains issue adds the built-in mainnet/testnet profiles, providers and failover; the
//! "Devnet" profile is read from the devnet's manifest.

mod devnet_profile;
mod spec;

pub use devnet_profile::{DevnetProfileError, devnet_profile};
pub use spec::{ChainKind, ChainSpec, NativeCurrency, NetworkProfile};
