//! `switchyard`: every wallet capability from the command line. A thin shell: parse,
//! call the core's `Wallet`, print, and turn errors into sentences and exit codes.

mod args;
mod commands;
mod input;
mod output;
mod prompter;

use std::process::ExitCode;

use clap::Parser;

use crate::{args::Cli, output::Output};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.json);
    match commands::run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}
