//! The command line: one module per command group, holding its arguments beside the
//! function that parses them, calls the core and prints.

mod account;
mod balances;
mod bridge;
mod contacts;
mod devnet;
mod fees;
mod hw;
mod journey;
mod money;
mod networks;
mod send;
mod sign;
mod tokens;
mod tx;
mod wallet;
mod watch;

use std::{path::PathBuf, sync::Arc};

use clap::{Parser, Subcommand};

use switchyard_core::{
    Session, Unlock, Wallet,
    accounts::{Account, AccountKind, AccountSigner},
    hw::{Device, Endpoint, Prompter, Vendor},
    keys::{KeyError, Password},
};

pub use crate::error::CliError;
use crate::{input::Input, output::Output};
use account::AccountCommand;
use bridge::BridgeCommand;
use contacts::ContactsCommand;
use devnet::DevnetArgs;
use fees::FeesCommand;
use hw::HwCommand;
use journey::JourneyCommand;
use networks::NetworksCommand;
use send::SendArgs;
use sign::SignCommand;
use tokens::TokensCommand;
use tx::TxCommand;
use wallet::WalletCommand;
use watch::WatchArgs;

/// Switchyard: an Ethereum and L2 wallet.
///
/// Passwords are never taken as arguments (they would show in `ps`): they come from a
/// prompt, from SWITCHYARD_PASSWORD, or from standard input with --password-stdin.
#[derive(Debug, Parser)]
#[command(name = "switchyard", version, about, propagate_version = true)]
pub struct Cli {
    /// Wallet data directory (default: the platform's data directory).
    #[arg(long, global = true, env = "SWITCHYARD_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// Read the vault password from standard input (after any other input the command reads there).
    #[arg(long, global = true)]
    pub password_stdin: bool,
    /// Network profile for this command (mainnets, testnets, devnet; default: the active one).
    #[arg(
        long,
        global = true,
        env = "SWITCHYARD_NETWORK",
        value_name = "PROFILE"
    )]
    pub network: Option<String>,
    /// Use a Speculos-compatible Ledger at HOST:PORT (its APDU port) instead of USB, for
    /// this command (`switchyard hw endpoint ledger` saves it).
    #[arg(
        long,
        global = true,
        env = "SWITCHYARD_LEDGER_SPECULOS",
        value_name = "HOST:PORT"
    )]
    pub ledger_speculos: Option<String>,
    /// The devnet this command uses (its manifest and logs; default: DATA_DIR/devnet), e.g.
    /// one started elsewhere with `switchyard devnet --dir DIR up`.
    #[arg(long, global = true, env = "SWITCHYARD_DEVNET_DIR", value_name = "DIR")]
    pub devnet_dir: Option<PathBuf>,
    /// Use an emulated Trezor at HOST:PORT (UDP) instead of USB, for this command.
    #[arg(
        long,
        global = true,
        env = "SWITCHYARD_TREZOR_EMULATOR",
        value_name = "HOST:PORT"
    )]
    pub trezor_emulator: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, import and inspect the wallet.
    #[command(subcommand)]
    Wallet(WalletCommand),
    /// Manage accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Sign messages, typed data and transactions.
    #[command(subcommand)]
    Sign(SignCommand),
    /// Run local chains (an L1, two OP Stack L2s, an Arbitrum-kind L2) with anvil.
    Devnet(DevnetArgs),
    /// Balances of every account on every chain, with USD values.
    Balances {
        /// Only this account (label or address).
        #[arg(long)]
        account: Option<String>,
    },
    /// Send ETH or a token: shows the full fee and what will be signed, then asks.
    Send(SendArgs),
    /// Move ETH between a chain and its rollups through the rollups' own bridges.
    #[command(subcommand)]
    Bridge(BridgeCommand),
    /// Cross-chain transfers: their state read from the chains, and each step to take
    /// (prove, finalize, claim, redeem).
    #[command(subcommand)]
    Journey(JourneyCommand),
    /// Transaction history, tracking, speed-up and cancel.
    #[command(subcommand)]
    Tx(TxCommand),
    /// Fees across chains.
    #[command(subcommand)]
    Fees(FeesCommand),
    /// Network profiles, chains and RPC endpoints.
    #[command(subcommand)]
    Networks(NetworksCommand),
    /// Ledger and Trezor: devices, discovering and verifying addresses, where to find them.
    #[command(subcommand)]
    Hw(HwCommand),
    /// Tokens the wallet shows.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// The address book: names `send --to` accepts.
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// Follow the wallet and print each change as it happens (JSON lines with --json).
    Watch(WatchArgs),
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
        Command::Tx(cmd) => tx::run(&ctx, cmd),
        Command::Bridge(cmd) => bridge::run(&ctx, cmd),
        Command::Journey(cmd) => journey::run(&ctx, cmd),
        Command::Fees(cmd) => fees::run(&ctx, cmd),
        Command::Networks(cmd) => networks::run(&ctx, cmd),
        Command::Tokens(cmd) => tokens::run(&ctx, cmd),
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
    pub fn networks(&self) -> Result<switchyard_core::networks::Networks, CliError> {
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

    /// The vault password itself (never a remembered key), for what needs it typed: an
    /// export. Not asked when there is no wallet.
    pub fn vault_password(&self) -> Result<Password, CliError> {
        if !self.wallet.is_initialized() {
            return Err(KeyError::NoVault(self.wallet.vault_path().to_owned()).into());
        }
        self.input.password()
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
