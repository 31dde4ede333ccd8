//! Every stable error code the shells show: what scripts read in `--json` errors and the
//! app's UI compares. One enum, generated into the app's TypeScript (feature `specta`),
//! so a comparison with a code that does not exist fails to type-check.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)*) => {
        /// A stable, machine-readable error code (its text is the JSON and TypeScript value).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $text)] $variant,)*
        }

        impl ErrorCode {
            /// Every code.
            pub const ALL: &[Self] = &[$(Self::$variant,)*];

            /// The code's text (`"insufficient_funds"`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

error_codes! {
    // Keys and the vault.
    /// A recovery phrase that does not parse.
    InvalidMnemonic = "invalid_mnemonic",
    /// A derivation index too large.
    IndexOutOfRange = "index_out_of_range",
    /// An unknown scheme or a bad path.
    InvalidDerivation = "invalid_derivation",
    /// A malformed extended key.
    InvalidExtendedKey = "invalid_extended_key",
    /// Key derivation failed.
    DerivationFailed = "derivation_failed",
    /// Not a private key.
    InvalidPrivateKey = "invalid_private_key",
    /// A new password below the policy.
    WeakPassword = "weak_password",
    /// The vault password is wrong.
    WrongPassword = "wrong_password",
    /// The vault file is damaged or modified.
    VaultTampered = "vault_tampered",
    /// The vault file is not one this version reads.
    VaultFormat = "vault_format",
    /// No wallet yet.
    NoWallet = "no_wallet",
    /// A wallet already exists here.
    WalletExists = "wallet_exists",
    /// The vault file cannot be read or written.
    VaultIo = "vault_io",
    /// The OS keychain cannot be used.
    KeychainUnavailable = "keychain_unavailable",
    /// A keystore's password is wrong (or the file was modified).
    KeystoreWrongPassword = "keystore_wrong_password",
    /// A keystore that cannot be read or written.
    KeystoreInvalid = "keystore_invalid",
    /// Words typed back from a new phrase do not match.
    BackupMismatch = "backup_mismatch",
    // Accounts.
    /// Not an address.
    InvalidAddress = "invalid_address",
    /// A mixed-case address whose EIP-55 checksum is wrong.
    AddressChecksum = "address_checksum",
    /// No such account (or contact).
    AccountNotFound = "account_not_found",
    /// A label several accounts share.
    AmbiguousLabel = "ambiguous_label",
    /// The address is already in the wallet.
    AccountExists = "account_exists",
    /// A label or name that is empty, too long or has control characters.
    InvalidLabel = "invalid_label",
    /// A number of accounts out of range.
    InvalidCount = "invalid_count",
    /// A preference out of range.
    InvalidSetting = "invalid_setting",
    /// The account cannot sign (watch-only, key missing).
    CannotSign = "cannot_sign",
    /// The wallet has no recovery phrase.
    NoSeed = "no_seed",
    /// Signing input that does not parse.
    InvalidSigningInput = "invalid_signing_input",
    /// Signing failed.
    SigningFailed = "signing_failed",
    /// The BIP39 passphrase is not the wallet's.
    PassphraseMismatch = "passphrase_mismatch",
    /// Nothing remembered in the OS keychain.
    NotRemembered = "not_remembered",
    // Hardware wallets.
    /// No device connected.
    HwNotConnected = "hw_not_connected",
    /// The OS denies access to the device.
    HwNoPermission = "hw_no_permission",
    /// The device is busy.
    HwBusy = "hw_busy",
    /// The device is locked.
    HwLocked = "hw_locked",
    /// The Ethereum app is not open.
    HwWrongApp = "hw_wrong_app",
    /// Firmware or app too old.
    HwTooOld = "hw_too_old",
    /// Waiting for the person on the device.
    HwAwaitingApproval = "hw_awaiting_approval",
    /// Rejected on the device.
    HwRejected = "hw_rejected",
    /// Blind signing is off.
    HwBlindSigningOff = "hw_blind_signing_off",
    /// The device went away.
    HwDisconnected = "hw_disconnected",
    /// A chain id the device cannot sign for.
    HwUnsupportedChainId = "hw_unsupported_chain_id",
    /// Something the device does not support.
    HwUnsupported = "hw_unsupported",
    /// A derivation path the device refuses.
    HwInvalidPath = "hw_invalid_path",
    /// A path the device forbids.
    HwForbiddenPath = "hw_forbidden_path",
    /// A wrong PIN.
    HwWrongPin = "hw_wrong_pin",
    /// The person cancelled an entry.
    HwEntryCancelled = "hw_entry_cancelled",
    /// Another device's key.
    HwWrongDevice = "hw_wrong_device",
    /// A signature that does not recover to the account.
    HwSignatureMismatch = "hw_signature_mismatch",
    /// The device spoke out of protocol.
    HwProtocol = "hw_protocol",
    /// The device reported an error.
    HwDeviceError = "hw_device_error",
    /// Bad input for the device.
    HwBadInput = "hw_bad_input",
    /// An unknown device family.
    HwUnknownVendor = "hw_unknown_vendor",
    // The database and the data directory.
    /// The database failed.
    Database = "database",
    /// The database fails its integrity check.
    DatabaseDamaged = "database_damaged",
    /// A vault without its database.
    DatabaseMissing = "database_missing",
    /// A database whose vault is gone.
    VaultMissing = "vault_missing",
    /// The data directory cannot be used.
    DataDir = "data_dir",
    // Networks and RPCs.
    /// An unknown network profile.
    UnknownProfile = "unknown_profile",
    /// A chain not in the profile.
    UnknownChain = "unknown_chain",
    /// A token not known on a chain.
    UnknownToken = "unknown_token",
    /// An RPC that serves another chain.
    RpcWrongChain = "rpc_wrong_chain",
    /// No RPC of a chain answers.
    RpcUnreachable = "rpc_unreachable",
    /// A contract that is not an ERC-20.
    NotAToken = "not_a_token",
    /// An RPC endpoint to remove that the person never added.
    RpcNotAdded = "rpc_not_added",
    /// A network that cannot be added.
    InvalidNetwork = "invalid_network",
    /// No devnet where one is expected.
    DevnetNotRunning = "devnet_not_running",
    /// A node refused a request.
    RpcRejected = "rpc_rejected",
    /// A node answered something malformed.
    RpcMalformed = "rpc_malformed",
    // Transactions.
    /// An amount that does not parse for its asset.
    InvalidAmount = "invalid_amount",
    /// Amount plus fees above the balance.
    InsufficientFunds = "insufficient_funds",
    /// "Max" leaves nothing after fees.
    NothingToSend = "nothing_to_send",
    /// The simulation reverted.
    WouldRevert = "would_revert",
    /// The nonce was taken: not sent.
    NonceConflict = "nonce_conflict",
    /// Every node refused it: not sent.
    TxRejected = "tx_rejected",
    /// No node confirmed it: it may have been sent.
    BroadcastUnknown = "broadcast_unknown",
    /// Another process held the account's send lock too long.
    SendLocked = "send_locked",
    /// A replacement's original is already mined.
    AlreadyMined = "already_mined",
    /// A likely second payment of one not mined yet.
    PossibleDuplicate = "possible_duplicate",
    /// No such transaction.
    UnknownTransaction = "unknown_transaction",
    /// Only a transaction not mined yet can be replaced.
    NotReplaceable = "not_replaceable",
    /// A signature for another address.
    SignerMismatch = "signer_mismatch",
    /// Sent, but not in a block after the wait.
    TxPending = "tx_pending",
    /// In a block, but reverted.
    TxReverted = "tx_reverted",
    /// Another transaction with its nonce was mined instead.
    TxReplaced = "tx_replaced",
    /// Its nonce was used by a transaction the wallet did not sign.
    TxDropped = "tx_dropped",
    // Bridges and journeys.
    /// No journey with that id.
    JourneyNotFound = "journey_not_found",
    /// The step is not possible yet (or any more); the sentence says when.
    JourneyNotReady = "journey_not_ready",
    /// That step's transaction is already out.
    JourneyStepInFlight = "journey_step_in_flight",
    /// No canonical bridge joins the two chains.
    NoBridgeRoute = "no_bridge_route",
    /// The asset cannot take that bridge.
    UnsupportedBridgeAsset = "unsupported_bridge_asset",
    // The shells.
    /// The command line does not parse (CLI).
    Usage = "usage",
    /// Input the CLI could not get (no terminal, not confirmed).
    Input = "input",
    /// The devnet failed (CLI).
    Devnet = "devnet",
    /// The wallet is locked (app).
    Locked = "locked",
    /// A review that is no longer prepared (app).
    PreparedExpired = "prepared_expired",
    /// No new phrase waits to be confirmed (app).
    NoPendingWallet = "no_pending_wallet",
    /// A new phrase has 12 or 24 words (app).
    InvalidWordCount = "invalid_word_count",
    /// Not a hardware account (app).
    NotHardware = "not_hardware",
    /// The app's own machinery failed (app).
    Internal = "internal",
    /// The UI runs without the app behind it (UI).
    NoBackend = "no_backend",
    /// An error the UI did not expect (UI).
    Unexpected = "unexpected",
}

impl ErrorCode {
    /// The code of a hardware-wallet error: the device layer, below the core, names its
    /// codes itself (`DeviceError::code`); each is one of these.
    pub fn of_device(e: &switchyard_hw::DeviceError) -> Self {
        let text = e.code();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == text)
            .unwrap_or(Self::HwDeviceError)
    }
}

impl ErrorCode {
    /// Whether the error may mean the device went away or changed (unplugged, locked,
    /// emulator restarted), so a shell should open it again next time rather than reuse its
    /// connection. Not for the person's own refusal or bad input, which the device answered.
    pub fn device_may_be_gone(self) -> bool {
        self.as_str().starts_with("hw_")
            && !matches!(
                self,
                Self::HwRejected | Self::HwBadInput | Self::HwInvalidPath
            )
    }
}

/// Compares with the code's text (`code == "insufficient_funds"`).
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_errors_keep_their_own_codes() {
        use switchyard_hw::DeviceError as D;
        for e in [
            D::WrongApp,
            D::BlindSigningOff,
            D::WrongPin,
            D::EntryCancelled,
            D::Rejected(switchyard_hw::Vendor::Ledger),
            D::Locked(switchyard_hw::Vendor::Trezor),
            D::Disconnected(switchyard_hw::Vendor::Ledger),
            D::BadInput("bad".into()),
        ] {
            assert_eq!(ErrorCode::of_device(&e).as_str(), e.code(), "{e}");
        }
    }

    #[test]
    fn every_code_is_unique_and_serializes_as_its_text() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::json!(code.as_str())
            );
        }
    }
}
