//! Switchyard's hardware-wallet layer.
//!
//! - [`ledger`]: the Ledger Ethereum app's APDU protocol over USB HID, Speculos TCP or
//!   memory (transports from `coins-ledger`);
//! - [`trezor`]: Trezor's protobuf protocol over WebUSB, the emulator's UDP or memory
//!   (protobufs and framing from `trezor-client`);
//! - [`signer`]: a [`HardwareSigner`] implementing alloy's `Signer` and `TxSigner`, so
//!   the wallet signs through a device exactly as through a local key;
//! - `simulator` (feature `simulator`, test-only): faithful Ledger and Trezor
//!   simulators, checked against published vectors and official clients.
//!
//! alloy's own `alloy-signer-ledger` is HID-only (untestable), reconstructs legacy `v`
//! wrongly for some chain ids and signs EIP-712 only as hashes; `alloy-signer-trezor`
//! lacks EIP-712, PIN and passphrase. Hence this crate (hardware-wallets.md §0, §4).

pub mod device;
pub mod error;
pub mod ledger;
pub mod path;
pub mod prompt;
pub mod queue;
pub mod signer;
pub mod trezor;

#[cfg(feature = "simulator")]
pub mod simulator;

pub use device::{Device, Endpoint};
pub use error::{DeviceError, Vendor};
pub use path::HdPath;
pub use prompt::{NoPrompts, Prompt, Prompter};
pub use queue::DeviceQueue;
pub use signer::HardwareSigner;
