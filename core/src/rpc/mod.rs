//! Talking to chains: a failover transport over several endpoints per chain, the
//! per-chain client the rest of the core uses, and the queue that sends requests made at
//! the same moment in one batch.

mod client;
mod coalesce;
mod error;
mod failover;
pub mod multicall;

pub use client::{Broadcast, ChainClient, DEFAULT_TIMEOUT};
pub use error::RpcError;
pub use failover::{ChainCheck, EndpointHealth, FailoverTransport, MAX_RESPONSE_BYTES};
