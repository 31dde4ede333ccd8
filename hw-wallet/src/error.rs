//! Every state a hardware wallet can be in that stops a request, as its own error with
//! the sentence a person needs (hardware-wallets.md §5.5), and a stable code for the UI.

use alloy::primitives::Address;

/// The two device families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    /// Ledger, running the Ethereum app.
    Ledger,
    /// Trezor (One, Model T, Safe 3, Safe 5).
    Trezor,
}

impl std::fmt::Display for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Ledger => "Ledger",
            Self::Trezor => "Trezor",
        })
    }
}

impl std::str::FromStr for Vendor {
    type Err = DeviceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "ledger" => Ok(Self::Ledger),
            "trezor" => Ok(Self::Trezor),
            _ => Err(DeviceError::UnknownVendor(s.to_owned())),
        }
    }
}

/// What stopped a hardware-wallet request.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// No device of this family is plugged in (or the emulator is not listening).
    #[error("Connect and unlock your {0}.")]
    NotConnected(Vendor),
    /// The OS refused to open the device: on Linux, the udev rules are missing.
    #[error(
        "Linux needs udev rules for hardware wallets: Switchyard found your {vendor} but may not open it ({detail}). Run `switchyard hw udev-rules` to see the rules and how to install them, then unplug and replug the device."
    )]
    NoPermission {
        /// Device family.
        vendor: Vendor,
        /// What the OS said.
        detail: String,
    },
    /// Another program holds the device.
    #[error("Close Ledger Live or other wallets using your {0}, then try again.")]
    Busy(Vendor),
    /// The device is on its PIN screen (or asleep).
    #[error("Unlock your {0} with your PIN.")]
    Locked(Vendor),
    /// The Ledger is on its dashboard or in another app.
    #[error("Open the Ethereum app on your Ledger.")]
    WrongApp,
    /// The app or firmware is too old for what was asked.
    #[error("{0}")]
    TooOld(String),
    /// A request needing approval got no answer in time; the device may still show it.
    #[error(
        "Your {0} did not answer in time. If it shows a request, review and approve or reject it there, then try again."
    )]
    AwaitingApproval(Vendor),
    /// The user said no on the device. Not a failure: the UI shows it quietly.
    #[error("You rejected the request on your {0}.")]
    Rejected(Vendor),
    /// The Ledger refused contract data or typed data because Blind signing is off.
    #[error(
        "To sign this with your Ledger, open the Ethereum app, go to Settings and enable \"Blind signing\", then try again."
    )]
    BlindSigningOff,
    /// The link broke in the middle of a request; nothing was signed.
    #[error("Your {0} was disconnected. Reconnect it and try again; nothing was signed.")]
    Disconnected(Vendor),
    /// The Ledger app cannot encode this chain id in a legacy signature.
    #[error(
        "The Ledger Ethereum app cannot sign a legacy transaction for chain id {0}. Use an EIP-1559 transaction."
    )]
    UnsupportedChainId(u64),
    /// The device cannot do this kind of request at all.
    #[error("{0}")]
    Unsupported(String),
    /// A derivation path that is not a BIP32 path (refused before any I/O).
    #[error("\"{path}\" is not a derivation path: {reason}.")]
    InvalidPath {
        /// What was given.
        path: String,
        /// Why it is refused.
        reason: String,
    },
    /// The Trezor refuses this path under its safety checks.
    #[error(
        "Your Trezor refuses the path {0} (\"Forbidden key path\"). Use a standard Ethereum path, or set Safety checks to Prompt in Trezor Suite."
    )]
    ForbiddenPath(String),
    /// The PIN entered was wrong.
    #[error("Wrong PIN. Check the layout on your Trezor's screen and try again.")]
    WrongPin,
    /// The user dismissed the PIN or passphrase prompt.
    #[error("PIN or passphrase entry was cancelled.")]
    EntryCancelled,
    /// The device derives a different address at the account's path.
    #[error(
        "This {vendor} holds {found} at {path}, not {expected}. Is it the right device (and, for Trezor, the right passphrase)?"
    )]
    WrongDevice {
        /// Device family.
        vendor: Vendor,
        /// Path asked.
        path: String,
        /// The account's address.
        expected: Address,
        /// What the device derived.
        found: Address,
    },
    /// The signature returned recovers to another address: never use it.
    #[error(
        "The {vendor} returned a signature from {recovered}, not from {expected}. It was discarded."
    )]
    SignatureMismatch {
        /// Device family.
        vendor: Vendor,
        /// The account's address.
        expected: Address,
        /// Who the signature recovers to.
        recovered: Address,
    },
    /// The device said something the protocol does not allow.
    #[error("Your {vendor} answered in a way Switchyard does not understand: {detail}.")]
    Protocol {
        /// Device family.
        vendor: Vendor,
        /// What was wrong.
        detail: String,
    },
    /// Any other refusal, with the device's own code and words.
    #[error("Your {vendor} refused the request: {detail}.")]
    Device {
        /// Device family.
        vendor: Vendor,
        /// The device's status word or failure code and message.
        detail: String,
    },
    /// The input given to sign is not something the device can be asked to sign.
    #[error("{0}")]
    BadInput(String),
    /// A device family name that is neither ledger nor trezor.
    #[error("Unknown device \"{0}\": use ledger or trezor.")]
    UnknownVendor(String),
}

impl DeviceError {
    /// A stable code for the UI and for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotConnected(_) => "hw_not_connected",
            Self::NoPermission { .. } => "hw_no_permission",
            Self::Busy(_) => "hw_busy",
            Self::Locked(_) => "hw_locked",
            Self::WrongApp => "hw_wrong_app",
            Self::TooOld(_) => "hw_too_old",
            Self::AwaitingApproval(_) => "hw_awaiting_approval",
            Self::Rejected(_) => "hw_rejected",
            Self::BlindSigningOff => "hw_blind_signing_off",
            Self::Disconnected(_) => "hw_disconnected",
            Self::UnsupportedChainId(_) => "hw_unsupported_chain_id",
            Self::Unsupported(_) => "hw_unsupported",
            Self::InvalidPath { .. } => "hw_invalid_path",
            Self::ForbiddenPath(_) => "hw_forbidden_path",
            Self::WrongPin => "hw_wrong_pin",
            Self::EntryCancelled => "hw_entry_cancelled",
            Self::WrongDevice { .. } => "hw_wrong_device",
            Self::SignatureMismatch { .. } => "hw_signature_mismatch",
            Self::Protocol { .. } => "hw_protocol",
            Self::Device { .. } => "hw_device_error",
            Self::BadInput(_) => "hw_bad_input",
            Self::UnknownVendor(_) => "hw_unknown_vendor",
        }
    }

    /// True when the user declined on the device: the UI shows it as a choice, not a failure.
    pub fn is_rejection(&self) -> bool {
        matches!(self, Self::Rejected(_))
    }
}
