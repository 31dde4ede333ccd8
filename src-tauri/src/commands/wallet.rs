//! Wallet commands.

use std::path::PathBuf;

use serde::Serialize;
use switchyard_core::Wallet;

use super::CommandError;

/// Environment variable that overrides the default data directory (as in the CLI).
const DATA_DIR_ENV: &str = "SWITCHYARD_DATA_DIR";

/// What the start screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WalletStatus {
    /// Whether a wallet (vault) exists in the data directory.
    pub initialized: bool,
    /// The data directory that was opened.
    pub data_dir: String,
    /// Number of visible (not hidden) accounts.
    pub accounts: u32,
}

/// Opens the wallet and reports its status. `data_dir` defaults to `SWITCHYARD_DATA_DIR`,
/// then to the platform data directory ([`Wallet::default_data_dir`]).
#[tauri::command]
pub fn wallet_status(data_dir: Option<String>) -> Result<WalletStatus, CommandError> {
    let data_dir = resolve_data_dir(data_dir)?;
    let wallet = Wallet::open(&data_dir)?;
    Ok(WalletStatus {
        initialized: wallet.is_initialized(),
        data_dir: wallet.data_dir().display().to_string(),
        accounts: u32::try_from(wallet.accounts(false)?.len()).unwrap_or(u32::MAX),
    })
}

/// The directory a command should open: the one given, else the environment's, else the
/// platform default.
fn resolve_data_dir(given: Option<String>) -> Result<PathBuf, CommandError> {
    given
        .filter(|d| !d.trim().is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
        })
        .or_else(Wallet::default_data_dir)
        .ok_or_else(|| {
            CommandError::new(
                "data_dir",
                "Cannot find a home directory for the wallet's data; choose a data directory.",
            )
        })
}
