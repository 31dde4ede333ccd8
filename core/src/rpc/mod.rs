//! Talking to chains: a failover transport over several endpoints per chain, and the
//! per-chain client the rest of the core uses.

mod client;
mod error;
mod failover;
pub mod multicall;

pub use client::{Broadcast, ChainClient, DEFAULT_TIMEOUT};
pub use error::RpcError;
pub use failover::{ChainCheck, EndpointHealth, FailoverTransport, MAX_RESPONSE_BYTES};
