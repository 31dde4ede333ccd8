use std::path::PathBuf;

use alloy::primitives::{Address, Signature, hex};
use serde_json::json;
use switchyard_core::accounts::{
    AccountError, AccountSigner,
    signing::{self, parse_transaction_request, parse_typed_data},
};

use super::{CliError, Context, block_on};
use crate::args::SignCommand;

pub fn run(ctx: &Context<'_>, cmd: SignCommand) -> Result<(), CliError> {
    match cmd {
        SignCommand::Message {
            account,
            hex: is_hex,
            message,
        } => {
            let text = match message {
                Some(m) => m,
                None => ctx.input.all("the message")?,
            };
            let bytes = if is_hex {
                hex::decode(text.trim()).map_err(|_| {
                    AccountError::BadSigningInput(
                        "--hex was given but the message is not hex bytes.".into(),
                    )
                })?
            } else {
                text.into_bytes()
            };
            let (account, signer) = signer(ctx, &account)?;
            let signature = block_on(signing::sign_message(&signer, &bytes))?;
            show_signature(ctx, account, signature);
            Ok(())
        }
        SignCommand::TypedData { account, file } => {
            let data = parse_typed_data(&read_payload(ctx, file, "the typed data")?)?;
            let (account, signer) = signer(ctx, &account)?;
            let signature = block_on(signing::sign_typed_data(&signer, &data))?;
            show_signature(ctx, account, signature);
            Ok(())
        }
        SignCommand::Tx { account, file } => {
            let request = parse_transaction_request(&read_payload(ctx, file, "the transaction")?)?;
            let (_, signer) = signer(ctx, &account)?;
            let signed = block_on(signing::sign_transaction(&signer, request))?;
            ctx.out.show(&signed, || {
                format!("{}\n(hash {})", signed.raw, signed.hash)
            });
            Ok(())
        }
    }
}

fn signer(ctx: &Context<'_>, reference: &str) -> Result<(Address, AccountSigner), CliError> {
    let account = ctx.wallet.find_account(reference)?;
    Ok((account.address, ctx.signer(&account)?))
}

fn show_signature(ctx: &Context<'_>, address: Address, signature: Signature) {
    let sig = hex::encode_prefixed(signature.as_bytes());
    ctx.out.show(
        &json!({ "address": address.to_checksum(None), "signature": sig }),
        || sig.clone(),
    );
}

fn read_payload(ctx: &Context<'_>, file: Option<PathBuf>, what: &str) -> Result<String, CliError> {
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(&path)
            .map_err(|e| CliError::Input(format!("Could not read {}: {e}", path.display()))),
        _ => ctx.input.all(what),
    }
}
