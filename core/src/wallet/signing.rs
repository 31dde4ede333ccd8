//! Signing messages and typed data with an account's signer (a vault key or a device), as
//! both shells offer it.

use alloy::{primitives::hex, signers::Signer};

use super::Wallet;
use crate::{
    accounts::{AccountError, AccountSigner, signing},
    error::Result,
    views::SignatureView,
};

/// A message to sign with `personal_sign` (EIP-191), as the person gave it.
#[derive(Debug, Clone, Copy)]
pub enum Message<'a> {
    /// Text, signed as its UTF-8 bytes.
    Text(&'a str),
    /// Hex bytes (`0x…`), signed as those bytes.
    Hex(&'a str),
}

impl Wallet {
    /// Signs `message` (EIP-191 `personal_sign`) with `signer`.
    pub async fn sign_message(
        &self,
        signer: &AccountSigner,
        message: Message<'_>,
    ) -> Result<SignatureView> {
        let bytes = match message {
            Message::Text(text) => text.as_bytes().to_vec(),
            Message::Hex(text) => hex::decode(text.trim()).map_err(|_| {
                AccountError::BadSigningInput("The message is not hex bytes (0x…).".into())
            })?,
        };
        let signature = signing::sign_message(signer, &bytes).await?;
        Ok(SignatureView::new(signer.address(), &signature))
    }

    /// Signs EIP-712 typed data given as `eth_signTypedData_v4` JSON with `signer`.
    pub async fn sign_typed_data(
        &self,
        signer: &AccountSigner,
        json: &str,
    ) -> Result<SignatureView> {
        let data = signing::parse_typed_data(json)?;
        let signature = signing::sign_typed_data(signer, &data).await?;
        Ok(SignatureView::new(signer.address(), &signature))
    }
}
