//! Records every command result to a JSON-lines file when `SWITCHYARD_RECORD_IPC` names
//! one. The end-to-end tests read it to prove that no result of a full run contains a
//! recovery phrase or a private key, except the explicit reveal.

use std::{fs::File, io::Write, path::Path, sync::Mutex};

use serde::Serialize;

/// Environment variable naming the record file.
pub const RECORD_ENV: &str = "SWITCHYARD_RECORD_IPC";

/// An append-only record of command results.
pub struct Recorder(Mutex<File>);

impl Recorder {
    /// Opens (appends to) the file named by [`RECORD_ENV`], if set.
    pub fn from_env() -> Option<Self> {
        let path = std::env::var_os(RECORD_ENV).filter(|p| !p.is_empty())?;
        Self::open(Path::new(&path))
            .inspect_err(|e| log::error!("cannot record IPC to {}: {e}", path.to_string_lossy()))
            .ok()
    }

    fn open(path: &Path) -> std::io::Result<Self> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        Ok(Self(Mutex::new(file)))
    }

    /// Appends `{"command": …, "ok": …}` or `{"command": …, "error": …}`.
    pub fn record<T: Serialize, E: Serialize>(&self, command: &str, result: &Result<T, E>) {
        let line = match result {
            Ok(value) => serde_json::json!({ "command": command, "ok": value }),
            Err(error) => serde_json::json!({ "command": command, "error": error }),
        };
        if let Ok(mut file) = self.0.lock() {
            let _ = writeln!(file, "{line}");
        }
    }
}
