//! The Ledger Ethereum app (filled in).
