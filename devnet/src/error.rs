use std::path::PathBuf;

/// What can go wrong running a devnet. Every message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DevnetError {
    /// The anvil binary is not installed.
    #[error(
        "anvil was not found (looked in {looked}). Run `switchyard devnet install-tools` (in a source checkout, scripts/setup.sh), which installs it from npm, or set SWITCHYARD_ANVIL to an anvil binary."
    )]
    AnvilMissing {
        /// Where it looked.
        looked: String,
    },
    /// No tools folder (anvil and the contract artifacts from npm) was found.
    #[error(
        "The devnet's tools (anvil and the contract artifacts, installed from npm) were not found: no node_modules in {looked}. Run `switchyard devnet install-tools` (it needs npm and the npm registry; it installs into SWITCHYARD_DEVNET_TOOLS when that is set, the only folder then looked in); in a source checkout, scripts/setup.sh."
    )]
    ToolsMissing {
        /// The folders looked in.
        looked: String,
    },
    /// The user's tools folder holds another version's tools, or an unfinished install.
    #[error(
        "The devnet's tools in {dir} are for another version of Switchyard, or their install did not finish. Run `switchyard devnet install-tools` to bring them to this version's."
    )]
    ToolsOutdated {
        /// The user's tools folder.
        dir: PathBuf,
    },
    /// npm is not on PATH, so the tools cannot be installed.
    #[error(
        "npm was not found on PATH: installing the devnet's tools needs Node.js (18 or later) with npm. Install it (e.g. `sudo apt install npm`), then run `switchyard devnet install-tools` again."
    )]
    NpmMissing,
    /// npm ran and failed.
    #[error(
        "Installing the devnet's tools into {dir} failed: {reason}. Check that the npm registry is reachable, then run `switchyard devnet install-tools` again."
    )]
    ToolsInstallFailed {
        /// The tools folder.
        dir: PathBuf,
        /// What npm said.
        reason: String,
    },
    /// Neither SWITCHYARD_DEVNET_TOOLS nor a data directory says where to install.
    #[error(
        "There is no folder to install the devnet's tools in: this system has no home data directory. Set SWITCHYARD_DEVNET_TOOLS to a folder and run again."
    )]
    NoToolsFolder,
    /// The tools folder lacks one file.
    #[error(
        "{path} is missing: the devnet needs {what} from npm. Run `switchyard devnet install-tools` (in a source checkout, scripts/setup.sh)."
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
