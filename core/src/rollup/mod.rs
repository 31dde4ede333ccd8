//! The rollups' own protocols as pure types and functions: what an L1 deposit becomes on
//! the L2, how a withdrawal is named and proven, what an output root commits to. The
//! canonical bridges (wave 2) and the devnet's actors both build on these, so the wallet
//! and its test network can never disagree about a hash. No I/O here.

pub mod arbitrum;
pub mod op_stack;
