//! Signing messages (EIP-191) and typed data (EIP-712) with an account's key or device.

use switchyard_core::{accounts::AccountKind, views::SignatureView, wallet::Message};
use tauri::State;

use super::CmdResult;
use crate::{ctx::WalletCtx, host::Host};

/// What to sign.
enum Payload {
    Message { text: String, hex: bool },
    TypedData(String),
}

async fn sign(ctx: &WalletCtx, address: &str, payload: Payload) -> CmdResult<SignatureView> {
    let wallet = ctx.unlocked()?;
    let account = wallet.find_account(address)?;
    let signed = async {
        let signer = ctx.signer(&account).await?;
        Ok(match &payload {
            Payload::Message { text, hex: true } => {
                wallet.sign_message(&signer, Message::Hex(text)).await?
            }
            Payload::Message { text, hex: false } => {
                wallet.sign_message(&signer, Message::Text(text)).await?
            }
            Payload::TypedData(json) => wallet.sign_typed_data(&signer, json).await?,
        })
    }
    .await;
    match &account.kind {
        AccountKind::Hardware { device, .. } => ctx.device_result(*device, signed),
        _ => signed,
    }
}

/// Signs a message (`personal_sign`): text, or hex bytes when `hex`.
#[tauri::command]
#[specta::specta]
pub async fn sign_message(
    host: State<'_, Host>,
    address: String,
    message: String,
    hex: bool,
) -> CmdResult<SignatureView> {
    host.call("sign_message", move |ctx| async move {
        sign(&ctx, &address, Payload::Message { text: message, hex }).await
    })
    .await
}

/// Signs EIP-712 typed data given as `eth_signTypedData_v4` JSON.
#[tauri::command]
#[specta::specta]
pub async fn sign_typed_data(
    host: State<'_, Host>,
    address: String,
    json: String,
) -> CmdResult<SignatureView> {
    host.call("sign_typed_data", move |ctx| async move {
        sign(&ctx, &address, Payload::TypedData(json)).await
    })
    .await
}
