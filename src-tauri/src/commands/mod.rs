//! Every Tauri command, registered in one list. Commands parse, call the core, and map
//! errors to `{ code, message }`.

mod wallet;

use serde::Serialize;

/// An error as the UI receives it: a stable code and a sentence for a person.
#[derive(Debug, Serialize)]
pub struct CommandError {
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What went wrong and what to do.
    pub message: String,
}

impl From<switchyard_core::Error> for CommandError {
    fn from(e: switchyard_core::Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// The one list of commands.
pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![wallet::wallet_status]
}
