use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use switchyard_core::{chain::ChainKind, fees::Speed, hw::Vendor, keys::DerivationScheme};

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
    Contacts(crate::commands::contacts::ContactsCommand),
    /// Follow the wallet and print each change as it happens (JSON lines with --json).
    Watch(crate::commands::watch::WatchArgs),
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Chain (id or name, e.g. 10, "OP Mainnet", op-a).
    #[arg(long)]
    pub chain: String,
    /// Recipient: an address (EIP-55 checksum enforced on mixed case), an account's label
    /// or a contact's name.
    #[arg(long)]
    pub to: String,
    /// Amount (decimal, e.g. 0.25).
    #[arg(long, required_unless_present = "max", conflicts_with = "max")]
    pub amount: Option<String>,
    /// Send everything (for ETH: the balance minus the worst-case fee).
    #[arg(long)]
    pub max: bool,
    /// ETH (default) or a token symbol or address.
    #[arg(long)]
    pub asset: Option<String>,
    /// Sending account (label or address; default: the first account).
    #[arg(long)]
    pub from: Option<String>,
    /// Fee level.
    #[arg(long, value_enum, default_value_t = Speed::Normal)]
    pub speed: Speed,
    /// Send without asking (scripts).
    #[arg(long)]
    pub yes: bool,
    /// With --yes: send even when an earlier transfer of the same amount to the same
    /// recipient is not mined yet (without it, such a likely retry is refused).
    #[arg(long)]
    pub allow_duplicate: bool,
    /// Return once broadcast instead of waiting for inclusion.
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Subcommand)]
pub enum TxCommand {
    /// History, newest first (open transactions are checked first).
    List {
        /// Only this chain.
        #[arg(long)]
        chain: Option<String>,
        /// How many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// One transaction (hash or unique prefix), checked against its chain.
    Show { hash: String },
    /// Wait until a transaction is final.
    Wait {
        hash: String,
        /// Seconds to wait at most.
        #[arg(long, default_value_t = 600)]
        timeout: u64,
    },
    /// Replace a pending transaction with the same one at a higher fee.
    Speedup {
        hash: String,
        /// Without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Replace a pending transaction with a zero-value one to yourself.
    Cancel {
        hash: String,
        /// Without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// What the same transfer costs on every chain right now, cheapest first.
    Compare {
        /// ETH or a token symbol.
        #[arg(long, default_value = "ETH")]
        asset: String,
        /// Amount (default: 0.01, the core's everyday transfer).
        #[arg(long, default_value = switchyard_core::fees::DEFAULT_COMPARISON_AMOUNT)]
        amount: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum NetworksCommand {
    /// The active profile's chains, their RPC endpoints and how they answer.
    List,
    /// Make a profile the active one (mainnets, testnets, devnet).
    Use { profile: String },
    /// Add a network to the active profile (every RPC must serve the chain id).
    Add {
        /// Display name.
        #[arg(long)]
        name: String,
        /// EIP-155 chain id.
        #[arg(long)]
        chain_id: u64,
        /// Kind, which decides the fee model.
        #[arg(long, value_enum, default_value_t = ChainKind::Ethereum)]
        kind: ChainKind,
        /// RPC URL (repeat for several, in order of preference).
        #[arg(long = "rpc", required = true)]
        rpcs: Vec<String>,
        /// Native currency symbol.
        #[arg(long, default_value = "ETH")]
        symbol: String,
        /// Block explorer base URL.
        #[arg(long)]
        explorer: Option<String>,
    },
    /// Add an RPC endpoint to a chain (tried first; it must serve that chain).
    RpcAdd {
        /// Chain (id or name).
        chain: String,
        /// URL.
        url: String,
    },
    /// Remove an RPC endpoint you added to a chain.
    RpcRemove {
        /// Chain (id or name).
        chain: String,
        /// URL, as added.
        url: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Tokens known on each chain.
    List {
        /// Only this chain.
        #[arg(long)]
        chain: Option<String>,
    },
    /// Add a token by contract address (its metadata is read from the chain).
    Add {
        /// Chain (id or name).
        #[arg(long)]
        chain: String,
        /// Contract address.
        address: String,
    },
}

#[derive(Debug, Args)]
pub struct DevnetArgs {
    /// Devnet directory (manifest and logs; default: --devnet-dir, else DATA_DIR/devnet).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: DevnetCommand,
}

#[derive(Debug, Subcommand)]
pub enum DevnetCommand {
    /// Start the devnet (or reuse the running one, restarting dead chains).
    Up {
        /// Return once it is ready and leave it running (stop it with `devnet down`).
        #[arg(long)]
        detach: bool,
        /// Seconds between blocks (0: mine on every transaction).
        #[arg(long, default_value_t = 1)]
        block_time: u64,
    },
    /// Stop the devnet's processes (only those it recorded).
    Down,
    /// Show each chain's state.
    Status,
    /// Give an address ETH and both test tokens on every chain.
    Fund {
        /// The address.
        address: String,
        /// Amount of each asset (decimal, e.g. 1.5).
        #[arg(long, default_value = "100")]
        amount: String,
    },
    /// Move time forward.
    #[command(subcommand)]
    Time(TimeCommand),
    /// Run the devnet's off-chain actors in the foreground (`up --detach` starts this).
    #[command(hide = true)]
    Actors,
}

#[derive(Debug, Subcommand)]
pub enum TimeCommand {
    /// Advance every chain's clock by SECONDS and mine a block on each.
    Advance {
        /// Seconds.
        seconds: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Create a wallet: shows a new recovery phrase once, then asks for three of its words.
    Init(InitArgs),
    /// Show where the wallet is and what it holds.
    Status,
    /// Remember the wallet on this device (OS keychain), so it opens without the password.
    Remember,
    /// Forget the wallet's key from the OS keychain.
    Forget,
    /// Check a BIP39 passphrase against the wallet's (read from SWITCHYARD_PASSPHRASE or a prompt).
    CheckPassphrase,
    /// Show the recovery phrase (asks for the password even when the wallet is remembered
    /// on this device). Printed on the terminal only, never with --json.
    ShowPhrase,
    /// Change the vault password: the current one as for every command, the new one from
    /// SWITCHYARD_NEW_PASSWORD, the next line of standard input with --password-stdin, or
    /// a prompt (typed twice).
    ChangePassword,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Import an existing recovery phrase, read from the first line of standard input.
    #[arg(long)]
    pub import: bool,
    /// Length of a new recovery phrase.
    #[arg(long, default_value = "12", value_parser = ["12", "24"])]
    pub words: String,
    /// Use a BIP39 passphrase (read from SWITCHYARD_PASSPHRASE or a prompt).
    #[arg(long)]
    pub passphrase: bool,
    /// Skip confirming three words of a new phrase (only if you wrote it down).
    #[arg(long)]
    pub yes: bool,
    /// Also remember the wallet on this device (OS keychain).
    #[arg(long)]
    pub remember: bool,
    /// Create a wallet without a recovery phrase, for imported keys, keystores, watched
    /// addresses and hardware wallets only.
    #[arg(long, conflicts_with_all = ["import", "passphrase", "words"])]
    pub no_phrase: bool,
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// List accounts.
    List {
        /// Include hidden accounts.
        #[arg(long)]
        all: bool,
    },
    /// Add the next HD account (or a given index) of a derivation scheme.
    Add {
        /// Derivation scheme.
        #[arg(long, value_enum, default_value_t = DerivationScheme::Bip44)]
        scheme: DerivationScheme,
        /// Account index (default: the next unused one).
        #[arg(long)]
        index: Option<u64>,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Add an account on a Ledger or Trezor (its address is read from the device).
    AddHw {
        /// The device.
        #[arg(long, value_enum)]
        device: Vendor,
        /// Derivation scheme (with --index).
        #[arg(long, value_enum, default_value_t = DerivationScheme::Live, conflicts_with = "path")]
        scheme: DerivationScheme,
        /// Account index in the scheme.
        #[arg(long, default_value_t = 0, conflicts_with = "path")]
        index: u64,
        /// A custom derivation path instead (e.g. m/44'/60'/5'/0/1).
        #[arg(long)]
        path: Option<String>,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Import a raw private key, read from standard input or a hidden prompt.
    ImportKey {
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Import a Web3 Secret Storage (v3 JSON) keystore; its password comes from
    /// SWITCHYARD_KEYSTORE_PASSWORD or a prompt.
    ImportKeystore {
        /// The keystore file.
        file: PathBuf,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Export an account's key as a keystore; its new password comes from
    /// SWITCHYARD_KEYSTORE_PASSWORD or a prompt.
    ExportKeystore {
        /// Account address or label.
        account: String,
        /// Directory to write the keystore file into.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Watch an address without its key.
    Watch {
        /// The address (EIP-55 checksum enforced on mixed case).
        address: String,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Rename an account.
    Rename {
        /// Account address or label.
        account: String,
        /// New label.
        label: String,
    },
    /// Hide an account from lists (or show it again with --undo).
    Hide {
        /// Account address or label.
        account: String,
        /// Show it again.
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SignCommand {
    /// personal_sign (EIP-191) a message given as argument or on standard input.
    Message {
        /// Account address or label.
        #[arg(long)]
        account: String,
        /// The message is hex bytes (0x…), not text.
        #[arg(long)]
        hex: bool,
        /// The message (default: standard input).
        message: Option<String>,
    },
    /// Sign EIP-712 typed data (eth_signTypedData_v4 JSON) from a file or standard input.
    TypedData {
        /// Account address or label.
        #[arg(long)]
        account: String,
        /// JSON file (default or "-": standard input).
        file: Option<PathBuf>,
    },
    /// Sign a transaction request (JSON-RPC shape) from a file or standard input.
    Tx {
        /// Account address or label.
        #[arg(long)]
        account: String,
        /// JSON file (default or "-": standard input).
        file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HwCommand {
    /// Devices found on USB and at the configured emulator endpoints.
    Devices,
    /// A page of addresses on a device, with balances, per derivation scheme.
    Accounts {
        /// The device.
        #[arg(long, value_enum)]
        device: Vendor,
        /// Only this scheme (default: all three, shared addresses shown once).
        #[arg(long, value_enum)]
        scheme: Option<DerivationScheme>,
        /// Page (five addresses per scheme, from 1).
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Show a hardware account's address on its device, to compare with the screen.
    Verify {
        /// Account address or label.
        account: String,
    },
    /// Show or set where a device is found: `usb`, or HOST:PORT of a Speculos-compatible
    /// Ledger (APDU port) or an emulated Trezor (UDP port).
    Endpoint {
        /// The device (default: show both).
        #[arg(value_enum)]
        device: Option<Vendor>,
        /// New endpoint.
        value: Option<String>,
    },
    /// The Linux udev rules hardware wallets need, and how to install them.
    UdevRules,
}
