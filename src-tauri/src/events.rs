//! Events the wallet thread sends to the UI (typed, generated into the bindings).

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

use switchyard_core::views::{JourneyView, TxView};

/// A transaction's state changed (included, final, replaced, dropped).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct TxUpdated {
    /// The transaction as it is now.
    pub tx: TxView,
}

/// A journey's state changed (or a ticket of it is about to expire).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct JourneyUpdated {
    /// The journey as it is now.
    pub journey: JourneyView,
}

/// Balances on a chain may have changed (a transaction of the wallet was included).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct BalancesChanged {
    /// The chain.
    pub chain_id: u64,
}

/// Why the wallet locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The person locked it.
    Manual,
    /// Nobody used it for the auto-lock time.
    Idle,
}

/// The wallet locked: the UI shows the lock screen.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct WalletLocked {
    /// Why.
    pub reason: LockReason,
}

/// What a device flow needs the person to see or do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HwPromptKind {
    /// Review and approve on the device.
    Confirm,
    /// Unlock the device (PIN or passphrase on the device).
    Unlock,
    /// Type the Trezor PIN (positions in the matrix the device shows); answer with `hw_answer`.
    Pin,
    /// Type the Trezor passphrase; answer with `hw_answer`.
    Passphrase,
    /// The device answered: dismiss the notice.
    Done,
}

/// A hardware-wallet prompt.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct HwPrompt {
    /// What is asked.
    pub kind: HwPromptKind,
    /// "Ledger" or "Trezor".
    pub vendor: String,
    /// The sentence to show.
    pub message: String,
}
