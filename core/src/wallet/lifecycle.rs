//! Creating, unlocking and protecting the wallet: the vault and its recovery phrase,
//! the password, remembering on this device, and finishing an interrupted creation.

use super::{SETTING_CREATING, SETTING_REMEMBERED, SETTING_VAULT_ID, Session, Unlock, Wallet};
use crate::{
    accounts::{Account, AccountError, AccountKind},
    error::{Error, Result},
    keys::{
        DerivationScheme, KdfParams, KeyError, Password, SeedPhrase, SeedSecret, VaultSecrets,
        derive_signer,
    },
    lock::FileLock,
};

impl Wallet {
    /// Finishes or undoes a creation a killed process left half-done (see
    /// [`SETTING_CREATING`]); gives a vault written by an older version that died before
    /// its database rows the id it lacks. The caller holds the write lock.
    pub(super) fn finish_interrupted_creation(&self, _lock: &FileLock) -> Result<()> {
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
}

fn random_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}
