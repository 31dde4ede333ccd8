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
    /// No tools folder (anvil and the contract artifacts from npm) was found.
    #[error(
        "The devnet's tools (anvil and the contract artifacts, installed from npm) were not found: no node_modules in {looked}. In a source checkout run scripts/setup.sh; otherwise run `npm install` with the project's tools/package.json in a folder and set SWITCHYARD_DEVNET_TOOLS to it."
    )]
    ToolsMissing {
        /// The folders looked in.
        looked: String,
    },
    /// The tools folder lacks one file.
    #[error(
        "{path} is missing: the devnet needs {what} from npm. In a source checkout run scripts/setup.sh; otherwise run `npm install` with the project's tools/package.json in the tools folder (SWITCHYARD_DEVNET_TOOLS)."
    )]
    ToolMissing {
        /// The package file.
        what: String,
        /// Where it should be.
        path: PathBuf,
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
