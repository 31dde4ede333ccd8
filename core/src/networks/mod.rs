//! The networks the wallet is using: the active profile's chains (built-in or devnet specs
//! from [`crate::chain`], plus the user's networks, endpoints and tokens from the store),
//! each with its [`crate::rpc::ChainClient`], and the checks a user's addition must pass.

mod probe;
mod registry;

pub use probe::{read_token, verify_rpc};
pub use registry::{NetworkError, Networks, PROFILES};
