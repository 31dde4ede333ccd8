//! Local L1 and L2 chains (anvil from npm, installed into `tools/`) for the wallet's
//! offline "Devnet" profile and for tests. This is the only crate that spawns processes.
//!
//! One module per concern, so later actors (Arbitrum delivery, fast-bridge relayer) and
//! chain kinds can be added beside them:
//! - [`chains`]: which chains a devnet runs;
//! - [`anvil`]: finding and starting anvil;
//! - [`contracts`]: the contracts deployed on each chain;
//! - [`l1_head`]: the L1 block the L2s' fee relays copy from;
//! - [`published`]: contract code from published npm packages (Multicall3, OP predeploys);
//! - [`process`]: recorded PIDs — is it ours, is it alive, stop it;
//! - [`op_stack`]: the OP Stack fee predeploys, each OP chain's L1 contracts and its
//!   bridge predeploys;
//! - [`arbitrum`]: stand-ins for the Nitro precompiles fee estimation needs;
//! - [`manifest`]: the `devnet.json` the wallet and tests read;
//! - [`rpc_proxy`]: a counting, fault-injecting JSON-RPC proxy for tests and benchmarks;
//! - [`across`]: Across's SpokePools on every chain, the relayer's terms, the quote endpoint;
//! - [`actors`]: the off-chain actors (L1 fee relays, OP sequencer, proposer, resolver,
//!   Arbitrum delivery and assertion, the Across relayer);
//! - [`devnet`]: the builder and handle that tie them together.

pub mod across;
pub mod actors;
pub mod anvil;
pub mod arbitrum;
pub mod chains;
pub mod contracts;
pub mod devnet;
mod error;
pub mod l1_head;
pub mod manifest;
pub mod op_stack;
pub mod process;
pub mod published;
mod rpc;
pub mod rpc_proxy;
pub mod tools;

pub use chains::{ChainKind, ChainPlan};
pub use devnet::{ActorsState, ChainState, ChainStatus, Devnet, DevnetBuilder};
pub use error::DevnetError;
pub use manifest::{AcrossDevnet, ActorAccounts, Manifest, ManifestAccount, ManifestChain};
