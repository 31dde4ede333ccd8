//! Test-only device simulators. They are simulators, not devices: they model the
//! Ledger Ethereum app's APDUs and Trezor's protobuf flows as the published specs and
//! vectors describe them, and are kept honest by those vectors and by official
//! clients (trezorlib, Ledger's Python client) driving them over their sockets.

pub mod keys;
pub mod ledger;
pub mod trezor;
