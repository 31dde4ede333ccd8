//! The error every command returns: a stable code and a sentence for a person. Its own
//! module, below the commands and the wallet thread, so neither depends on the other.

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::ErrorCode;

/// An error as the UI receives it: a stable code and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    /// Stable, machine-readable code (the core's [`ErrorCode`], generated into TypeScript).
    pub code: ErrorCode,
    /// What went wrong and what to do, for a person.
    pub message: String,
}

impl CommandError {
    /// An error raised by the shell itself rather than by the core.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The wallet is locked.
    pub fn locked() -> Self {
        Self::new(
            ErrorCode::Locked,
            "The wallet is locked. Unlock it with your password.",
        )
    }
}

impl From<switchyard_core::Error> for CommandError {
    fn from(e: switchyard_core::Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// Results of commands.
pub type CmdResult<T> = Result<T, CommandError>;
