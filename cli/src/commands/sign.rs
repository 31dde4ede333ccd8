use std::path::PathBuf;

use alloy::primitives::Address;
use clap::Subcommand;
use switchyard_core::{
    accounts::{
        AccountSigner,
        signing::{self, parse_transaction_request},
    },
    wallet::Message,
};

use super::{CliError, Context, block_on};

#[derive(Debug, Subcommand)]
pub enum SignCommand {
    /// personal_sign (EIP-191) a message given as argument or on standard input.
    Message {
        /// Account address or label.
        #[arg(long)]
        account: String,
        /// The message is hex bytes (0x…), not text.
        #[arg(long)]
        hex: bool,
        /// The message (default: standard input).
        message: Option<String>,
    },
    /// Sign EIP-712 typed data (eth_signTypedData_v4 JSON) from a file or standard input.
    TypedData {
        /// Account address or label.
        #[arg(long)]
        account: String,
        /// JSON file (default or "-": standard input).
        file: Option<PathBuf>,
    },
    /// Sign a transaction request (JSON-RPC shape) from a file or standard input.
    Tx {
        /// Account address or label.
        #[arg(long)]
        account: String,
        /// JSON file (default or "-": standard input).
        file: Option<PathBuf>,
    },
}

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
            let message = if is_hex {
                Message::Hex(&text)
            } else {
                Message::Text(&text)
            };
            let (_, signer) = signer(ctx, &account)?;
            let signed = block_on(ctx.wallet.sign_message(&signer, message))?;
            ctx.out.show(&signed, || signed.signature.clone());
            Ok(())
        }
        SignCommand::TypedData { account, file } => {
            let json = read_payload(ctx, file, "the typed data")?;
            let (_, signer) = signer(ctx, &account)?;
            let signed = block_on(ctx.wallet.sign_typed_data(&signer, &json))?;
            ctx.out.show(&signed, || signed.signature.clone());
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

fn read_payload(ctx: &Context<'_>, file: Option<PathBuf>, what: &str) -> Result<String, CliError> {
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(&path)
            .map_err(|e| CliError::Input(format!("Could not read {}: {e}", path.display()))),
        _ => ctx.input.all(what),
    }
}
