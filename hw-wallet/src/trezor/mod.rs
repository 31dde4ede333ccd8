//! Trezor (filled in).
