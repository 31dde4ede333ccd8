//! The facade: the operations a user performs, shared by the CLI and the desktop app.

mod chains;
mod contacts;
mod follow;
mod hardware;
mod preferences;
mod signing;

pub use crate::accounts::Contact;
pub use chains::{NewNetwork, Refresh, SendInput};
pub use follow::Followed;
pub use hardware::{DiscoveredAddress, PAGE_SIZE};
pub use preferences::AUTO_LOCK_DEFAULT_MINUTES;
pub use signing::Message;

use std::path::{Path, PathBuf};

use alloy::signers::local::PrivateKeySigner;

use crate::{
    accounts::{Account, AccountError, AccountKind, parse_address},
    error::{Error, Result},
    keys::{
        DerivationScheme, ImportedKey, KdfParams, KeyError, Password, SeedPhrase, SeedSecret,
        Vault, VaultKey, VaultSecrets, derivation, derive_signer, keychain::KeychainEntry,
        keystore, private_key,
    },
    lock::FileLock,
    store::{NewAccount, Store},
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
const MAX_LABEL_CHARS: usize = 64;

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

    /// Finishes or undoes a creation a killed process left half-done (see
    /// [`SETTING_CREATING`]); gives a vault written by an older version that died before
    /// its database rows the id it lacks. The caller holds the write lock.
    fn finish_interrupted_creation(&self, _lock: &FileLock) -> Result<()> {
        if let Some(first) = self.store.setting(SETTING_CREATING)? {
            self.store.atomically(|| -> Result<()> {
                if !self.vault.exists() {
                    // Died before the vault was in place: as if it never started.
                    if let Ok(address) = first.parse() {
                        self.store.delete_account(address)?;
                    }
                    self.store.delete_setting(SETTING_VAULT_ID)?;
                }
                Ok(self.store.delete_setting(SETTING_CREATING)?)
            })?;
            self.vault.remove_stale_temp_files()?;
        }
        if self.vault.exists() && self.store.setting(SETTING_VAULT_ID)?.is_none() {
            // Its first account, if it has a phrase, is added at the next unlock.
            self.store.set_setting(SETTING_VAULT_ID, &random_id())?;
        }
        Ok(())
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

    /// Whether a vault exists (the wallet has been created or imported).
    pub fn is_initialized(&self) -> bool {
        self.vault.exists()
    }

    /// Creates the wallet from a recovery phrase (new or imported) and an optional BIP39
    /// passphrase, encrypted under `password`; adds the first account (BIP44 #0).
    pub fn create(
        &self,
        phrase: &SeedPhrase,
        passphrase: &str,
        password: &Password,
        params: KdfParams,
    ) -> Result<(Session, Account)> {
        let secrets = VaultSecrets {
            seed: Some(SeedSecret::new(phrase, passphrase)),
            keys: vec![],
        };
        let first = derive_signer(
            &*phrase.to_seed(passphrase),
            &DerivationScheme::Bip44.path(0)?,
        )?;
        let kind = AccountKind::Hd {
            scheme: DerivationScheme::Bip44,
            index: 0,
        };
        let (session, account) =
            self.create_vault(secrets, password, params, Some((first.address(), kind)))?;
        Ok((session, account.expect("a first account was asked for")))
    }

    /// Creates a wallet without a recovery phrase, for people who start with a private
    /// key, a keystore, a watched address or a hardware wallet. The vault still exists (and
    /// the password guards the app), holding only what is imported later.
    pub fn create_without_seed(&self, password: &Password, params: KdfParams) -> Result<Session> {
        let secrets = VaultSecrets {
            seed: None,
            keys: vec![],
        };
        Ok(self.create_vault(secrets, password, params, None)?.0)
    }

    /// Creates the vault and its database rows as one change, under the write lock: the
    /// vault is written aside, the rows (vault id, first account, the [`SETTING_CREATING`]
    /// marker) are committed, the vault is moved into place, the marker removed. A process
    /// killed anywhere leaves a state [`Wallet::open`] finishes or undoes; of two processes
    /// creating at once, exactly one succeeds and the other gets [`KeyError::VaultExists`].
    fn create_vault(
        &self,
        secrets: VaultSecrets,
        password: &Password,
        params: KdfParams,
        first: Option<(alloy::primitives::Address, AccountKind)>,
    ) -> Result<(Session, Option<Account>)> {
        let _lock = self.write_lock()?;
        if self.is_initialized() {
            return Err(KeyError::VaultExists(self.vault.path().to_owned()).into());
        }
        self.vault.remove_stale_temp_files()?;
        let new = self.vault.prepare_create(password, &secrets, params)?;
        let account = self.store.atomically(|| -> Result<Option<Account>> {
            let marker = first
                .as_ref()
                .map(|(a, _)| a.to_string())
                .unwrap_or_default();
            self.store.set_setting(SETTING_CREATING, &marker)?;
            self.store.set_setting(SETTING_VAULT_ID, &random_id())?;
            first
                .map(|(address, kind)| self.insert_locked(address, None, kind))
                .transpose()
        })?;
        let key = new.key.clone();
        if let Err(e) = new.commit() {
            // No vault after all: take the rows back, so a retry starts from nothing.
            self.store.atomically(|| -> Result<()> {
                if let Some(account) = &account {
                    self.store.delete_account(account.address)?;
                }
                self.store.delete_setting(SETTING_VAULT_ID)?;
                Ok(self.store.delete_setting(SETTING_CREATING)?)
            })?;
            return Err(e.into());
        }
        self.store.delete_setting(SETTING_CREATING)?;
        Ok((Session { key, secrets }, account))
    }

    /// The recovery phrase, for the explicit, password-confirmed reveal: the password is
    /// checked by opening the vault with it, whatever session is open.
    pub fn reveal_phrase(&self, password: &Password) -> Result<zeroize::Zeroizing<String>> {
        let (_, secrets) = self.vault.unlock(password)?;
        let seed = secrets.seed.as_ref().ok_or(AccountError::NoSeed)?;
        Ok(seed.phrase()?.phrase())
    }

    /// Opens the vault. With the password, a vault in an older format is rewritten in the
    /// current one; and a wallet whose creation an older version left without its first
    /// account gets it.
    pub fn unlock(&self, how: Unlock<'_>) -> Result<Session> {
        let session = match how {
            Unlock::Password(password) => {
                let (key, secrets) = self.vault.unlock(password)?;
                if self.vault.is_outdated()? {
                    let _lock = self.write_lock()?;
                    self.vault.upgrade(password, &key)?;
                }
                Session { key, secrets }
            }
            Unlock::Keychain => {
                let key = self.keychain()?.recall()?.ok_or(Error::NotRemembered)?;
                let secrets = self.vault.unlock_with_key(&key)?;
                Session { key, secrets }
            }
        };
        if session.has_phrase() && !self.store.has_hd_accounts()? {
            match self.add_hd_account(&session, DerivationScheme::Bip44, Some(0), None) {
                // Another process repaired it first.
                Ok(_) | Err(Error::Account(AccountError::Duplicate { .. })) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(session)
    }

    /// Whether "remember on this device" is on.
    pub fn is_remembered(&self) -> Result<bool> {
        Ok(self.store.setting(SETTING_REMEMBERED)?.as_deref() == Some("1"))
    }

    /// "Remember on this device": keeps the vault key in the OS keychain.
    pub fn remember_on_device(&self, session: &Session) -> Result<()> {
        self.keychain()?.remember(&session.key)?;
        self.store.set_setting(SETTING_REMEMBERED, "1")?;
        Ok(())
    }

    /// "Forget": removes the vault key from the OS keychain. Returns whether one was there.
    pub fn forget_on_device(&self) -> Result<bool> {
        let removed = self.keychain()?.forget()?;
        self.store.delete_setting(SETTING_REMEMBERED)?;
        Ok(removed)
    }

    /// Changes the vault password (checked against the policy). The data key stays, so a
    /// key remembered in the OS keychain keeps working. Atomic: a process killed during
    /// the change leaves the old password or the new one working, never neither.
    pub fn change_password(&self, old: &Password, new: &Password) -> Result<()> {
        new.check_policy()?;
        let _lock = self.write_lock()?;
        Ok(self.vault.change_password(old, new)?)
    }

    /// Checks a BIP39 passphrase against the wallet's.
    pub fn check_passphrase(&self, session: &Session, candidate: &str) -> Result<()> {
        let seed = session.secrets.seed.as_ref().ok_or(AccountError::NoSeed)?;
        // Compare what the passphrases produce, not the strings, as a real wallet would
        // have to without the stored passphrase.
        let derive = |passphrase: &str| -> Result<_> {
            let phrase = seed.phrase()?;
            Ok(derive_signer(
                &*phrase.to_seed(passphrase),
                &DerivationScheme::Bip44.path(0)?,
            )?
            .address())
        };
        if derive(candidate)? == derive(&seed.passphrase)? {
            Ok(())
        } else {
            Err(Error::PassphraseMismatch)
        }
    }

    /// The accounts, hidden ones included only if asked.
    pub fn accounts(&self, include_hidden: bool) -> Result<Vec<Account>> {
        Ok(self.store.accounts(include_hidden)?)
    }

    /// Finds an account by address (any valid case) or by its exact label.
    pub fn find_account(&self, reference: &str) -> Result<Account> {
        let not_found = || Error::from(AccountError::NotFound(reference.to_owned()));
        if reference.trim().starts_with("0x") {
            let address = parse_address(reference)?;
            return self
                .store
                .account_by_address(address)?
                .ok_or_else(not_found);
        }
        let mut matches = self.store.accounts_by_label(reference)?;
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(not_found()),
            _ => Err(AccountError::AmbiguousLabel(reference.to_owned()).into()),
        }
    }

    /// Adds the HD account `index` (default: the next unused one) of `scheme`.
    pub fn add_hd_account(
        &self,
        session: &Session,
        scheme: DerivationScheme,
        index: Option<u64>,
        label: Option<&str>,
    ) -> Result<Account> {
        let seed = session.hd_seed()?;
        // Under the lock from choosing the index to inserting it, so two processes adding
        // "the next" account do not pick the same one.
        let _lock = self.write_lock()?;
        let (index, signer) = match index {
            Some(i) => {
                let index = derivation::check_index(i)?;
                (index, derive_signer(&*seed, &scheme.path(index)?)?)
            }
            None => {
                // The next index after the scheme's highest, skipping addresses already
                // here under another scheme (index 0 of BIP44 and Ledger Live is one key).
                let mut index = match self.store.max_hd_index(scheme)? {
                    Some(max) => derivation::check_index(u64::from(max) + 1)?,
                    None => 0,
                };
                loop {
                    let signer = derive_signer(&*seed, &scheme.path(index)?)?;
                    if self.store.account_by_address(signer.address())?.is_none() {
                        break (index, signer);
                    }
                    index = derivation::check_index(u64::from(index) + 1)?;
                }
            }
        };
        self.insert_locked(signer.address(), label, AccountKind::Hd { scheme, index })
    }

    /// Imports a raw hex private key.
    pub fn import_private_key(
        &self,
        session: &mut Session,
        hex_key: &str,
        label: Option<&str>,
    ) -> Result<Account> {
        let signer = private_key::parse_private_key(hex_key)?;
        self.add_imported(session, &signer, label)
    }

    /// Imports a Web3 Secret Storage keystore file.
    pub fn import_keystore(
        &self,
        session: &mut Session,
        path: &Path,
        keystore_password: &Password,
        label: Option<&str>,
    ) -> Result<Account> {
        let signer = keystore::import(path, keystore_password)?;
        self.add_imported(session, &signer, label)
    }

    /// Imports a keystore given as its JSON text.
    pub fn import_keystore_json(
        &self,
        session: &mut Session,
        json: &str,
        keystore_password: &Password,
        label: Option<&str>,
    ) -> Result<Account> {
        let signer = keystore::import_json(json, keystore_password)?;
        self.add_imported(session, &signer, label)
    }

    /// Writes an account's key as a keystore file in `dir`.
    pub fn export_keystore(
        &self,
        session: &Session,
        reference: &str,
        dir: &Path,
        keystore_password: &Password,
    ) -> Result<PathBuf> {
        let account = self.find_account(reference)?;
        let signer = self.local_signer(session, &account)?;
        Ok(keystore::export(&signer, dir, keystore_password)?)
    }

    /// Adds a watch-only address.
    pub fn watch(&self, address: &str, label: Option<&str>) -> Result<Account> {
        let address = parse_address(address)?;
        self.insert(address, label, AccountKind::WatchOnly)
    }

    /// Renames an account.
    pub fn rename(&self, reference: &str, label: &str) -> Result<Account> {
        let mut account = self.find_account(reference)?;
        let label = check_label(label)?;
        self.store.set_label(account.id, &label)?;
        account.label = label;
        Ok(account)
    }

    /// Hides (or shows again) an account.
    pub fn set_hidden(&self, reference: &str, hidden: bool) -> Result<Account> {
        let mut account = self.find_account(reference)?;
        self.store.set_hidden(account.id, hidden)?;
        account.hidden = hidden;
        Ok(account)
    }

    /// The software signer of an account (HD or imported).
    pub fn local_signer(&self, session: &Session, account: &Account) -> Result<PrivateKeySigner> {
        let signer = match &account.kind {
            AccountKind::Hd { scheme, index } => {
                let seed = session.hd_seed()?;
                derive_signer(&*seed, &scheme.path(*index)?)?
            }
            AccountKind::Imported { key_id } => {
                // Another process may have imported it after this session opened the vault.
                let fresh;
                let secrets = if session.secrets.imported_key(key_id).is_some() {
                    &session.secrets
                } else {
                    fresh = self.vault.unlock_with_key(&session.key)?;
                    &fresh
                };
                let key = secrets.imported_key(key_id).ok_or_else(|| {
                    AccountError::CannotSign(format!(
                        "The key of \"{}\" is missing from the vault; re-import it.",
                        account.label
                    ))
                })?;
                private_key::signer_from_bytes(&key.key)?
            }
            AccountKind::WatchOnly => {
                return Err(AccountError::CannotSign(format!(
                    "\"{}\" is a watch-only account: Switchyard has no key for it.",
                    account.label
                ))
                .into());
            }
            AccountKind::Hardware { device, .. } => {
                return Err(AccountError::CannotSign(format!(
                    "\"{}\" lives on a {device}: it signs on the device, not with a key in the vault.",
                    account.label
                ))
                .into());
            }
        };
        if signer.address() != account.address {
            return Err(AccountError::CannotSign(format!(
                "The key in the vault derives {}, not {} (\"{}\"); refusing to sign.",
                signer.address(),
                account.address,
                account.label
            ))
            .into());
        }
        Ok(signer)
    }

    /// Adds an imported key to the vault and its account to the database, under the write
    /// lock: the vault is read again under it (another process may have added keys since
    /// this session opened it), so nobody's key is lost to a stale copy. The vault is
    /// written first: a crash in between leaves a key without an account (the next import
    /// of it just adds the account), never an account without its key.
    fn add_imported(
        &self,
        session: &mut Session,
        signer: &PrivateKeySigner,
        label: Option<&str>,
    ) -> Result<Account> {
        let _lock = self.write_lock()?;
        self.check_new_address(signer.address())?;
        // Left by a writer that died mid-save (safe to remove: every writer holds the lock).
        self.vault.remove_stale_temp_files()?;
        let key_id = format!("{:x}", signer.address());
        let mut secrets = self.vault.unlock_with_key(&session.key)?;
        if secrets.imported_key(&key_id).is_none() {
            secrets.keys.push(ImportedKey {
                id: key_id.clone(),
                key: *private_key::signer_bytes(signer),
            });
            self.vault.save(&session.key, &secrets)?;
        }
        session.secrets = secrets;
        self.insert_locked(signer.address(), label, AccountKind::Imported { key_id })
    }

    fn check_new_address(&self, address: alloy::primitives::Address) -> Result<()> {
        match self.store.account_by_address(address)? {
            Some(existing) => Err(AccountError::Duplicate {
                address: address.to_checksum(None),
                label: existing.label,
            }
            .into()),
            None => Ok(()),
        }
    }

    /// Inserts an account under the write lock.
    fn insert(
        &self,
        address: alloy::primitives::Address,
        label: Option<&str>,
        kind: AccountKind,
    ) -> Result<Account> {
        let _lock = self.write_lock()?;
        self.insert_locked(address, label, kind)
    }

    /// Inserts an account; the caller holds the write lock (the duplicate check and the
    /// default label read the table before writing it).
    fn insert_locked(
        &self,
        address: alloy::primitives::Address,
        label: Option<&str>,
        kind: AccountKind,
    ) -> Result<Account> {
        self.check_new_address(address)?;
        let label = match label {
            Some(label) => check_label(label)?,
            None => default_label(&self.store, &kind)?,
        };
        Ok(self.store.insert_account(&NewAccount {
            address,
            label,
            kind,
        })?)
    }

    fn keychain(&self) -> Result<KeychainEntry> {
        let id = self
            .store
            .setting(SETTING_VAULT_ID)?
            .ok_or_else(|| KeyError::NoVault(self.vault.path().to_owned()))?;
        Ok(KeychainEntry::for_vault(&id)?)
    }
}

fn check_label(label: &str) -> Result<String> {
    let label = label.trim();
    if label.is_empty()
        || label.chars().count() > MAX_LABEL_CHARS
        || crate::text::has_unsafe_chars(label)
    {
        return Err(AccountError::BadLabel.into());
    }
    Ok(label.to_owned())
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

fn default_label(store: &Store, kind: &AccountKind) -> Result<String> {
    let n = store.count_accounts(kind.name())? + 1;
    Ok(match kind {
        AccountKind::Hd { .. } => format!("Account {n}"),
        AccountKind::Imported { .. } => format!("Imported {n}"),
        AccountKind::WatchOnly => format!("Watched {n}"),
        AccountKind::Hardware { device, .. } => format!("{device} {n}"),
    })
}

fn random_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}
