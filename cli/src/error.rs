//! The CLI's error: what the core refused, input it could not get, or an outcome that is
//! not what was asked; each has an [`ErrorCode`] (printed with `--json`, and the exit code).

use switchyard_core::{ErrorCode, keys::KeyError};

/// A CLI failure: a core error, input the CLI could not get, or a command whose work was
/// done but did not end as asked (a send that was replaced or whose fate is unknown).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] switchyard_core::Error),
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Devnet(#[from] switchyard_devnet::DevnetError),
    #[error("{message}")]
    Outcome {
        code: ErrorCode,
        message: String,
        /// The transaction it is about, shown with the error in `--json`.
        record: Option<Box<switchyard_core::views::TxView>>,
    },
}

impl From<KeyError> for CliError {
    fn from(e: KeyError) -> Self {
        Self::Core(e.into())
    }
}

impl From<switchyard_core::accounts::AccountError> for CliError {
    fn from(e: switchyard_core::accounts::AccountError) -> Self {
        Self::Core(e.into())
    }
}

impl CliError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Core(e) => e.code(),
            Self::Input(_) => ErrorCode::Input,
            Self::Devnet(_) => ErrorCode::Devnet,
            Self::Outcome { code, .. } => *code,
        }
    }
}
