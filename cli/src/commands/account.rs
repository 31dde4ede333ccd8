use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;
use switchyard_core::{
    accounts::{Account, AccountKind},
    hw::Vendor,
    keys::{DerivationScheme, Password},
    views::AccountView,
};

use super::{CliError, Context, block_on};
use crate::{input::KEYSTORE_PASSWORD_ENV, output::Output};

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// List accounts.
    List {
        /// Include hidden accounts.
        #[arg(long)]
        all: bool,
    },
    /// Add the next HD account (or a given index) of a derivation scheme.
    Add {
        /// Derivation scheme.
        #[arg(long, value_enum, default_value_t = DerivationScheme::Bip44)]
        scheme: DerivationScheme,
        /// Account index (default: the next unused one).
        #[arg(long, conflicts_with = "count")]
        index: Option<u64>,
        /// Add this many accounts at once, the next unused indexes (one unlock; at most
        /// 10,000). With --label, they are labelled "LABEL 1", "LABEL 2", ….
        #[arg(long)]
        count: Option<u64>,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Find the accounts of the recovery phrase in use on the chains (a balance or a
    /// transaction on any of them; until 20 in a row are unused) and add those missing.
    Discover {
        /// Derivation scheme.
        #[arg(long, value_enum, default_value_t = DerivationScheme::Bip44)]
        scheme: DerivationScheme,
    },
    /// Add an account on a Ledger or Trezor (its address is read from the device).
    AddHw {
        /// The device.
        #[arg(long, value_enum)]
        device: Vendor,
        /// Derivation scheme (with --index).
        #[arg(long, value_enum, default_value_t = DerivationScheme::Live, conflicts_with = "path")]
        scheme: DerivationScheme,
        /// Account index in the scheme.
        #[arg(long, default_value_t = 0, conflicts_with = "path")]
        index: u64,
        /// A custom derivation path instead (e.g. m/44'/60'/5'/0/1).
        #[arg(long)]
        path: Option<String>,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Import a raw private key, read from standard input or a hidden prompt.
    ImportKey {
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Import a Web3 Secret Storage (v3 JSON) keystore; its password comes from
    /// SWITCHYARD_KEYSTORE_PASSWORD or a prompt.
    ImportKeystore {
        /// The keystore file.
        file: PathBuf,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Export an account's key as a keystore; its new password comes from
    /// SWITCHYARD_KEYSTORE_PASSWORD or a prompt.
    ExportKeystore {
        /// Account address or label.
        account: String,
        /// Directory to write the keystore file into.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Watch an address without its key.
    Watch {
        /// The address (EIP-55 checksum enforced on mixed case).
        address: String,
        /// Label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Rename an account.
    Rename {
        /// Account address or label.
        account: String,
        /// New label.
        label: String,
    },
    /// Hide an account from lists (or show it again with --undo).
    Hide {
        /// Account address or label.
        account: String,
        /// Show it again.
        #[arg(long)]
        undo: bool,
    },
}

pub fn run(ctx: &Context<'_>, cmd: AccountCommand) -> Result<(), CliError> {
    match cmd {
        AccountCommand::List { all } => {
            let accounts = ctx.wallet.accounts(all)?;
            let views: Vec<AccountView> = accounts.iter().map(AccountView::from).collect();
            ctx.out.show(&views, || {
                if accounts.is_empty() {
                    return "No accounts. Create a wallet with `switchyard wallet init`.".into();
                }
                let rows = accounts
                    .iter()
                    .map(|a| {
                        vec![
                            a.label.clone(),
                            a.address.to_checksum(None),
                            a.kind.describe(),
                            if a.hidden {
                                "hidden".into()
                            } else {
                                String::new()
                            },
                        ]
                    })
                    .collect();
                Output::table(&["Label", "Address", "Key", ""], rows)
            });
            Ok(())
        }
        AccountCommand::Add {
            scheme,
            index: _,
            count: Some(count),
            label,
        } => {
            let session = ctx.unlock()?;
            let added = ctx
                .wallet
                .add_hd_accounts(&session, scheme, count, label.as_deref())?;
            let views: Vec<AccountView> = added.iter().map(AccountView::from).collect();
            ctx.out.show(&views, || {
                let (first, last) = (&added[0], &added[added.len() - 1]);
                format!(
                    "Added {} accounts: {} {} … {} {}",
                    added.len(),
                    first.label,
                    first.address,
                    last.label,
                    last.address
                )
            });
            Ok(())
        }
        AccountCommand::Add {
            scheme,
            index,
            count: None,
            label,
        } => {
            let session = ctx.unlock()?;
            let account = ctx
                .wallet
                .add_hd_account(&session, scheme, index, label.as_deref())?;
            show(ctx, &account, "Added");
            Ok(())
        }
        AccountCommand::Discover { scheme } => {
            let session = ctx.unlock()?;
            let networks = ctx.networks()?;
            let seed = ctx.wallet.hd_seed(&session)?;
            let added = block_on(ctx.wallet.discover_accounts(seed, &networks, scheme))?;
            let views: Vec<AccountView> = added.iter().map(AccountView::from).collect();
            ctx.out.show(&views, || {
                if added.is_empty() {
                    return "No accounts in use that the wallet does not already have.".into();
                }
                let lines: Vec<String> = added
                    .iter()
                    .map(|a| format!("  {} {}", a.label, a.address))
                    .collect();
                format!(
                    "Added {} accounts in use:\n{}",
                    added.len(),
                    lines.join("\n")
                )
            });
            Ok(())
        }
        AccountCommand::AddHw {
            device,
            scheme,
            index,
            path,
            label,
        } => {
            let account = super::hw::add_account(ctx, device, scheme, index, path, label)?;
            show(ctx, &account, "Added");
            Ok(())
        }
        AccountCommand::ImportKey { label } => {
            let key = ctx.input.line("the private key")?;
            let mut session = ctx.unlock()?;
            let account = ctx
                .wallet
                .import_private_key(&mut session, &key, label.as_deref())?;
            show(ctx, &account, "Imported");
            Ok(())
        }
        AccountCommand::ImportKeystore { file, label } => {
            let keystore_password = Password::new(
                ctx.input
                    .secret(KEYSTORE_PASSWORD_ENV, "Keystore password: ")?
                    .as_str(),
            );
            let mut session = ctx.unlock()?;
            let account = ctx.wallet.import_keystore(
                &mut session,
                &file,
                &keystore_password,
                label.as_deref(),
            )?;
            show(ctx, &account, "Imported");
            Ok(())
        }
        AccountCommand::ExportKeystore { account, out } => {
            let password = ctx.vault_password()?;
            let keystore_password = Password::new_checked(
                ctx.input
                    .secret(KEYSTORE_PASSWORD_ENV, "Password for the keystore file: ")?
                    .as_str(),
            )?;
            let path = ctx
                .wallet
                .export_keystore(&password, &account, &out, &keystore_password)?;
            ctx.out.show(&json!({ "file": path }), || {
                format!("Wrote {}", path.display())
            });
            Ok(())
        }
        AccountCommand::Watch { address, label } => {
            let account = ctx.wallet.watch(&address, label.as_deref())?;
            show(ctx, &account, "Watching");
            Ok(())
        }
        AccountCommand::Rename { account, label } => {
            let account = ctx.wallet.rename(&account, &label)?;
            show(ctx, &account, "Renamed");
            Ok(())
        }
        AccountCommand::Hide { account, undo } => {
            let account = ctx.wallet.set_hidden(&account, !undo)?;
            show(ctx, &account, if undo { "Shown again" } else { "Hidden" });
            Ok(())
        }
    }
}

fn show(ctx: &Context<'_>, account: &Account, verb: &str) {
    ctx.out.show(&AccountView::from(account), || {
        let what = match &account.kind {
            AccountKind::WatchOnly => "watch-only".to_owned(),
            kind => kind.describe(),
        };
        format!("{verb}: {} {} ({what})", account.label, account.address)
    });
}
