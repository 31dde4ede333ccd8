//! The vault: the wallet's secrets encrypted at rest in one file.
//!
//! Envelope encryption. A random 256-bit data key (the [`VaultKey`]) encrypts the
//! secrets with XChaCha20-Poly1305; the data key is itself encrypted ("wrapped") under
//! a key derived from the password with Argon2id. So the keychain can remember the data
//! key, and a password change re-wraps 32 bytes instead of re-encrypting everything.
//!
//! File layout (all integers little-endian), see also docs/keys-and-vault.md:
//!
//! ```text
//! off  len  field
//!   0    8  magic "SWYVAULT"
//!   8    1  format version (1)
//!   9    4  Argon2id memory cost, KiB
//!  13    4  Argon2id iterations
//!  17    4  Argon2id parallelism
//!  21   16  Argon2id salt
//!  37   24  wrap nonce
//!  61   48  wrapped data key (32 + 16-byte tag)   AAD = bytes 0..37
//! 109   24  payload nonce
//! 133    …  payload ciphertext + 16-byte tag        AAD = bytes 0..133
//! end-32 32  Keccak-256 of every byte before it      (version 2)
//! ```
//!
//! Every byte is authenticated, so any modification is detected. The format is binary
//! on purpose: hex or base64 decoders that ignore case or padding would let some byte
//! flips through unnoticed.
//!
//! Version 2 adds the trailing checksum. It is not a secret and proves nothing against an
//! attacker (the AEAD tags do that); it tells damage apart from a wrong password: without
//! it a flipped bit in the salt or the wrapped key looks exactly like a mistyped password.
//! Version 1 files are read and rewritten as version 2 on the next write.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::{
    KeyInit, XChaCha20Poly1305, XNonce,
    aead::{Aead, Payload},
};
use rand::RngCore;
use zeroize::Zeroizing;

use super::{KeyError, Password, VaultSecrets};
use crate::atomic_file;

const MAGIC: &[u8; 8] = b"SWYVAULT";
/// The version written.
const VERSION: u8 = 2;
/// The version before the trailing checksum, still read.
const VERSION_1: u8 = 1;
const CHECKSUM_LEN: usize = 32;
const KDF_END: usize = 37;
const WRAP_END: usize = 109;
const HEADER_LEN: usize = 133;
const TAG_LEN: usize = 16;

/// Argon2id cost parameters, stored in the vault header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory, in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes.
    fn default() -> Self {
        Self {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 4,
        }
    }
}

impl KdfParams {
    /// Upper bounds accepted when *reading* a header, so a modified header cannot make
    /// opening the vault allocate gigabytes or run for hours.
    fn check(self) -> Result<Params, String> {
        if self.memory_kib > 1024 * 1024 || self.iterations > 16 || self.parallelism > 16 {
            return Err("its key-derivation parameters are out of range".into());
        }
        Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| format!("its key-derivation parameters are invalid ({e})"))
    }
}

/// The vault's data key. Zeroized on drop; never leaves the core except into the OS keychain.
#[derive(Clone)]
pub struct VaultKey(Zeroizing<[u8; 32]>);

impl VaultKey {
    fn random() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(key.as_mut());
        Self(key)
    }

    /// Rebuilds a key from bytes kept elsewhere (the OS keychain).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(Self(Zeroizing::new(array)))
    }

    /// The key bytes, for the OS keychain.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }
}

impl std::fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VaultKey(<redacted>)")
    }
}

/// A new vault written beside its target but not in place yet ([`Vault::prepare_create`]).
#[derive(Debug)]
pub struct NewVault {
    /// Its data key.
    pub key: VaultKey,
    staged: atomic_file::StagedFile,
    path: PathBuf,
}

impl NewVault {
    /// Moves it into place, unless a vault appeared there meanwhile (no-clobber: of two
    /// processes creating a wallet at once, exactly one wins).
    pub fn commit(self) -> Result<(), KeyError> {
        self.staged
            .commit_new()
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => KeyError::VaultExists(self.path.clone()),
                _ => KeyError::VaultIo {
                    path: self.path,
                    source,
                },
            })
    }
}

/// A vault file at a path.
#[derive(Debug, Clone)]
pub struct Vault {
    path: PathBuf,
}

impl Vault {
    /// The vault stored at `path` (which may not exist yet).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The vault file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the vault file exists.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Creates a new vault holding `secrets`, refusing to overwrite an existing one.
    pub fn create(
        &self,
        password: &Password,
        secrets: &VaultSecrets,
        params: KdfParams,
    ) -> Result<VaultKey, KeyError> {
        let new = self.prepare_create(password, secrets, params)?;
        let key = new.key.clone();
        new.commit()?;
        Ok(key)
    }

    /// The first half of [`Vault::create`]: derives the key and writes the new vault to a
    /// synced temporary file beside the target, without making it the vault yet. The caller
    /// records what must go with it, then calls [`NewVault::commit`]; until then (or if the
    /// process dies first) there is no vault.
    pub fn prepare_create(
        &self,
        password: &Password,
        secrets: &VaultSecrets,
        params: KdfParams,
    ) -> Result<NewVault, KeyError> {
        if self.exists() {
            return Err(KeyError::VaultExists(self.path.clone()));
        }
        let key = VaultKey::random();
        let header = self.wrap_header(VERSION, password, &key, params)?;
        let bytes = self.seal(&key, header, secrets);
        let staged = atomic_file::stage(&self.path, &bytes).map_err(|e| self.io_error(e))?;
        Ok(NewVault {
            key,
            staged,
            path: self.path.clone(),
        })
    }

    /// Removes temporary files that writers which died left beside the vault. Only while
    /// holding the data directory's write lock (every vault writer holds it).
    pub fn remove_stale_temp_files(&self) -> Result<usize, KeyError> {
        atomic_file::remove_stale(&self.path).map_err(|e| self.io_error(e))
    }

    /// Opens the vault with its password, returning the data key and the secrets.
    pub fn unlock(&self, password: &Password) -> Result<(VaultKey, VaultSecrets), KeyError> {
        let bytes = self.read()?;
        let key = self.unwrap_key(&bytes, password)?;
        let secrets = self.decrypt_payload(&bytes, &key)?;
        Ok((key, secrets))
    }

    /// Opens the vault with a data key remembered elsewhere (the OS keychain).
    pub fn unlock_with_key(&self, key: &VaultKey) -> Result<VaultSecrets, KeyError> {
        let bytes = self.read()?;
        self.decrypt_payload(&bytes, key)
    }

    /// Whether the file is in an older format ([`Vault::upgrade`] rewrites it).
    pub fn is_outdated(&self) -> Result<bool, KeyError> {
        Ok(self.read_raw()?[8] != VERSION)
    }

    /// Rewrites a version-1 file as version 2 (same password, data key and secrets), for a
    /// caller that has just unlocked it with `password` and got `key`.
    pub fn upgrade(&self, password: &Password, key: &VaultKey) -> Result<(), KeyError> {
        let bytes = self.read()?;
        let secrets = self.decrypt_payload(&bytes, key)?;
        let params = parse_params(&bytes, &self.path)?;
        let header = self.wrap_header(VERSION, password, key, params)?;
        self.write(key, header, &secrets)
    }

    /// Replaces the vault's secrets, keeping its password. Atomic: a crash leaves the old
    /// vault. Callers that changed secrets they read earlier must hold the data
    /// directory's write lock and have read them under it, or another writer's change is lost.
    pub fn save(&self, key: &VaultKey, secrets: &VaultSecrets) -> Result<(), KeyError> {
        let bytes = self.read()?;
        // Check the key belongs to this vault before overwriting anything.
        self.decrypt_payload(&bytes, key)?;
        self.write(key, bytes[..WRAP_END].to_vec(), secrets)
    }

    /// Re-wraps the data key under a new password (and a fresh salt).
    pub fn change_password(&self, old: &Password, new: &Password) -> Result<(), KeyError> {
        let (key, secrets) = self.unlock(old)?;
        let params = parse_params(&self.read()?, &self.path)?;
        let header = self.wrap_header(VERSION, new, &key, params)?;
        self.write(&key, header, &secrets)
    }

    /// Builds the header bytes up to the wrapped key (offsets 0..109), of format `version`
    /// (always [`VERSION`] but in a test that writes an old file).
    fn wrap_header(
        &self,
        version: u8,
        password: &Password,
        key: &VaultKey,
        params: KdfParams,
    ) -> Result<Vec<u8>, KeyError> {
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.push(version);
        for n in [params.memory_kib, params.iterations, params.parallelism] {
            header.extend_from_slice(&n.to_le_bytes());
        }
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        header.extend_from_slice(&salt);
        let kek =
            derive_kek(password, &salt, params).map_err(|reason| self.format_error(reason))?;
        let nonce = random_nonce();
        let wrapped = kek
            .cipher()
            .encrypt(
                &nonce,
                Payload {
                    msg: key.as_bytes(),
                    aad: &header[..KDF_END],
                },
            )
            .expect("XChaCha20-Poly1305 encryption cannot fail for small inputs");
        header.extend_from_slice(&nonce);
        header.extend_from_slice(&wrapped);
        debug_assert_eq!(header.len(), WRAP_END);
        Ok(header)
    }

    fn write(
        &self,
        key: &VaultKey,
        header: Vec<u8>,
        secrets: &VaultSecrets,
    ) -> Result<(), KeyError> {
        let bytes = self.seal(key, header, secrets);
        atomic_file::write(&self.path, &bytes).map_err(|source| self.io_error(source))
    }

    /// The whole file: `header` (up to the wrapped key), the encrypted secrets, and the
    /// checksum when the header is of version 2. The version byte is authenticated with
    /// the wrapped key, so only a password re-wrap ([`Vault::upgrade`]) moves a file from
    /// version 1 to 2.
    fn seal(&self, key: &VaultKey, mut bytes: Vec<u8>, secrets: &VaultSecrets) -> Vec<u8> {
        let nonce = random_nonce();
        bytes.extend_from_slice(&nonce);
        // Pre-size the buffer so serialization does not leave reallocated copies behind.
        let mut plaintext = Zeroizing::new(Vec::with_capacity(16 * 1024));
        serde_json::to_writer(&mut *plaintext, secrets).expect("secrets always serialize");
        let ciphertext = key
            .cipher()
            .encrypt(
                &nonce,
                Payload {
                    msg: &plaintext,
                    aad: &bytes,
                },
            )
            .expect("XChaCha20-Poly1305 encryption cannot fail for small inputs");
        bytes.extend_from_slice(&ciphertext);
        if bytes[8] == VERSION {
            let checksum = alloy::primitives::keccak256(&bytes);
            bytes.extend_from_slice(checksum.as_slice());
        }
        bytes
    }

    /// The file without its checksum, once the checksum (version 2) has been verified.
    fn read(&self) -> Result<Vec<u8>, KeyError> {
        let mut bytes = self.read_raw()?;
        if bytes[8] == VERSION {
            let body = bytes.len() - CHECKSUM_LEN;
            if bytes.len() < HEADER_LEN + TAG_LEN + CHECKSUM_LEN
                || alloy::primitives::keccak256(&bytes[..body]).as_slice() != &bytes[body..]
            {
                return Err(KeyError::VaultTampered {
                    path: self.path.clone(),
                });
            }
            bytes.truncate(body);
        }
        Ok(bytes)
    }

    fn read_raw(&self) -> Result<Vec<u8>, KeyError> {
        let bytes = std::fs::read(&self.path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                KeyError::NoVault(self.path.clone())
            } else {
                self.io_error(source)
            }
        })?;
        if bytes.len() < HEADER_LEN + TAG_LEN || &bytes[..8] != MAGIC {
            return Err(self.format_error("it does not start like a Switchyard vault".into()));
        }
        if bytes[8] != VERSION && bytes[8] != VERSION_1 {
            return Err(self.format_error(format!("unknown format version {}", bytes[8])));
        }
        Ok(bytes)
    }

    fn unwrap_key(&self, bytes: &[u8], password: &Password) -> Result<VaultKey, KeyError> {
        let params = parse_params(bytes, &self.path)?;
        let kek = derive_kek(password, &bytes[21..KDF_END], params)
            .map_err(|reason| self.format_error(reason))?;
        let plain = kek
            .cipher()
            .decrypt(
                XNonce::from_slice(&bytes[KDF_END..KDF_END + 24]),
                Payload {
                    msg: &bytes[KDF_END + 24..WRAP_END],
                    aad: &bytes[..KDF_END],
                },
            )
            .map_err(|_| KeyError::WrongPassword)?;
        let key = VaultKey::from_bytes(&plain).ok_or(KeyError::WrongPassword);
        drop(Zeroizing::new(plain));
        key
    }

    fn decrypt_payload(&self, bytes: &[u8], key: &VaultKey) -> Result<VaultSecrets, KeyError> {
        let plain = Zeroizing::new(
            key.cipher()
                .decrypt(
                    XNonce::from_slice(&bytes[WRAP_END..HEADER_LEN]),
                    Payload {
                        msg: &bytes[HEADER_LEN..],
                        aad: &bytes[..HEADER_LEN],
                    },
                )
                .map_err(|_| KeyError::VaultTampered {
                    path: self.path.clone(),
                })?,
        );
        serde_json::from_slice(&plain).map_err(|_| KeyError::VaultTampered {
            path: self.path.clone(),
        })
    }

    fn format_error(&self, reason: String) -> KeyError {
        KeyError::VaultFormat {
            path: self.path.clone(),
            reason,
        }
    }

    fn io_error(&self, source: std::io::Error) -> KeyError {
        KeyError::VaultIo {
            path: self.path.clone(),
            source,
        }
    }
}

fn parse_params(bytes: &[u8], path: &Path) -> Result<KdfParams, KeyError> {
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let params = KdfParams {
        memory_kib: word(9),
        iterations: word(13),
        parallelism: word(17),
    };
    params
        .check()
        .map(|_| params)
        .map_err(|reason| KeyError::VaultFormat {
            path: path.to_owned(),
            reason,
        })
}

fn derive_kek(password: &Password, salt: &[u8], params: KdfParams) -> Result<VaultKey, String> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.check()?);
    let mut kek = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password.as_bytes(), salt, kek.as_mut())
        .map_err(|e| format!("key derivation failed ({e})"))?;
    Ok(VaultKey(kek))
}

fn random_nonce() -> XNonce {
    let mut nonce = XNonce::default();
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    nonce
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIGHT: KdfParams = KdfParams {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
    };

    /// Rewrites `vault` as format version 1 (no checksum), as older versions wrote it.
    fn downgrade(vault: &Vault, password: &Password) {
        let (key, secrets) = vault.unlock(password).unwrap();
        let header = vault.wrap_header(VERSION_1, password, &key, LIGHT).unwrap();
        atomic_file::write(&vault.path, &vault.seal(&key, header, &secrets)).unwrap();
    }

    #[test]
    fn a_version_1_vault_opens_and_is_upgraded_with_its_password() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::at(dir.path().join("vault.bin"));
        let password = Password::new("correct horse battery");
        let secrets = VaultSecrets::default();
        let key = vault.create(&password, &secrets, LIGHT).unwrap();
        downgrade(&vault, &password);
        assert!(vault.is_outdated().unwrap());
        vault.unlock(&password).unwrap();
        vault.unlock_with_key(&key).unwrap();
        // A keychain-key save keeps version 1 (the version byte is bound to the wrap).
        vault.save(&key, &secrets).unwrap();
        assert!(vault.is_outdated().unwrap());
        assert!(matches!(
            vault.unlock(&Password::new("wrong")),
            Err(KeyError::WrongPassword)
        ));
        vault.upgrade(&password, &key).unwrap();
        assert!(!vault.is_outdated().unwrap());
        let (same, _) = vault.unlock(&password).unwrap();
        assert_eq!(same.as_bytes(), key.as_bytes(), "the data key stays");
    }
}
