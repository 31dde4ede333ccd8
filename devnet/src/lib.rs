//! Local L1 and L2 chains (anvil from npm, installed into `tools/`) with the real
//! protocol contracts: the wallet's offline "Devnet" profile and its test bed. Filled
//! in by the devnet issue. This is the only crate that spawns processes.
