//! Trezor simulator (filled in).
