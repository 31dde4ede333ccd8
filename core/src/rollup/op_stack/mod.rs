//! The OP Stack's deposit and withdrawal protocol (`l2-protocols.md` §1; the specs'
//! `deposits.md` and `withdrawals.md`).
//!
//! - [`abi`]: the portal, the game factory and the games, as called;
//! - [`deposit`]: `TransactionDeposited` on L1 → the type-0x7E transaction on L2;
//! - [`withdrawal`]: `MessagePassed` on L2 → the withdrawal hash and its storage slot;
//! - [`output`]: the output root a dispute game claims, and its proof;
//! - [`proof`]: a withdrawal's storage proof, with the inline-leaf fix-up.

pub mod abi;
pub mod deposit;
pub mod output;
pub mod proof;
pub mod withdrawal;

pub use deposit::{DepositDecodeError, TransactionDeposited, UserDeposit};
pub use output::OutputRootProof;
pub use withdrawal::{MessagePassed, WithdrawalTransaction};
