//! Arbitrum-kind chains on the devnet:
//! - [`precompiles`]: stand-ins for the Nitro precompiles (NodeInterface, ArbGasInfo,
//!   ArbSys, ArbRetryableTx; contracts/src/*StandIn.sol, each difference documented there);
//! - [`l1`]: the chain's L1 contracts from `@arbitrum/nitro-contracts` (Bridge, Inbox,
//!   Outbox, SequencerInbox behind ProxyAdmin-owned proxies) and the token bridge's L1
//!   side from `@arbitrum/token-bridge-contracts`;
//! - [`l2`]: the token bridge's child side.
//!
//! The actors that make them move (message delivery, assertion confirmation) are in
//! [`crate::actors`].

pub mod l1;
pub mod l2;
pub mod precompiles;

pub use l1::{ArbClocks, ArbDeployment, ROLLUP};
pub use precompiles::{ARB_GAS_INFO, NODE_INTERFACE, install, refresh_from_l1};
