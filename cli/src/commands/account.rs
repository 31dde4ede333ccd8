use serde_json::json;
use switchyard_core::{
    accounts::{Account, AccountKind},
    keys::Password,
};

use super::{CliError, Context};
use crate::{args::AccountCommand, input::KEYSTORE_PASSWORD_ENV, output::Output};

pub fn run(ctx: &Context<'_>, cmd: AccountCommand) -> Result<(), CliError> {
    match cmd {
        AccountCommand::List { all } => {
            let accounts = ctx.wallet.accounts(all)?;
            ctx.out.show(&accounts, || {
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
            index,
            label,
        } => {
            let session = ctx.unlock()?;
            let account = ctx
                .wallet
                .add_hd_account(&session, scheme, index, label.as_deref())?;
            show(ctx, &account, "Added");
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
            let session = ctx.unlock()?;
            let keystore_password = Password::new_checked(
                ctx.input
                    .secret(KEYSTORE_PASSWORD_ENV, "Password for the keystore file: ")?
                    .as_str(),
            )?;
            let path = ctx
                .wallet
                .export_keystore(&session, &account, &out, &keystore_password)?;
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
    ctx.out.show(account, || {
        let what = match &account.kind {
            AccountKind::WatchOnly => "watch-only".to_owned(),
            kind => kind.describe(),
        };
        format!("{verb}: {} {} ({what})", account.label, account.address)
    });
}
