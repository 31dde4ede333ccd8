//! Bridges between chains that are not a rollup's own: today the pure parts of Across (its
//! SpokePool ABI, relay hashes and the suggested-fees quote), shared by the wallet's fast
//! bridge and the devnet's relayer and quote endpoint. The `Bridge` trait and the canonical
//! bridges' clients arrive here with wave 2.

pub mod across;
