//! Key material: BIP39 mnemonics, BIP32 derivation, the encrypted vault, the OS
//! keychain and Web3 Secret Storage keystores. Secrets live here and in `hw-wallet/`
//! only; every type holding one zeroizes it on drop.

pub mod derivation;
mod error;
pub mod keychain;
pub mod keystore;
pub mod mnemonic;
pub mod password;
pub mod private_key;
pub mod secrets;
pub mod vault;
pub mod xkey;

pub use derivation::{DerivationScheme, derive_signer};
pub use error::KeyError;
pub use mnemonic::{SeedPhrase, WordCount};
pub use password::Password;
pub use secrets::{ImportedKey, SeedSecret, VaultSecrets};
pub use vault::{KdfParams, NewVault, Vault, VaultKey};
