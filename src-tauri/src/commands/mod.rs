//! Every Tauri command, registered in one list ([`specta_builder`]). Commands are thin:
//! they parse their arguments, call `switchyard_core` on the wallet thread ([`Host`]),
//! and map errors to [`CommandError`].
//!
//! [`Host`]: crate::host::Host

pub mod accounts;
pub mod app;
pub mod balances;
pub mod bridge;
pub mod contacts;
pub mod fees;
pub mod hw;
pub mod journey;
pub mod networks;
pub mod send;
pub mod settings;
pub mod sign;
pub mod tokens;
pub mod tx;
pub mod wallet;

use tauri_specta::{Builder, collect_commands, collect_events};

pub use crate::error::{CmdResult, CommandError};

use crate::events::{BalancesChanged, HwPrompt, JourneyUpdated, TxUpdated, WalletLocked};

/// The one list of commands and events the app registers (and the bindings describe).
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            app::app_ready,
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
            accounts::accounts_add_many,
            accounts::accounts_discover,
            accounts::accounts_import_key,
            accounts::accounts_import_keystore,
            accounts::accounts_watch,
            accounts::accounts_rename,
            accounts::accounts_set_hidden,
            contacts::contacts_list,
            contacts::contacts_save,
            contacts::contacts_remove,
            accounts::accounts_export_keystore,
            balances::balances_portfolio,
            send::send_prepare,
            send::send_confirm,
            send::send_discard,
            bridge::bridge_prepare,
            bridge::bridge_confirm,
            journey::journey_list,
            journey::journey_show,
            journey::journey_rebuild,
            journey::journey_prepare_step,
            fees::fees_compare,
            tx::tx_list,
            tx::tx_show,
            tx::tx_wait,
            tx::tx_speed_up,
            tx::tx_cancel,
            networks::networks_list,
            networks::networks_use,
            networks::networks_add_rpc,
            networks::networks_remove_rpc,
            networks::networks_test_rpc,
            networks::networks_add,
            tokens::tokens_list,
            tokens::tokens_add,
            sign::sign_message,
            sign::sign_typed_data,
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
            JourneyUpdated,
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
