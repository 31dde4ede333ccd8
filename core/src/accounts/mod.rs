//! Accounts: HD, imported key, watch-only and hardware — one [`Account`] type — with
//! EIP-55 address parsing, signing through alloy's signer traits, and saved contacts.

mod account;
pub mod address;
mod contact;
mod error;
mod signer;
pub mod signing;

pub(crate) use account::checksummed;
pub use account::{Account, AccountKind, HardwareDevice};
pub use address::parse_address;
pub use contact::Contact;
pub use error::AccountError;
pub use signer::AccountSigner;
