//! The facade: what a person does with the wallet, shared by the CLI and the desktop app.
//! One file per capability — `lifecycle` (create, unlock, password, phrase), `accounts`,
//! `contacts`, `hardware`, `signing`, `networks` (profile, RPCs, networks, tokens),
//! `portfolio` (balances, prices, fee comparison), `transfers` (send, speed up, cancel),
//! `history` (records, tracking), `follow` (the update stream) and `preferences` — each an
//! `impl Wallet` block that resolves what the person typed and calls the domain modules.
//!
//! Multi-step capabilities arrive as handles, not as more methods here: `wallet.bridges(&networks)`
//! returns a `Bridges<'_>` borrowing the wallet (canonical deposits and withdrawals, and
//! the journeys that track them), and `wallet.routes(..)` and `wallet.channels(..)` do the
//! same for the route engine and payment channels, each in its own folder, so this type
//! stays small and each capability is one module the shells call.

mod accounts;
mod bridges;
mod contacts;
mod follow;
mod hardware;
mod history;
mod lifecycle;
mod networks;
mod portfolio;
mod preferences;
mod signing;
mod transfers;

pub use crate::accounts::Contact;
pub use accounts::{DISCOVERY_GAP, HdSeed, MAX_ACCOUNTS_AT_ONCE};
pub use bridges::{Bridges, MoveInput, OpenPass};
pub use follow::{Followed, Follower};
pub use hardware::{DiscoveredAddress, PAGE_SIZE};
pub use history::Refresh;
pub use networks::NewNetwork;
pub use preferences::AUTO_LOCK_DEFAULT_MINUTES;
pub use signing::Message;
pub use transfers::SendInput;

use std::path::{Path, PathBuf};

use crate::{
    accounts::AccountError,
    error::{Error, Result},
    keys::{KeyError, Password, Vault, VaultKey, VaultSecrets, keychain::KeychainEntry},
    lock::FileLock,
    store::Store,
};

const VAULT_FILE: &str = "vault.bin";
const DB_FILE: &str = "switchyard.db";
/// The lock every process holds while it changes the vault or makes a multi-step change
/// to the database (read, decide, write).
const LOCK_FILE: &str = "wallet.lock";
/// Per-account send locks (see `tx::sign_and_broadcast`).
const LOCKS_DIR: &str = "locks";
const SETTING_VAULT_ID: &str = "vault_id";
const SETTING_REMEMBERED: &str = "remembered_on_device";
/// Set while a wallet is being created: the database rows are written first and the vault
/// moved into place last, so a process killed in between leaves this marker, and the next
/// open finishes (vault there) or undoes (vault missing) the creation. Its value is the
/// address of the first account inserted with it, if any.
const SETTING_CREATING: &str = "creating";

/// A wallet in a data directory: its database and its vault.
#[derive(Debug)]
pub struct Wallet {
    data_dir: PathBuf,
    store: Store,
    vault: Vault,
    /// A devnet directory for this process only (the CLI's `--devnet-dir`).
    devnet_dir: Option<PathBuf>,
}

/// How to open the vault.
#[derive(Debug)]
pub enum Unlock<'a> {
    /// With the password.
    Password(&'a Password),
    /// With the data key remembered in the OS keychain.
    Keychain,
}

/// An unlocked vault: the decrypted secrets and the key to re-encrypt them. Zeroized on drop.
pub struct Session {
    key: VaultKey,
    secrets: VaultSecrets,
}

impl Session {
    /// The BIP39 seed (with the wallet's passphrase) that HD accounts derive from.
    fn hd_seed(&self) -> Result<zeroize::Zeroizing<[u8; 64]>> {
        Ok(self
            .secrets
            .seed
            .as_ref()
            .ok_or(AccountError::NoSeed)?
            .seed()?)
    }
}

impl Session {
    /// Whether the wallet has a recovery phrase (it was created or imported from one).
    pub fn has_phrase(&self) -> bool {
        self.secrets.seed.is_some()
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session(<redacted>)")
    }
}

impl Wallet {
    /// The platform's data directory for Switchyard (e.g. `~/.local/share/switchyard`).
    pub fn default_data_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("dev", "switchyard", "switchyard")
            .map(|d| d.data_dir().to_owned())
    }

    /// Opens the wallet in `data_dir`, creating the directory (owner-only) and database
    /// if needed. The vault may not exist yet: see [`Wallet::is_initialized`].
    ///
    /// A damaged directory is refused with what is wrong, never reinterpreted: a vault
    /// without its database ([`Error::DatabaseMissing`]), a database that says a vault was
    /// here ([`Error::VaultMissing`]), a database failing its integrity check. A creation
    /// that a killed process left half-done is finished or undone here.
    pub fn open(data_dir: &Path) -> Result<Self> {
        create_private_dir(data_dir)?;
        let vault = Vault::at(data_dir.join(VAULT_FILE));
        let db = data_dir.join(DB_FILE);
        if vault.exists() && std::fs::metadata(&db).map_or(true, |m| m.len() == 0) {
            return Err(Error::DatabaseMissing {
                database: db,
                vault: vault.path().to_owned(),
            });
        }
        // Under the write lock: two processes opening a new data directory at once would
        // both create its tables; and a creation still running must finish first.
        let lock_path = data_dir.join(LOCK_FILE);
        let lock = FileLock::acquire(&lock_path).map_err(|source| Error::DataDir {
            path: lock_path,
            source,
        })?;
        let store = Store::open(&db)?;
        let wallet = Self {
            data_dir: data_dir.to_owned(),
            store,
            vault,
            devnet_dir: None,
        };
        wallet.finish_interrupted_creation(&lock)?;
        drop(lock);
        if !wallet.vault.exists() && wallet.store.setting(SETTING_VAULT_ID)?.is_some() {
            return Err(Error::VaultMissing {
                vault: wallet.vault.path().to_owned(),
                database: db,
            });
        }
        Ok(wallet)
    }

    /// Takes the data directory's write lock (see [`LOCK_FILE`]); released when dropped.
    /// Blocks: every holder keeps it for one short change.
    fn write_lock(&self) -> Result<FileLock> {
        let path = self.data_dir.join(LOCK_FILE);
        FileLock::acquire(&path).map_err(|source| Error::DataDir { path, source })
    }

    /// Where per-account send locks live.
    pub(crate) fn send_locks_dir(&self) -> PathBuf {
        self.data_dir.join(LOCKS_DIR)
    }

    /// Uses the devnet in `dir` for as long as this `Wallet` lives, whatever the saved
    /// setting says (a devnet started elsewhere, for one command).
    pub fn with_devnet_dir(mut self, dir: PathBuf) -> Self {
        self.devnet_dir = Some(dir);
        self
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The vault file.
    pub fn vault_path(&self) -> &Path {
        self.vault.path()
    }

    fn keychain(&self) -> Result<KeychainEntry> {
        let id = self
            .store
            .setting(SETTING_VAULT_ID)?
            .ok_or_else(|| KeyError::NoVault(self.vault.path().to_owned()))?;
        Ok(KeychainEntry::for_vault(&id)?)
    }
}

/// Creates the data directory owner-only (its parents as usual), and takes group and
/// other access away from one an older version created.
fn create_private_dir(dir: &Path) -> Result<()> {
    let err = |source| Error::DataDir {
        path: dir.to_owned(),
        source,
    };
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        match builder.create(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(err(e)),
            _ => {}
        }
        let mode = std::fs::metadata(dir).map_err(err)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(err)?;
        }
    }
    #[cfg(not(unix))]
    match builder.create(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(err(e)),
        _ => {}
    }
    Ok(())
}

/// The client of `chain_id`, which a stored or prepared transaction names.
fn client_of(
    networks: &crate::networks::Networks,
    chain_id: u64,
) -> Result<&crate::rpc::ChainClient> {
    Ok(networks.client_by_id(chain_id).ok_or_else(|| {
        crate::networks::NetworkError::InvalidNetwork(format!(
            "chain {chain_id} is not in this profile"
        ))
    })?)
}

/// A new wallet in a temporary directory, for unit tests.
#[cfg(test)]
fn test_wallet() -> (tempfile::TempDir, Wallet) {
    let dir = tempfile::tempdir().unwrap();
    let wallet = Wallet::open(dir.path()).unwrap();
    (dir, wallet)
}
