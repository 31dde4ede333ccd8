//! The accounts: listing and finding them, adding HD, imported, watch-only ones, keystore
//! export, labels, and the signer of a local account.

use std::path::{Path, PathBuf};

use alloy::signers::local::PrivateKeySigner;

use super::{Session, Unlock, Wallet};
use crate::{
    accounts::{Account, AccountError, AccountKind, parse_address},
    error::{Error, Result},
    keys::{
        DerivationScheme, ImportedKey, Password, derivation, derive_signer, keystore, private_key,
    },
    store::{NewAccount, Store},
};

/// The longest account label.
const MAX_LABEL_CHARS: usize = 64;

/// A copy of the wallet's HD seed for one long operation that must not hold the session
/// across its waits (discovery reads the chains between derivations). Zeroized on drop;
/// never shown.
pub struct HdSeed(zeroize::Zeroizing<[u8; 64]>);

impl std::fmt::Debug for HdSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HdSeed(<redacted>)")
    }
}

impl Wallet {
    /// The HD seed of the open session, for [`Wallet::discover_accounts`].
    pub fn hd_seed(&self, session: &Session) -> Result<HdSeed> {
        Ok(HdSeed(session.hd_seed()?))
    }
}

/// How many unused addresses in a row end a discovery (BIP44's account gap limit).
pub const DISCOVERY_GAP: u32 = 20;

/// The most accounts `add_hd_accounts` adds at once.
pub const MAX_ACCOUNTS_AT_ONCE: u32 = 10_000;

impl Wallet {
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

    /// Adds the next `count` HD accounts of `scheme` in one go: one unlock, one lock,
    /// one database transaction (all or none are added), skipping addresses the wallet
    /// already has. Labels are `label N` when a label is given, else the defaults.
    pub fn add_hd_accounts(
        &self,
        session: &Session,
        scheme: DerivationScheme,
        count: u64,
        label: Option<&str>,
    ) -> Result<Vec<Account>> {
        if count == 0 || count > u64::from(MAX_ACCOUNTS_AT_ONCE) {
            return Err(AccountError::BadCount {
                asked: count,
                max: MAX_ACCOUNTS_AT_ONCE,
            }
            .into());
        }
        let label = label.map(check_label).transpose()?;
        let seed = session.hd_seed()?;
        let _lock = self.write_lock()?;
        let mut index = match self.store.max_hd_index(scheme)? {
            Some(max) => u64::from(max) + 1,
            None => 0,
        };
        self.store.atomically(|| {
            let mut added = Vec::new();
            while (added.len() as u64) < count {
                let at = derivation::check_index(index)?;
                index += 1;
                let address = derive_signer(&*seed, &scheme.path(at)?)?.address();
                let numbered = label
                    .as_ref()
                    .map(|l| check_label(&format!("{l} {}", added.len() + 1)))
                    .transpose()?;
                added.extend(self.insert_hd_if_new(scheme, at, address, numbered)?);
            }
            Ok(added)
        })
    }

    /// Finds the HD accounts of `scheme` in use on the chains of `networks` and adds
    /// those the wallet does not have: indexes are read in windows of
    /// [`DISCOVERY_GAP`] (every chain at once, each in one batched request: balance and
    /// transaction count of each address), until that many in a row have neither a
    /// balance nor a transaction on any chain. Every chain must answer: one that does not
    /// could hide a used account, so discovery stops with its error and adds nothing.
    /// Returns the accounts added.
    pub async fn discover_accounts(
        &self,
        seed: HdSeed,
        networks: &crate::networks::Networks,
        scheme: DerivationScheme,
    ) -> Result<Vec<Account>> {
        use alloy::primitives::{U64, U256};
        let seed = seed.0;
        let (mut used, mut gap, mut next) = (Vec::new(), 0u32, 0u64);
        while gap < DISCOVERY_GAP {
            let window: Vec<(u32, alloy::primitives::Address)> = (next..next
                + u64::from(DISCOVERY_GAP))
                .map(|i| {
                    let index = derivation::check_index(i)?;
                    Ok((
                        index,
                        derive_signer(&*seed, &scheme.path(index)?)?.address(),
                    ))
                })
                .collect::<Result<_>>()?;
            next += u64::from(DISCOVERY_GAP);
            let reads = networks.clients().iter().flat_map(|client| {
                window.iter().map(move |(_, address)| async move {
                    let (balance, count) = futures::join!(
                        client.request_together::<U256>("eth_getBalance", (address, "latest")),
                        client.request_together::<U64>(
                            "eth_getTransactionCount",
                            (address, "latest")
                        ),
                    );
                    Ok::<_, crate::rpc::RpcError>((
                        *address,
                        !balance?.is_zero() || !count?.is_zero(),
                    ))
                })
            });
            let mut seen = std::collections::HashSet::new();
            for read in futures::future::join_all(reads).await {
                let (address, in_use) = read?;
                if in_use {
                    seen.insert(address);
                }
            }
            for (index, address) in window {
                if seen.contains(&address) {
                    used.push((index, address));
                    gap = 0;
                } else {
                    gap += 1;
                    if gap >= DISCOVERY_GAP {
                        break;
                    }
                }
            }
        }
        let _lock = self.write_lock()?;
        self.store.atomically(|| {
            let mut added = Vec::new();
            for (index, address) in used {
                added.extend(self.insert_hd_if_new(scheme, index, address, None)?);
            }
            Ok(added)
        })
    }

    /// Stores HD account `index` of `scheme` at `address` with `label` (default: the
    /// scheme's), unless the wallet already has that address.
    fn insert_hd_if_new(
        &self,
        scheme: DerivationScheme,
        index: u32,
        address: alloy::primitives::Address,
        label: Option<String>,
    ) -> Result<Option<Account>> {
        if self.store.account_by_address(address)?.is_some() {
            return Ok(None);
        }
        let kind = AccountKind::Hd { scheme, index };
        let label = match label {
            Some(label) => label,
            None => default_label(&self.store, &kind)?,
        };
        Ok(Some(self.store.insert_account(&NewAccount {
            address,
            label,
            kind,
        })?))
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
        vault_password: &Password,
        reference: &str,
        dir: &Path,
        keystore_password: &Password,
    ) -> Result<PathBuf> {
        let account = self.find_account(reference)?;
        // The vault password itself, never a remembered key: an export takes the key out.
        let session = self.unlock(Unlock::Password(vault_password))?;
        let signer = self.local_signer(&session, &account)?;
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

    pub(super) fn check_new_address(&self, address: alloy::primitives::Address) -> Result<()> {
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
    pub(super) fn insert(
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
    pub(super) fn insert_locked(
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

fn default_label(store: &Store, kind: &AccountKind) -> Result<String> {
    let n = store.count_accounts(kind.name())? + 1;
    Ok(match kind {
        AccountKind::Hd { .. } => format!("Account {n}"),
        AccountKind::Imported { .. } => format!("Imported {n}"),
        AccountKind::WatchOnly => format!("Watched {n}"),
        AccountKind::Hardware { device, .. } => format!("{device} {n}"),
    })
}
