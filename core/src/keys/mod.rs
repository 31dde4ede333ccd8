//! Key material: BIP39 mnemonics, BIP32 derivation, the encrypted vault, the OS
//! keychain and Web3 Secret Storage keystores. Secrets live here and in `hw-wallet/`
//! only; every type holding one zeroizes it on drop.

pub mod backup;
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

/// Environment variable with the vault password, for scripts.
pub const PASSWORD_ENV: &str = "SWITCHYARD_PASSWORD";
/// Environment variable with the new vault password, for a scripted password change.
pub const NEW_PASSWORD_ENV: &str = "SWITCHYARD_NEW_PASSWORD";
/// Environment variable with a keystore file's password.
pub const KEYSTORE_PASSWORD_ENV: &str = "SWITCHYARD_KEYSTORE_PASSWORD";
/// Environment variable with the BIP39 passphrase.
pub const PASSPHRASE_ENV: &str = "SWITCHYARD_PASSPHRASE";
/// Environment variable with a Trezor One's PIN.
pub const TREZOR_PIN_ENV: &str = "SWITCHYARD_TREZOR_PIN";
/// Environment variable with a Trezor's passphrase.
pub const TREZOR_PASSPHRASE_ENV: &str = "SWITCHYARD_TREZOR_PASSPHRASE";
/// Every environment variable that may carry a secret: never passed on to a process the
/// wallet starts.
pub const SECRET_ENV_VARS: [&str; 6] = [
    PASSWORD_ENV,
    NEW_PASSWORD_ENV,
    KEYSTORE_PASSWORD_ENV,
    PASSPHRASE_ENV,
    TREZOR_PIN_ENV,
    TREZOR_PASSPHRASE_ENV,
];

pub use backup::BackupCheck;
pub use derivation::{DerivationScheme, derive_signer};
pub use error::KeyError;
pub use mnemonic::{SeedPhrase, WordCount};
pub use password::Password;
pub use secrets::{ImportedKey, SeedSecret, VaultSecrets};
pub use vault::{KdfParams, NewVault, Vault, VaultKey};
