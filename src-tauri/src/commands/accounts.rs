//! Accounts (HD, imported, watched), their labels and keystore export.

use switchyard_core::{
    keys::{DerivationScheme, Password},
    views::AccountView,
};
use tauri::State;

use super::CmdResult;
use crate::host::Host;

fn label(label: &Option<String>) -> Option<&str> {
    label.as_deref().map(str::trim).filter(|l| !l.is_empty())
}

/// The accounts (hidden ones only when asked).
#[tauri::command]
#[specta::specta]
pub async fn accounts_list(
    host: State<'_, Host>,
    include_hidden: bool,
) -> CmdResult<Vec<AccountView>> {
    host.call("accounts_list", move |ctx| async move {
        let accounts = ctx.unlocked()?.accounts(include_hidden)?;
        Ok(accounts.iter().map(AccountView::from).collect())
    })
    .await
}

/// Adds the next account derived from the recovery phrase (BIP44).
#[tauri::command]
#[specta::specta]
pub async fn accounts_add(host: State<'_, Host>, label: Option<String>) -> CmdResult<AccountView> {
    host.call("accounts_add", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let account = ctx.with_session(|s| {
            Ok(wallet.add_hd_account(s, DerivationScheme::Bip44, None, self::label(&label))?)
        })?;
        Ok(AccountView::from(&account))
    })
    .await
}

/// Adds the next `count` accounts derived from the recovery phrase (BIP44) at once (all
/// or none; at most 10,000), labelled "LABEL 1", "LABEL 2", … when a label is given.
#[tauri::command]
#[specta::specta]
pub async fn accounts_add_many(
    host: State<'_, Host>,
    count: u32,
    label: Option<String>,
) -> CmdResult<Vec<AccountView>> {
    host.call("accounts_add_many", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let added = ctx.with_session(|s| {
            Ok(wallet.add_hd_accounts(
                s,
                DerivationScheme::Bip44,
                u64::from(count),
                self::label(&label),
            )?)
        })?;
        Ok(added.iter().map(AccountView::from).collect())
    })
    .await
}

/// Finds the recovery phrase's accounts in use on the active networks and adds those
/// missing; the accounts added.
#[tauri::command]
#[specta::specta]
pub async fn accounts_discover(host: State<'_, Host>) -> CmdResult<Vec<AccountView>> {
    host.call("accounts_discover", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let networks = ctx.networks()?;
        // A copy of the seed: the session is not borrowed across the chain reads.
        let seed = ctx.with_session(|s| Ok(wallet.hd_seed(s)?))?;
        let added = wallet
            .discover_accounts(seed, &networks, DerivationScheme::Bip44)
            .await?;
        Ok(added.iter().map(AccountView::from).collect())
    })
    .await
}

/// Imports a private key (hex).
#[tauri::command]
#[specta::specta]
pub async fn accounts_import_key(
    host: State<'_, Host>,
    key: String,
    label: Option<String>,
) -> CmdResult<AccountView> {
    host.call("accounts_import_key", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let account =
            ctx.with_session(|s| Ok(wallet.import_private_key(s, &key, self::label(&label))?))?;
        Ok(AccountView::from(&account))
    })
    .await
}

/// Imports a keystore file's JSON text with its password.
#[tauri::command]
#[specta::specta]
pub async fn accounts_import_keystore(
    host: State<'_, Host>,
    json: String,
    password: String,
    label: Option<String>,
) -> CmdResult<AccountView> {
    host.call("accounts_import_keystore", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let account = ctx.with_session(|s| {
            Ok(wallet.import_keystore_json(
                s,
                &json,
                &Password::new(password),
                self::label(&label),
            )?)
        })?;
        Ok(AccountView::from(&account))
    })
    .await
}

/// Watches an address (no key).
#[tauri::command]
#[specta::specta]
pub async fn accounts_watch(
    host: State<'_, Host>,
    address: String,
    label: Option<String>,
) -> CmdResult<AccountView> {
    host.call("accounts_watch", move |ctx| async move {
        let account = ctx.unlocked()?.watch(&address, self::label(&label))?;
        Ok(AccountView::from(&account))
    })
    .await
}

/// Renames an account.
#[tauri::command]
#[specta::specta]
pub async fn accounts_rename(
    host: State<'_, Host>,
    address: String,
    label: String,
) -> CmdResult<AccountView> {
    host.call("accounts_rename", move |ctx| async move {
        Ok(AccountView::from(
            &ctx.unlocked()?.rename(&address, &label)?,
        ))
    })
    .await
}

/// Hides an account (or shows it again).
#[tauri::command]
#[specta::specta]
pub async fn accounts_set_hidden(
    host: State<'_, Host>,
    address: String,
    hidden: bool,
) -> CmdResult<AccountView> {
    host.call("accounts_set_hidden", move |ctx| async move {
        Ok(AccountView::from(
            &ctx.unlocked()?.set_hidden(&address, hidden)?,
        ))
    })
    .await
}

/// Writes an account's key as a keystore file (scrypt n = 2^18) into `directory`, after
/// the vault password is typed again; returns the file's path. The key never crosses to
/// the UI: only the path does.
#[tauri::command]
#[specta::specta]
pub async fn accounts_export_keystore(
    host: State<'_, Host>,
    address: String,
    password: String,
    keystore_password: String,
    directory: String,
) -> CmdResult<String> {
    host.call("accounts_export_keystore", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        let keystore_password =
            Password::new_checked(keystore_password).map_err(switchyard_core::Error::from)?;
        let path = wallet.export_keystore(
            &Password::new(password),
            &address,
            std::path::Path::new(directory.trim()),
            &keystore_password,
        )?;
        Ok(path.display().to_string())
    })
    .await
}
