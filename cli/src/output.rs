//! Human tables by default, JSON with `--json`; errors as sentences on stderr, or as JSON
//! on stdout with `--json` (one place for a script to read every outcome).
//!
//! Two guarantees for the terminal: a closed pipe (`switchyard tx list | head`) ends the
//! command quietly instead of panicking, and human text never carries control characters
//! or escape sequences, whatever a remote node, a token or a label put in it (JSON output
//! escapes them already).

use std::io::Write;

use comfy_table::{Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;

use switchyard_core::{ErrorCode, text::terminal_safe};

use crate::error::CliError;

pub struct Output {
    json: bool,
}

impl Output {
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether output is JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints `value` as JSON, or `human` otherwise.
    pub fn show<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) {
        if self.json {
            stdout(&serde_json::to_string_pretty(value).expect("serializable"));
        } else {
            stdout(&terminal_safe(&human()));
        }
    }

    /// One item of a stream: a compact JSON line, or `human` otherwise.
    pub fn line<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) {
        if self.json {
            stdout(&serde_json::to_string(value).expect("serializable"));
        } else {
            stdout(&terminal_safe(&human()));
        }
    }

    /// A table with a header row.
    pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
        let mut table = Table::new();
        table
            .load_preset(UTF8_BORDERS_ONLY)
            .set_header(headers.to_vec());
        for row in rows {
            table.add_row(row);
        }
        table.to_string()
    }

    /// Progress or advice for a person; kept off stdout so JSON stays parseable.
    pub fn note(&self, text: &str) {
        stderr(&terminal_safe(text));
    }

    pub fn error(&self, error: &CliError) {
        if self.json {
            let mut body = serde_json::json!({
                "error": { "code": error.code(), "message": error.to_string() }
            });
            if let CliError::Outcome {
                record: Some(record),
                ..
            } = error
            {
                body["error"]["transaction"] = serde_json::json!(record);
            }
            stdout(&body.to_string());
        } else {
            stderr(&terminal_safe(&format!("Error: {error}")));
            if let Some(hint) = hint(error.code()) {
                stderr(hint);
            }
        }
    }

    /// `{"error": {"code", "message"}}` on stdout.
    pub fn json_error(&self, code: ErrorCode, message: &str) {
        let body = serde_json::json!({ "error": { "code": code, "message": message } });
        stdout(&body.to_string());
    }
}

/// The command that helps after an error, for a person at a terminal. The core's sentences
/// name no shell's commands (the app shows them too); each shell adds its own.
fn hint(code: ErrorCode) -> Option<&'static str> {
    Some(match code {
        ErrorCode::NoWallet => {
            "Create one with `switchyard wallet init` (or `wallet init --import`)."
        }
        ErrorCode::AccountNotFound => {
            "`switchyard account list --all` lists accounts; `contacts list` the contacts."
        }
        ErrorCode::RpcUnreachable => {
            "`switchyard networks rpc-add CHAIN URL` adds another endpoint."
        }
        ErrorCode::BroadcastUnknown | ErrorCode::PossibleDuplicate | ErrorCode::AlreadyMined => {
            "`switchyard tx list` and `tx show HASH` follow it; `tx speedup` / `tx cancel` replace one not mined."
        }
        ErrorCode::NotRemembered | ErrorCode::KeychainUnavailable => {
            "`switchyard wallet forget` stops using the OS keychain; the password always works."
        }
        _ => return None,
    })
}

/// Exit status of a command whose output could not be written (a closed pipe), as a
/// process killed by SIGPIPE reports it: never "success" for an error nobody saw.
const CLOSED_PIPE_EXIT: i32 = 128 + 13;

/// Writes a line to stdout; a reader that went away ends the command quietly.
fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
        // Nobody reads what follows (a closed pipe): nothing is left to do.
        std::process::exit(CLOSED_PIPE_EXIT);
    }
}

/// Writes a line to stderr, ignoring a closed stream.
fn stderr(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
