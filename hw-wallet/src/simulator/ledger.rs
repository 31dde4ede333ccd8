//! Ledger Ethereum-app simulator (filled in).
