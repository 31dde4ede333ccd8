//! Every Tauri command, registered in one list ([`handler`]). Commands are thin: they
//! parse their arguments, call `switchyard_core`, and map errors to [`CommandError`].

#[cfg(test)]
mod bindings;
mod wallet;

use serde::Serialize;

pub use wallet::{WalletStatus, wallet_status};

/// An error as the UI receives it: a stable code and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    /// Stable, machine-readable code (see `switchyard_core::Error::code`).
    pub code: String,
    /// What went wrong and what to do, for a person.
    pub message: String,
}

impl CommandError {
    /// An error raised by the shell itself rather than by the core.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl From<switchyard_core::Error> for CommandError {
    fn from(e: switchyard_core::Error) -> Self {
        Self {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

/// The one list of commands the app registers.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![wallet::wallet_status]
}
