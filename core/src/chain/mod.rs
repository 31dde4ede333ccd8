//! Chains the wallet knows, as data: their specs and the network profiles that group them —
//! the built-in mainnets and testnets and the "Devnet" profile read from the devnet's
//! manifest. Talking to them is [`crate::rpc`]; the assembled, active set is
//! [`crate::networks`].

mod builtin;
mod devnet_profile;
mod rollup;
mod spec;

pub use builtin::{BUILTIN_PROFILES, MULTICALL3, builtin_profile, mainnets, testnets};
pub use devnet_profile::{DevnetProfileError, devnet_profile};
pub use rollup::{ArbitrumContracts, OpContracts, RollupContracts};
pub use spec::{ChainKind, ChainSpec, NativeCurrency, NetworkProfile};
