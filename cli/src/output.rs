//! Human tables by default, JSON with `--json`; errors as sentences on stderr.

use comfy_table::{Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;

use crate::commands::CliError;

pub struct Output {
    json: bool,
}

impl Output {
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Prints `value` as JSON, or `human` otherwise.
    pub fn show<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).expect("serializable")
            );
        } else {
            println!("{}", human());
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
        eprintln!("{text}");
    }

    pub fn error(&self, error: &CliError) {
        if self.json {
            let body = serde_json::json!({ "error": { "code": error.code(), "message": error.to_string() } });
            eprintln!("{body}");
        } else {
            eprintln!("Error: {error}");
        }
    }
}
