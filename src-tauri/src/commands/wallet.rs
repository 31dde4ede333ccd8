use std::path::PathBuf;

use serde::Serialize;
use switchyard_core::Wallet;

use super::CommandError;

/// What the start screen shows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletStatus {
    /// Whether a wallet exists in the data directory.
    pub initialized: bool,
    /// The data directory.
    pub data_dir: PathBuf,
    /// Number of visible accounts.
    pub accounts: usize,
}

/// The wallet's status in the default data directory (or `SWITCHYARD_DATA_DIR`).
#[tauri::command]
pub fn wallet_status() -> Result<WalletStatus, CommandError> {
    let data_dir = std::env::var_os("SWITCHYARD_DATA_DIR")
        .map(PathBuf::from)
        .or_else(Wallet::default_data_dir)
        .ok_or_else(|| CommandError {
            code: "data_dir",
            message: "No home directory for the wallet's data.".into(),
        })?;
    let wallet = Wallet::open(&data_dir)?;
    Ok(WalletStatus {
        initialized: wallet.is_initialized(),
        accounts: wallet.accounts(false)?.len(),
        data_dir,
    })
}
