//! OP Stack chains on the devnet, from `@eth-optimism/contracts-bedrock`:
//! - [`fees`]: the `GasPriceOracle` and `L1Block` predeploys and their L1 attributes;
//! - [`l1`]: each chain's L1 contracts (portal, dispute games, messenger, bridges);
//! - [`l2`]: the bridge predeploys on the L2, initialized against those L1 contracts;
//! - [`guardian`]: the guardian's faults on demand (a blacklisted game, retired games).
//!
//! The actors that make them move (deposits, proposals, resolutions) are in
//! [`crate::actors`].

pub mod fees;
pub mod guardian;
pub mod l1;
pub mod l2;

pub use fees::{DEPOSITOR, GAS_PRICE_ORACLE, L1_BLOCK, L1Attributes};
pub use l1::{GAME_TYPE_CANNON, GUARDIAN, OpClocks, OpL1Deployment};
