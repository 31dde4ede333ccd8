//! One module per command group; each function parses its input, calls the core, prints.

mod account;
mod balances;
pub mod contacts;
mod devnet;
mod fees;
mod hw;
mod money;
mod networks;
mod send;
mod sign;
mod wallet;
pub mod watch;

use std::sync::Arc;

use switchyard_core::{
    ErrorCode, Session, Unlock, Wallet,
    accounts::{Account, AccountKind, AccountSigner},
    hw::{Device, Endpoint, Prompter, Vendor},
    keys::KeyError,
};

use crate::{
    args::{Cli, Command},
    input::Input,
    output::Output,
};

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
        let dir = args
            .dir
            .clone()
            .or(cli.devnet_dir)
            .unwrap_or_else(|| data_dir.join("devnet"));
        return devnet::run(&dir, args, out);
    }
    let mut wallet = Wallet::open(&data_dir)?;
    if let Some(dir) = cli.devnet_dir {
        wallet = wallet.with_devnet_dir(dir);
    }
    let input = Input::new(cli.password_stdin);
    let ctx = Context {
        wallet,
        input,
        out,
        network: cli.network,
        ledger_speculos: cli.ledger_speculos,
        trezor_emulator: cli.trezor_emulator,
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
        Command::Contacts(cmd) => contacts::run(&ctx, cmd),
        Command::Watch(args) => watch::run(&ctx, args),
        Command::Hw(cmd) => hw::run(&ctx, cmd),
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
    /// `--ledger-speculos`, overriding the saved Ledger endpoint.
    pub ledger_speculos: Option<String>,
    /// `--trezor-emulator`, overriding the saved Trezor endpoint.
    pub trezor_emulator: Option<String>,
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

    /// Where this command finds a device: the flag, else the saved setting, else USB.
    pub fn endpoint(&self, vendor: Vendor) -> Result<Endpoint, CliError> {
        let flag = match vendor {
            Vendor::Ledger => self.ledger_speculos.as_deref(),
            Vendor::Trezor => self.trezor_emulator.as_deref(),
        };
        Ok(match flag {
            Some(flag) => Endpoint::parse(vendor, flag).map_err(switchyard_core::Error::from)?,
            None => self.wallet.hardware_endpoint(vendor)?,
        })
    }

    /// Device prompts on this terminal.
    pub fn prompter(&self) -> Arc<dyn Prompter> {
        Arc::new(crate::prompter::TerminalPrompter)
    }

    /// Opens a device of this family.
    pub fn open_device(&self, vendor: Vendor) -> Result<Device, CliError> {
        let endpoint = self.endpoint(vendor)?;
        Ok(block_on(Device::open(&endpoint)).map_err(switchyard_core::Error::from)?)
    }

    /// The signer of an account: its device for a hardware account (no password
    /// needed), else its key from the vault.
    pub fn signer(&self, account: &Account) -> Result<AccountSigner, CliError> {
        if let AccountKind::Hardware { device, .. } = &account.kind {
            let opened = self.open_device(*device)?;
            let signer = self
                .wallet
                .hardware_signer(account, opened, self.prompter())?;
            return Ok(AccountSigner::Hardware(signer));
        }
        let session = self.unlock()?;
        Ok(AccountSigner::Local(
            self.wallet.local_signer(&session, account)?,
        ))
    }
}

/// Runs a core async API on this thread's runtime. One runtime for the whole command:
/// an open device's socket belongs to the runtime that opened it.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime = runtime();
    }
    RUNTIME.with(|rt| rt.block_on(future))
}

/// A current-thread runtime with I/O and timers.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime always builds")
}
