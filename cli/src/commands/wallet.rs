use clap::{Args, Subcommand};
use serde_json::json;
use switchyard_core::{
    keys::{BackupCheck, KdfParams, SeedPhrase, WordCount},
    views::AccountView,
};

use super::{CliError, Context};
use crate::{input::PASSPHRASE_ENV, output::Output};

#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Create a wallet: shows a new recovery phrase once, then asks for three of its words.
    Init(InitArgs),
    /// Show where the wallet is and what it holds.
    Status,
    /// Remember the wallet on this device (OS keychain), so it opens without the password.
    Remember,
    /// Forget the wallet's key from the OS keychain.
    Forget,
    /// Check a BIP39 passphrase against the wallet's (read from SWITCHYARD_PASSPHRASE or a prompt).
    CheckPassphrase,
    /// Show the recovery phrase (asks for the password even when the wallet is remembered
    /// on this device). Printed on the terminal only, never with --json.
    ShowPhrase,
    /// Change the vault password: the current one as for every command, the new one from
    /// SWITCHYARD_NEW_PASSWORD, the next line of standard input with --password-stdin, or
    /// a prompt (typed twice).
    ChangePassword,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Import an existing recovery phrase, read from the first line of standard input.
    #[arg(long)]
    pub import: bool,
    /// Length of a new recovery phrase.
    #[arg(long, default_value = "12", value_parser = ["12", "24"])]
    pub words: String,
    /// Use a BIP39 passphrase (read from SWITCHYARD_PASSPHRASE or a prompt).
    #[arg(long)]
    pub passphrase: bool,
    /// Skip confirming three words of a new phrase (only if you wrote it down).
    #[arg(long)]
    pub yes: bool,
    /// Also remember the wallet on this device (OS keychain).
    #[arg(long)]
    pub remember: bool,
    /// Create a wallet without a recovery phrase, for imported keys, keystores, watched
    /// addresses and hardware wallets only.
    #[arg(long, conflicts_with_all = ["import", "passphrase", "words"])]
    pub no_phrase: bool,
}

pub fn run(ctx: &Context<'_>, cmd: WalletCommand) -> Result<(), CliError> {
    match cmd {
        WalletCommand::Init(args) => init(ctx, args),
        WalletCommand::Status => status(ctx),
        WalletCommand::Remember => {
            let session = ctx.unlock()?;
            ctx.wallet.remember_on_device(&session)?;
            ctx.out.show(&json!({ "remembered": true }), || {
                "This wallet now opens on this device without its password (key kept in the OS keychain).".into()
            });
            Ok(())
        }
        WalletCommand::Forget => {
            let removed = ctx.wallet.forget_on_device()?;
            ctx.out.show(&json!({ "forgotten": removed }), || {
                if removed {
                    "Removed the wallet's key from the OS keychain."
                } else {
                    "Nothing was remembered on this device."
                }
                .into()
            });
            Ok(())
        }
        WalletCommand::ShowPhrase => {
            if ctx.out.is_json() {
                return Err(CliError::Input(
                    "The recovery phrase is never printed as JSON (scripts should not hold it); run `switchyard wallet show-phrase` on a terminal.".into(),
                ));
            }
            let password = ctx.input.password()?;
            let phrase = ctx.wallet.reveal_phrase(&password)?;
            show_phrase(
                ctx.out,
                &SeedPhrase::parse(&phrase).map_err(switchyard_core::Error::from)?,
                false,
            );
            Ok(())
        }
        WalletCommand::ChangePassword => {
            let current = ctx.input.password()?;
            let new = ctx.input.replacement_password()?;
            ctx.wallet.change_password(&current, &new)?;
            ctx.out.show(&json!({ "passwordChanged": true }), || {
                "The wallet password is changed; the old one no longer opens it.".into()
            });
            Ok(())
        }
        WalletCommand::CheckPassphrase => {
            let session = ctx.unlock()?;
            let candidate = ctx.input.secret(PASSPHRASE_ENV, "BIP39 passphrase: ")?;
            ctx.wallet.check_passphrase(&session, &candidate)?;
            ctx.out.show(&json!({ "matches": true }), || {
                "The passphrase matches this wallet's.".into()
            });
            Ok(())
        }
    }
}

fn init(ctx: &Context<'_>, args: InitArgs) -> Result<(), CliError> {
    if ctx.wallet.is_initialized() {
        return Err(switchyard_core::keys::KeyError::VaultExists(
            ctx.wallet.vault_path().to_owned(),
        )
        .into());
    }
    if args.no_phrase {
        let password = ctx.input.new_password()?;
        ctx.wallet
            .create_without_seed(&password, KdfParams::default())?;
        ctx.out.show(
            &json!({ "dataDir": ctx.wallet.data_dir(), "account": null }),
            || {
                format!(
                    "Wallet created in {} without a recovery phrase. Add accounts with `account import-key`, `import-keystore`, `watch` or `add-hw`.",
                    ctx.wallet.data_dir().display()
                )
            },
        );
        return Ok(());
    }
    let phrase = if args.import {
        SeedPhrase::parse(&ctx.input.line("the recovery phrase")?)?
    } else {
        SeedPhrase::generate(if args.words == "24" {
            WordCount::TwentyFour
        } else {
            WordCount::Twelve
        })
    };
    let passphrase = if args.passphrase {
        ctx.input
            .secret(PASSPHRASE_ENV, "BIP39 passphrase (the \"25th word\"): ")?
    } else {
        Default::default()
    };
    // Ask for the password before showing a new phrase, so a rejected password
    // does not waste a phrase the user already wrote down.
    let password = ctx.input.new_password()?;
    if !args.import {
        show_phrase(ctx.out, &phrase, true);
        if !args.yes {
            confirm_three_words(ctx, &phrase)?;
        }
    }
    let (_session, first) =
        ctx.wallet
            .create(&phrase, &passphrase, &password, KdfParams::default())?;
    if args.passphrase {
        ctx.out.note(
            "Note: with a passphrase, the same words and another passphrase give other accounts. Keep both.",
        );
    }
    ctx.out.show(
        &json!({ "dataDir": ctx.wallet.data_dir(), "account": AccountView::from(&first) }),
        || {
            format!(
                "Wallet created in {}.\nFirst account: {} ({})",
                ctx.wallet.data_dir().display(),
                first.address,
                first.label
            )
        },
    );
    Ok(())
}

/// Prints the phrase on the terminal (stderr); `new` for a phrase just made.
fn show_phrase(out: &Output, phrase: &SeedPhrase, new: bool) {
    let words = phrase.words();
    let mut text = String::from(if new {
        "\nYour recovery phrase. Write it down, in order, and keep it offline.\nAnyone with these words owns your funds; Switchyard will not show them again.\n\n"
    } else {
        "\nYour recovery phrase. Anyone who sees these words owns your funds: make sure nobody is watching.\n\n"
    });
    for (i, word) in words.iter().enumerate() {
        text.push_str(&format!("{:>3}. {word:<10}", i + 1));
        if i % 4 == 3 {
            text.push('\n');
        }
    }
    // To the terminal (stderr), so `--json` output and logs of stdout never hold it.
    out.note(&text);
}

/// Asks for the words at the core's three positions, then lets the core check them.
fn confirm_three_words(ctx: &Context<'_>, phrase: &SeedPhrase) -> Result<(), CliError> {
    let check = BackupCheck::new(phrase.words().len());
    let typed = check
        .positions()
        .iter()
        .map(|p| ctx.input.word(&format!("Word #{p}: ")))
        .collect::<Result<Vec<_>, _>>()?;
    let answers: Vec<&str> = typed.iter().map(|w| w.as_str()).collect();
    Ok(check.verify(phrase, &answers)?)
}

fn status(ctx: &Context<'_>) -> Result<(), CliError> {
    let initialized = ctx.wallet.is_initialized();
    let accounts = ctx.wallet.accounts(true)?;
    let remembered = ctx.wallet.is_remembered()?;
    let value = json!({
        "dataDir": ctx.wallet.data_dir(),
        "initialized": initialized,
        "accounts": accounts.len(),
        "rememberedOnDevice": remembered,
    });
    ctx.out.show(&value, || {
        if initialized {
            format!(
                "Wallet in {}: {} account(s){}.",
                ctx.wallet.data_dir().display(),
                accounts.len(),
                if remembered { ", remembered on this device" } else { "" }
            )
        } else {
            format!(
                "No wallet in {} yet. Create one with `switchyard wallet init`, or import with `switchyard wallet init --import`.",
                ctx.wallet.data_dir().display()
            )
        }
    });
    Ok(())
}
