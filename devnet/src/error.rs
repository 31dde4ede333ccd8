use std::path::PathBuf;

/// What can go wrong running a devnet. Every message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DevnetError {
    /// The anvil binary is not installed.
    #[error(
        "anvil was not found (looked in {looked}). Run scripts/setup.sh, which installs it from npm into tools/, or set SWITCHYARD_ANVIL to an anvil binary."
    )]
    AnvilMissing {
        /// Where it looked.
        looked: String,
    },
    /// anvil could not be started or exited at once.
    #[error("anvil for {chain} did not start: {reason}. Its log is {log}.")]
    AnvilFailed {
        /// The chain's name.
        chain: String,
        /// Why.
        reason: String,
        /// anvil's log file.
        log: PathBuf,
    },
    /// A chain did not answer in time.
    #[error("{chain} did not answer on {url} within {secs} s. Its log is {log}.")]
    NotReady {
        /// The chain's name.
        chain: String,
        /// Its RPC URL.
        url: String,
        /// The wait.
        secs: u64,
        /// anvil's log file.
        log: PathBuf,
    },
    /// A requested port is taken.
    #[error(
        "Port {0} on 127.0.0.1 is already in use; choose another or let the devnet pick free ports."
    )]
    PortInUse(u16),
    /// No devnet is recorded in the directory.
    #[error("No devnet in {0}. Start one with `switchyard devnet up`.")]
    NotRunning(PathBuf),
    /// A JSON-RPC call to a devnet chain failed.
    #[error("{chain}: {method} failed: {reason}")]
    Rpc {
        /// The chain's name.
        chain: String,
        /// The method.
        method: String,
        /// Why.
        reason: String,
    },
    /// Bad input (an amount, an address).
    #[error("{0}")]
    Input(String),
    /// Files in the devnet directory.
    #[error("Devnet directory {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}
