//! Moving value between chains. [`canonical`]: the rollups' own bridges (deposits,
//! withdrawals, and each later step: prove, finalize, claim, redeem), read and built for
//! the journeys that track them. [`across`]: the pure parts of Across (its SpokePool ABI,
//! relay hashes and the suggested-fees quote), shared by the wallet's fast bridge to come
//! and the devnet's relayer and quote endpoint.

pub mod across;
pub mod canonical;
