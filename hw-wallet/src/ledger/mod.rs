//! The Ledger Ethereum app (hardware-wallets.md §1): APDU builders and chunking
//! ([`apdu`]), reply parsing and `v` reconstruction ([`reply`]), status words mapped to
//! [`DeviceError`](crate::DeviceError) ([`status`]), EIP-712 full-mode streaming
//! ([`eip712`]), the transports ([`transport`]) and the request flows ([`EthApp`]).
//!
//! Everything here is built on `coins-ledger`'s [`LedgerTransport`], so one code path
//! drives a USB device, a Speculos emulator's TCP port and the in-memory simulator.

pub mod apdu;
mod app;
pub mod eip712;
pub mod reply;
pub mod status;
mod transport;

pub use app::EthApp;
pub use coins_ledger::transports::LedgerTransport;
pub use reply::AppConfiguration;
pub use transport::{
    ApduExchange, LedgerEndpoint, LedgerLink, LedgerUsbDevice, MemoryFault, MemoryTransport,
    list_usb,
};
