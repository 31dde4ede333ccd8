//! Switchyard's wallet core: everything the wallet knows, with no UI and no process
//! spawning. The desktop app and the CLI are thin shells over [`Wallet`].
//!
//! Domains, one module each:
//! - [`keys`]: mnemonics, HD derivation, the encrypted vault, the OS keychain, keystores;
//! - [`accounts`]: the account model, address parsing and signing;
//! - [`store`]: the SQLite database;
//! - [`rollup`]: the rollups' deposit, withdrawal and output-root protocols (pure);
//! - [`wallet`]: the facade the shells call.

pub mod accounts;
pub mod assets;
pub mod atomic_file;
pub mod bridge;
pub mod chain;
pub mod error;
mod error_code;
pub mod fees;
pub mod journey;
pub mod keys;
pub mod lock;
pub mod networks;
pub mod rollup;
pub mod rpc;
pub mod store;
pub mod text;
pub mod tx;
pub mod views;
pub mod wallet;

pub use error::{Error, ErrorCode};
/// The hardware-wallet layer (devices, endpoints, prompts, signers).
pub use switchyard_hw as hw;
pub use wallet::{NewNetwork, SendInput, Session, Unlock, Wallet};
