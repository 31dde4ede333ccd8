//! What the vault holds, in plaintext form (only ever in memory).

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::{KeyError, SeedPhrase, mnemonic};

/// Everything secret the wallet owns. Serialized only inside the vault's AEAD.
#[derive(Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct VaultSecrets {
    /// The HD seed, if the wallet has one (a wallet of imported keys may not).
    pub seed: Option<SeedSecret>,
    /// Imported private keys.
    pub keys: Vec<ImportedKey>,
}

/// A BIP39 recovery phrase stored as its entropy, word list and passphrase.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct SeedSecret {
    /// BIP39 entropy (16–32 bytes).
    pub entropy: Vec<u8>,
    /// The word list, as [`mnemonic::language_name`] names it (the seed depends on the words).
    pub language: String,
    /// The BIP39 passphrase; empty for none.
    pub passphrase: String,
}

/// An imported private key and the id the account table refers to it by.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct ImportedKey {
    /// Stable id (lowercase hex address of the key).
    pub id: String,
    /// The secret scalar.
    pub key: [u8; 32],
}

impl SeedSecret {
    /// Captures a phrase and passphrase.
    pub fn new(phrase: &SeedPhrase, passphrase: &str) -> Self {
        Self {
            entropy: phrase.entropy().to_vec(),
            language: mnemonic::language_name(phrase.language()),
            passphrase: passphrase.to_owned(),
        }
    }

    /// Rebuilds the phrase.
    pub fn phrase(&self) -> Result<SeedPhrase, KeyError> {
        let language = mnemonic::language_by_name(&self.language)
            .ok_or_else(|| KeyError::Derivation(format!("unknown word list {}", self.language)))?;
        SeedPhrase::from_entropy(language, &self.entropy)
    }

    /// The 64-byte BIP39 seed.
    pub fn seed(&self) -> Result<zeroize::Zeroizing<[u8; 64]>, KeyError> {
        Ok(self.phrase()?.to_seed(&self.passphrase))
    }
}

impl VaultSecrets {
    /// The imported key with this id.
    pub fn imported_key(&self, id: &str) -> Option<&ImportedKey> {
        self.keys.iter().find(|k| k.id == id)
    }
}
