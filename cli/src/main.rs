//! `switchyard`: every wallet capability from the command line. A thin shell: parse,
//! call the core's `Wallet`, print, and turn errors into sentences and exit codes.

mod commands;
mod error;
mod input;
mod output;
mod prompter;

use std::process::ExitCode;

use clap::{Parser, error::ErrorKind};

use crate::{commands::Cli, output::Output};

/// Exit code of a command line that does not parse (as clap's own).
const USAGE_EXIT: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let out = Output::new(cli.json);
    match commands::run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}

/// `--help` and `--version` print as usual; a usage error (a missing subcommand included)
/// is JSON on stdout with `--json` (scripts read one shape for every failure), else clap's
/// message and usage on stderr.
fn usage_error(e: clap::Error) -> ExitCode {
    let wants_json = std::env::args_os().skip(1).any(|a| a == "--json");
    // Help and the version asked for are not errors; a missing subcommand is.
    if !wants_json || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let message = e.kind().as_str().map_or_else(
        || e.to_string(),
        |kind| {
            format!(
                "{kind}: {}",
                e.to_string().lines().next().unwrap_or_default()
            )
        },
    );
    Output::new(true).json_error(
        switchyard_core::ErrorCode::Usage,
        message.trim_start_matches("error: "),
    );
    ExitCode::from(USAGE_EXIT)
}
