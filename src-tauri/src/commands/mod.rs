//! Every Tauri command, registered in one list ([`specta_builder`]). Commands are thin:
//! they parse their arguments, call `switchyard_core` on the wallet thread ([`Host`]),
//! and map errors to [`CommandError`].
//!
//! [`Host`]: crate::host::Host

pub mod accounts;
pub mod balances;
pub mod fees;
pub mod hw;
pub mod networks;
pub mod send;
pub mod settings;
pub mod tx;
pub mod wallet;

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::{Builder, collect_commands, collect_events};

use crate::events::{BalancesChanged, HwPrompt, TxUpdated, WalletLocked};

/// An error as the UI receives it: a stable code and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    /// Stable, machine-readable code (see `switchyard_core::Error::code`).
    pub code: String,
    /// What went wrong and what to do, for a person.
    pub message: String,
}

impl CommandError {
    /// An error raised by the shell itself rather than by the core.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The wallet is locked.
    pub fn locked() -> Self {
        Self::new(
            "locked",
            "The wallet is locked. Unlock it with your password.",
        )
    }
}

impl From<switchyard_core::Error> for CommandError {
    fn from(e: switchyard_core::Error) -> Self {
        Self {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

/// Results of commands.
pub type CmdResult<T> = Result<T, CommandError>;

/// The one list of commands and events the app registers (and the bindings describe).
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            wallet::wallet_status,
            wallet::wallet_begin_create,
            wallet::wallet_finish_create,
            wallet::wallet_import_phrase,
            wallet::wallet_create_without_phrase,
            wallet::wallet_unlock,
            wallet::wallet_lock,
            wallet::wallet_touch,
            wallet::wallet_set_remember,
            wallet::wallet_reveal_phrase,
            wallet::wallet_change_password,
            accounts::accounts_list,
            accounts::accounts_add,
            accounts::accounts_import_key,
            accounts::accounts_import_keystore,
            accounts::accounts_watch,
            accounts::accounts_rename,
            accounts::accounts_set_hidden,
            accounts::accounts_contacts,
            accounts::accounts_save_contact,
            accounts::accounts_remove_contact,
            balances::balances_portfolio,
            send::send_prepare,
            send::send_confirm,
            send::send_discard,
            fees::fees_compare,
            tx::tx_list,
            tx::tx_speed_up,
            tx::tx_cancel,
            networks::networks_list,
            networks::networks_use,
            networks::networks_add_rpc,
            networks::networks_remove_rpc,
            networks::networks_test_rpc,
            networks::networks_add,
            hw::hw_discover,
            hw::hw_add_account,
            hw::hw_verify,
            hw::hw_answer,
            settings::settings_get,
            settings::settings_set_auto_lock,
            settings::settings_set_hw_endpoint,
        ])
        .events(collect_events![
            TxUpdated,
            BalancesChanged,
            WalletLocked,
            HwPrompt
        ])
        // Chain ids, nonces, gas and block numbers are far below 2^53; amounts cross as
        // decimal strings, never as numbers.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (views are serialized only, forms deserialized
        // only, so serde "phases" would only add suffixed duplicates).
        .disable_serde_phases()
}
