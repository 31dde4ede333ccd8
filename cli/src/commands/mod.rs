//! One module per command group; each function parses its input, calls the core, prints.

mod account;
mod balances;
mod devnet;
mod fees;
mod money;
mod networks;
mod send;
mod sign;
mod wallet;

use switchyard_core::{Session, Unlock, Wallet, keys::KeyError};

use crate::{
    args::{Cli, Command},
    input::Input,
    output::Output,
};

/// A CLI failure: a core error, or input the CLI could not get.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] switchyard_core::Error),
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Devnet(#[from] switchyard_devnet::DevnetError),
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
    pub fn code(&self) -> &'static str {
        match self {
            Self::Core(e) => e.code(),
            Self::Input(_) => "input",
            Self::Devnet(_) => "devnet",
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli, out: &Output) -> Result<(), CliError> {
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => Wallet::default_data_dir().ok_or_else(|| {
            CliError::Input("No home directory to keep the wallet in: pass --data-dir.".into())
        })?,
    };
    if let Command::Devnet(args) = cli.command {
        // The devnet needs no wallet: only its directory.
        return devnet::run(&data_dir, args, out);
    }
    let wallet = Wallet::open(&data_dir)?;
    let input = Input::new(cli.password_stdin);
    let ctx = Context {
        wallet,
        input,
        out,
        network: cli.network,
    };
    match cli.command {
        Command::Wallet(cmd) => wallet::run(&ctx, cmd),
        Command::Account(cmd) => account::run(&ctx, cmd),
        Command::Sign(cmd) => sign::run(&ctx, cmd),
        Command::Balances { account } => balances::run(&ctx, account),
        Command::Send(args) => send::send(&ctx, args),
        Command::Tx(cmd) => send::tx(&ctx, cmd),
        Command::Fees(cmd) => fees::run(&ctx, cmd),
        Command::Networks(cmd) => networks::run(&ctx, cmd),
        Command::Tokens(cmd) => networks::tokens(&ctx, cmd),
        Command::Devnet(_) => unreachable!("handled above"),
    }
}

/// What every command gets.
pub struct Context<'a> {
    pub wallet: Wallet,
    pub input: Input,
    pub out: &'a Output,
    /// `--network`, overriding the active profile for this command.
    pub network: Option<String>,
}

impl Context<'_> {
    /// The chains of the profile this command uses.
    pub fn networks(&self) -> Result<switchyard_core::chain::Networks, CliError> {
        Ok(self.wallet.networks(self.network.as_deref())?)
    }

    /// Opens the vault: from the OS keychain if remembered, else with the password.
    pub fn unlock(&self) -> Result<Session, CliError> {
        if !self.wallet.is_initialized() {
            return Err(KeyError::NoVault(self.wallet.vault_path().to_owned()).into());
        }
        if self.wallet.is_remembered()? {
            match self.wallet.unlock(Unlock::Keychain) {
                Ok(session) => return Ok(session),
                Err(e) => self.out.note(&format!("{e} Falling back to the password.")),
            }
        }
        let password = self.input.password()?;
        Ok(self.wallet.unlock(Unlock::Password(&password))?)
    }
}

/// A single-threaded runtime for the core's async APIs.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// A current-thread runtime with I/O and timers.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime always builds")
}
