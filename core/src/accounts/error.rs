/// What can go wrong with accounts and signing.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Not 0x followed by 40 hex digits.
    #[error(
        "\"{0}\" is not an Ethereum address: expected 0x followed by 40 hexadecimal characters."
    )]
    NotAnAddress(String),
    /// Mixed case whose EIP-55 checksum is wrong: likely a typo.
    #[error(
        "The address {0} has mixed case but its EIP-55 checksum is wrong, so it probably has a typo. Check it against the source; if you are sure, enter it in all lowercase."
    )]
    BadChecksum(String),
    /// No account matches a reference.
    #[error(
        "No account \"{0}\" (hidden accounts count too): name an account by its label or address."
    )]
    NotFound(String),
    /// No contact at an address.
    #[error("No contact has the address {0}.")]
    NoContact(alloy::primitives::Address),
    /// Several accounts carry the label used to pick one.
    #[error("Several accounts are labelled \"{0}\"; name the account by its address instead.")]
    AmbiguousLabel(String),
    /// The address is already in the wallet.
    #[error("{address} is already in this wallet as \"{label}\".")]
    Duplicate {
        /// The address.
        address: String,
        /// The existing account's label.
        label: String,
    },
    /// A number of accounts to add outside 1..=[`crate::wallet::MAX_ACCOUNTS_AT_ONCE`].
    #[error(
        "Add between 1 and {max} accounts at a time (asked for {asked}); for more, run it again."
    )]
    BadCount {
        /// What was asked.
        asked: u64,
        /// The most at once.
        max: u32,
    },
    /// A label that is empty, too long, or holds control characters.
    #[error("A label must be 1 to 64 characters, without control characters or line breaks.")]
    BadLabel,
    /// The account cannot sign (watch-only) or its key is missing.
    #[error("{0}")]
    CannotSign(String),
    /// A preference outside what is allowed.
    #[error("{0}")]
    BadSetting(String),
    /// The wallet has no recovery phrase (only imported keys).
    #[error("This wallet has no recovery phrase, so it cannot derive HD accounts.")]
    NoSeed,
    /// Signing input that does not parse or is incomplete.
    #[error("{0}")]
    BadSigningInput(String),
    /// The signer failed.
    #[error("Signing failed: {0}")]
    Signing(String),
    /// A hardware wallet stopped the request (locked, rejected, wrong app…).
    #[error(transparent)]
    Device(#[from] switchyard_hw::DeviceError),
}

impl AccountError {
    /// Its stable code.
    pub fn code(&self) -> crate::ErrorCode {
        use crate::ErrorCode as C;
        match self {
            Self::NotAnAddress(_) => C::InvalidAddress,
            Self::BadChecksum(_) => C::AddressChecksum,
            Self::Device(d) => crate::ErrorCode::of_device(d),
            Self::NotFound(_) | Self::NoContact(_) => C::AccountNotFound,
            Self::AmbiguousLabel(_) => C::AmbiguousLabel,
            Self::Duplicate { .. } => C::AccountExists,
            Self::BadLabel => C::InvalidLabel,
            Self::BadCount { .. } => C::InvalidCount,
            Self::BadSetting(_) => C::InvalidSetting,
            Self::CannotSign(_) => C::CannotSign,
            Self::NoSeed => C::NoSeed,
            Self::BadSigningInput(_) => C::InvalidSigningInput,
            Self::Signing(_) => C::SigningFailed,
        }
    }
}
