//! Creating, importing, unlocking and locking the wallet; the explicit phrase reveal.

use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::{
    ErrorCode, Unlock,
    keys::{BackupCheck, KdfParams, KeyError, Password, SeedPhrase, mnemonic::WordCount},
};
use tauri::State;

use super::{CmdResult, CommandError};
use crate::{ctx::PendingWallet, ctx::WalletCtx, events::LockReason, host::Host};

/// What the app needs to know to choose its first screen.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WalletStatus {
    /// Whether a wallet (vault) exists in the data directory.
    pub initialized: bool,
    /// Whether it is unlocked.
    pub unlocked: bool,
    /// Whether its key is remembered in the OS keychain.
    pub remembered: bool,
    /// Whether it has a recovery phrase (false for key-, watch- or hardware-only wallets).
    pub has_phrase: bool,
    /// The active network profile ("devnet", "mainnets", "testnets").
    pub network: String,
    /// The data directory.
    pub data_dir: String,
    /// The log file.
    pub log_file: String,
    /// Minutes of inactivity before the wallet locks.
    pub auto_lock_minutes: u32,
}

fn status(ctx: &WalletCtx) -> CmdResult<WalletStatus> {
    let wallet = ctx.wallet()?;
    let has_phrase = ctx.with_session(|s| Ok(s.has_phrase())).unwrap_or(false);
    Ok(WalletStatus {
        initialized: wallet.is_initialized(),
        unlocked: ctx.is_unlocked(),
        remembered: wallet.is_remembered()?,
        has_phrase,
        network: wallet.network_key()?,
        data_dir: ctx.paths.data_dir.display().to_string(),
        log_file: ctx.paths.log_file.display().to_string(),
        auto_lock_minutes: wallet.auto_lock_minutes()?,
    })
}

/// The wallet's state.
#[tauri::command]
#[specta::specta]
pub async fn wallet_status(host: State<'_, Host>) -> CmdResult<WalletStatus> {
    host.call("wallet_status", |ctx| async move { status(&ctx) })
        .await
}

/// The words to confirm after the phrase is shown.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupCheckView {
    /// Number of words.
    pub words: u8,
    /// The positions (1-based) whose words the person types back.
    pub positions: Vec<u8>,
}

/// Starts creating a wallet: checks the password and generates a phrase, kept in memory
/// only. Show it with `wallet_reveal_phrase`, then finish with `wallet_finish_create`.
#[tauri::command]
#[specta::specta]
pub async fn wallet_begin_create(
    host: State<'_, Host>,
    password: String,
    words: u8,
) -> CmdResult<BackupCheckView> {
    host.call("wallet_begin_create", move |ctx| async move {
        let wallet = ctx.wallet()?;
        if wallet.is_initialized() {
            return Err(switchyard_core::Error::from(KeyError::VaultExists(
                wallet.vault_path().to_owned(),
            ))
            .into());
        }
        let count = match words {
            12 => WordCount::Twelve,
            24 => WordCount::TwentyFour,
            _ => {
                return Err(CommandError::new(
                    ErrorCode::InvalidWordCount,
                    "A new recovery phrase has 12 or 24 words.",
                ));
            }
        };
        let password = Password::new_checked(password).map_err(switchyard_core::Error::from)?;
        let check = BackupCheck::new(count.words());
        let view = BackupCheckView {
            words,
            positions: check.positions().to_vec(),
        };
        *ctx.pending() = Some(PendingWallet {
            phrase: SeedPhrase::generate(count),
            password,
            check,
        });
        Ok(view)
    })
    .await
}

/// Finishes creating: the typed words must match; then the vault is written and opened.
#[tauri::command]
#[specta::specta]
pub async fn wallet_finish_create(
    host: State<'_, Host>,
    answers: Vec<String>,
    remember: bool,
) -> CmdResult<WalletStatus> {
    host.call("wallet_finish_create", move |ctx| async move {
        let wallet = ctx.wallet()?;
        let mut pending = ctx.pending();
        let Some(p) = pending.as_ref() else {
            return Err(CommandError::new(
                ErrorCode::NoPendingWallet,
                "Start again: no new recovery phrase is waiting to be confirmed.",
            ));
        };
        let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
        p.check
            .verify(&p.phrase, &answers)
            .map_err(switchyard_core::Error::from)?;
        let (session, _) = wallet.create(&p.phrase, "", &p.password, KdfParams::default())?;
        *pending = None;
        drop(pending);
        open(&ctx, session, remember)
    })
    .await
}

fn open(
    ctx: &WalletCtx,
    session: switchyard_core::Session,
    remember: bool,
) -> CmdResult<WalletStatus> {
    let wallet = ctx.wallet()?;
    if remember {
        wallet.remember_on_device(&session)?;
    }
    ctx.set_session(session);
    ctx.reset_networks();
    status(ctx)
}

/// Creates the wallet from an existing recovery phrase (and optional BIP39 passphrase).
#[tauri::command]
#[specta::specta]
pub async fn wallet_import_phrase(
    host: State<'_, Host>,
    phrase: String,
    passphrase: String,
    password: String,
    remember: bool,
) -> CmdResult<WalletStatus> {
    host.call("wallet_import_phrase", move |ctx| async move {
        let wallet = ctx.wallet()?;
        let phrase = SeedPhrase::parse(&phrase).map_err(switchyard_core::Error::from)?;
        let password = Password::new_checked(password).map_err(switchyard_core::Error::from)?;
        let (session, _) = wallet.create(&phrase, &passphrase, &password, KdfParams::default())?;
        open(&ctx, session, remember)
    })
    .await
}

/// Creates a wallet without a recovery phrase (to import a key or keystore, watch an
/// address, or add a hardware wallet next).
#[tauri::command]
#[specta::specta]
pub async fn wallet_create_without_phrase(
    host: State<'_, Host>,
    password: String,
    remember: bool,
) -> CmdResult<WalletStatus> {
    host.call("wallet_create_without_phrase", move |ctx| async move {
        let wallet = ctx.wallet()?;
        let password = Password::new_checked(password).map_err(switchyard_core::Error::from)?;
        let session = wallet.create_without_seed(&password, KdfParams::default())?;
        open(&ctx, session, remember)
    })
    .await
}

/// Unlocks with the password, or (no password) with the key remembered in the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn wallet_unlock(
    host: State<'_, Host>,
    password: Option<String>,
) -> CmdResult<WalletStatus> {
    host.call("wallet_unlock", move |ctx| async move {
        let wallet = ctx.wallet()?;
        let session = match password {
            Some(p) => wallet.unlock(Unlock::Password(&Password::new(p)))?,
            None => wallet.unlock(Unlock::Keychain)?,
        };
        ctx.set_session(session);
        status(&ctx)
    })
    .await
}

/// Locks now.
#[tauri::command]
#[specta::specta]
pub async fn wallet_lock(host: State<'_, Host>) -> CmdResult<()> {
    host.call("wallet_lock", |ctx| async move {
        ctx.lock(LockReason::Manual);
        Ok(())
    })
    .await
}

/// The person is active (keys, pointer): postpones auto-lock.
#[tauri::command]
#[specta::specta]
pub async fn wallet_touch(host: State<'_, Host>) -> CmdResult<()> {
    // Only this counts as activity: commands the UI sends by itself (refreshes after
    // events) must not keep an unattended wallet open.
    host.call("wallet_touch", |ctx| async move {
        ctx.touch();
        Ok(())
    })
    .await
}

/// Turns "remember on this device" (OS keychain) on or off.
#[tauri::command]
#[specta::specta]
pub async fn wallet_set_remember(host: State<'_, Host>, remember: bool) -> CmdResult<WalletStatus> {
    host.call("wallet_set_remember", move |ctx| async move {
        let wallet = ctx.unlocked()?;
        if remember {
            ctx.with_session(|s| Ok(wallet.remember_on_device(s)?))?;
        } else {
            wallet.forget_on_device()?;
        }
        status(&ctx)
    })
    .await
}

/// The recovery phrase.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RevealedPhrase {
    /// The words, in order.
    pub words: Vec<String>,
}

/// Changes the vault password: `current` must open the vault; `replacement` must meet the
/// policy.
/// Kill-safe (the vault file is replaced atomically); a key remembered in the OS keychain
/// keeps working (the data key does not change).
#[tauri::command]
#[specta::specta]
pub async fn wallet_change_password(
    host: State<'_, Host>,
    current: String,
    replacement: String,
) -> CmdResult<()> {
    host.call("wallet_change_password", move |ctx| async move {
        ctx.wallet()?
            .change_password(&Password::new(current), &Password::new(replacement))?;
        Ok(())
    })
    .await
}

/// The explicit, password-confirmed reveal of the recovery phrase — the only command whose
/// result holds a secret. During onboarding it shows the new phrase (confirmed against the
/// password just chosen); afterwards, the wallet's.
#[tauri::command]
#[specta::specta]
pub async fn wallet_reveal_phrase(
    host: State<'_, Host>,
    password: String,
) -> CmdResult<RevealedPhrase> {
    host.call("wallet_reveal_phrase", move |ctx| async move {
        let password = Password::new(password);
        if let Some(p) = ctx.pending().as_ref() {
            if p.password.as_bytes() != password.as_bytes() {
                return Err(CommandError::new(
                    ErrorCode::WrongPassword,
                    "That is not the password you just chose.",
                ));
            }
            return Ok(RevealedPhrase {
                words: p.phrase.words().into_iter().map(str::to_owned).collect(),
            });
        }
        let phrase = ctx.wallet()?.reveal_phrase(&password)?;
        Ok(RevealedPhrase {
            words: phrase.split_whitespace().map(str::to_owned).collect(),
        })
    })
    .await
}
