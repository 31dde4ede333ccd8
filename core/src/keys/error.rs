use std::path::PathBuf;

/// What can go wrong with key material. Every message says what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A mnemonic word is not in any supported BIP39 word list.
    #[error(
        "Word {position} of the recovery phrase (\"{word}\") is not a BIP39 word. Check its spelling."
    )]
    UnknownMnemonicWord {
        /// 1-based position of the word.
        position: usize,
        /// The word as typed.
        word: String,
    },
    /// The mnemonic has a word count BIP39 does not allow.
    #[error(
        "A recovery phrase has 12, 15, 18, 21 or 24 words; this one has {0}. Check that no word is missing."
    )]
    MnemonicWordCount(usize),
    /// All words are valid but the checksum is not.
    #[error(
        "The recovery phrase's checksum does not match: a word is wrong or the words are out of order."
    )]
    MnemonicChecksum,
    /// The words belong to several word lists at once.
    #[error("The recovery phrase mixes words of several languages. Use one word list.")]
    MnemonicLanguage,
    /// Entropy of a length BIP39 does not allow.
    #[error("BIP39 entropy must be 16 to 32 bytes in steps of 4, not {0} bytes.")]
    EntropyLength(usize),
    /// A derivation index too large for a hardened or normal child.
    #[error("Account index {0} is too large: the largest is 2147483647 (2^31 - 1).")]
    IndexOutOfRange(u64),
    /// A derivation scheme name that is not known.
    #[error("Unknown derivation scheme \"{0}\": use bip44, live or legacy.")]
    UnknownScheme(String),
    /// A derivation path that does not parse.
    #[error("\"{0}\" is not a derivation path such as m/44'/60'/0'/0/0.")]
    BadPath(String),
    /// An extended key that is malformed.
    #[error("Not a valid extended key: {0}.")]
    BadExtendedKey(String),
    /// Key derivation failed (practically impossible: an invalid child key).
    #[error("Key derivation failed: {0}")]
    Derivation(String),
    /// A private key that is not 32 bytes of hex, or not a valid secp256k1 scalar.
    #[error(
        "That is not a private key: expected 64 hexadecimal characters (optionally after 0x) for a number between 1 and the secp256k1 order."
    )]
    InvalidPrivateKey,
    /// A new password does not meet the policy.
    #[error("{0}")]
    WeakPassword(String),
    /// The vault password is wrong.
    #[error("Wrong password: the vault did not open. Try again (the password is case-sensitive).")]
    WrongPassword,
    /// The vault file fails its integrity check.
    #[error(
        "The vault file {path} is damaged or was modified (integrity check failed); refusing to use it. Restore it from a backup or re-import your recovery phrase."
    )]
    VaultTampered {
        /// The vault file.
        path: PathBuf,
    },
    /// The vault file is not a Switchyard vault of a known version.
    #[error("{path} is not a Switchyard vault this version can read: {reason}.")]
    VaultFormat {
        /// The vault file.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },
    /// Words typed back from a new recovery phrase do not match it.
    #[error(
        "Word {} does not match your recovery phrase; no wallet was created. Look at the phrase again.",
        .0.iter().map(|p| format!("#{p}")).collect::<Vec<_>>().join(", ")
    )]
    BackupMismatch(Vec<u8>),
    /// There is no vault yet.
    #[error("No wallet here yet ({0} does not exist). Create or import one first.")]
    NoVault(PathBuf),
    /// A vault exists and would be overwritten.
    #[error("A wallet already exists at {0}; refusing to overwrite it.")]
    VaultExists(PathBuf),
    /// Reading or writing the vault failed.
    #[error("Could not access the vault file {path}: {source}")]
    VaultIo {
        /// The vault file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The OS keychain could not be used.
    #[error(
        "The OS keychain is not available: {0}. On Linux a Secret Service (gnome-keyring or KWallet) must be running and unlocked."
    )]
    KeychainUnavailable(String),
    /// The keychain entry exists but does not hold a usable key.
    #[error(
        "The key remembered in the OS keychain is not valid; stop remembering the wallet on this device and unlock with your password."
    )]
    KeychainCorrupt,
    /// A keystore's MAC does not match: wrong password or a modified file.
    #[error(
        "The keystore did not open: wrong keystore password, or the file was modified (MAC mismatch)."
    )]
    KeystoreMac,
    /// The keystore could not be read or written.
    #[error("Keystore error: {0}")]
    Keystore(String),
}

impl KeyError {
    /// Its stable code.
    pub fn code(&self) -> crate::ErrorCode {
        use crate::ErrorCode as C;
        match self {
            Self::UnknownMnemonicWord { .. }
            | Self::MnemonicWordCount(_)
            | Self::MnemonicChecksum
            | Self::MnemonicLanguage
            | Self::EntropyLength(_) => C::InvalidMnemonic,
            Self::IndexOutOfRange(_) => C::IndexOutOfRange,
            Self::UnknownScheme(_) | Self::BadPath(_) => C::InvalidDerivation,
            Self::BadExtendedKey(_) => C::InvalidExtendedKey,
            Self::Derivation(_) => C::DerivationFailed,
            Self::InvalidPrivateKey => C::InvalidPrivateKey,
            Self::WeakPassword(_) => C::WeakPassword,
            Self::WrongPassword => C::WrongPassword,
            Self::VaultTampered { .. } => C::VaultTampered,
            Self::VaultFormat { .. } => C::VaultFormat,
            Self::BackupMismatch(_) => C::BackupMismatch,
            Self::NoVault(_) => C::NoWallet,
            Self::VaultExists(_) => C::WalletExists,
            Self::VaultIo { .. } => C::VaultIo,
            Self::KeychainUnavailable(_) | Self::KeychainCorrupt => C::KeychainUnavailable,
            Self::KeystoreMac => C::KeystoreWrongPassword,
            Self::Keystore(_) => C::KeystoreInvalid,
        }
    }
}
