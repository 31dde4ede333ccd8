//! Signing through alloy's signer traits, so a local key and a hardware device sign
//! the same way: transactions (legacy EIP-155, EIP-2930, EIP-1559), personal_sign
//! messages (EIP-191) and typed data (EIP-712).

use alloy::{
    consensus::TxEnvelope,
    dyn_abi::TypedData,
    eips::eip2718::Encodable2718,
    network::TxSigner,
    primitives::{B256, Bytes, Signature},
    rpc::types::TransactionRequest,
    signers::Signer,
};
use serde::Serialize;

use super::AccountError;

/// A signed transaction ready for `eth_sendRawTransaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedTransaction {
    /// EIP-2718 encoding.
    pub raw: Bytes,
    /// Transaction hash.
    pub hash: B256,
    /// EIP-2718 type (0 legacy, 1 EIP-2930, 2 EIP-1559…).
    pub tx_type: u8,
    /// The signature.
    pub signature: Signature,
}

/// Parses a transaction request in the JSON-RPC shape (`chainId`, `nonce`, `gas`,
/// `maxFeePerGas`, … as hex or decimal quantities).
pub fn parse_transaction_request(json: &str) -> Result<TransactionRequest, AccountError> {
    serde_json::from_str(json).map_err(|e| {
        AccountError::BadSigningInput(format!(
            "The transaction is not valid JSON of the expected shape: {e}."
        ))
    })
}

/// Parses EIP-712 typed data (the `eth_signTypedData_v4` JSON).
pub fn parse_typed_data(json: &str) -> Result<TypedData, AccountError> {
    serde_json::from_str(json).map_err(|e| {
        AccountError::BadSigningInput(format!("The typed data is not valid EIP-712 JSON: {e}."))
    })
}

/// Signs a complete transaction request. The chain id is required (replay protection),
/// and a `from` field, if present, must be the signer.
pub async fn sign_transaction<S>(
    signer: &S,
    request: TransactionRequest,
) -> Result<SignedTransaction, AccountError>
where
    S: TxSigner<Signature> + ?Sized,
{
    if request.chain_id.is_none() {
        return Err(AccountError::BadSigningInput(
            "The transaction has no chainId. Switchyard signs only replay-protected transactions: add the chain's id.".into(),
        ));
    }
    if let Some(from) = request.from.filter(|from| *from != signer.address()) {
        return Err(AccountError::BadSigningInput(format!(
            "The transaction's from ({from}) is not the signing account ({}).",
            signer.address()
        )));
    }
    let mut tx = request.build_typed_tx().map_err(|request| {
        let detail = match request.missing_keys() {
            Err((kind, missing)) => format!("a {kind:?} transaction needs {}", missing.join(", ")),
            Ok(_) => "it is not a transaction type Switchyard can sign here".to_owned(),
        };
        AccountError::BadSigningInput(format!("The transaction is incomplete: {detail}."))
    })?;
    let signature = signer
        .sign_transaction(&mut tx)
        .await
        .map_err(signing_error)?;
    let envelope: TxEnvelope = tx.into_envelope(signature);
    Ok(SignedTransaction {
        raw: envelope.encoded_2718().into(),
        hash: *envelope.tx_hash(),
        tx_type: envelope.tx_type() as u8,
        signature,
    })
}

/// Signs a message the EIP-191 `personal_sign` way.
pub async fn sign_message<S: Signer + Sync + ?Sized>(
    signer: &S,
    message: &[u8],
) -> Result<Signature, AccountError> {
    signer.sign_message(message).await.map_err(signing_error)
}

/// Signs EIP-712 typed data.
pub async fn sign_typed_data<S: Signer + Sync + ?Sized>(
    signer: &S,
    data: &TypedData,
) -> Result<Signature, AccountError> {
    signer
        .sign_dynamic_typed_data(data)
        .await
        .map_err(signing_error)
}

/// A device's own error keeps its sentence and code; anything else is a signing failure.
fn signing_error(error: alloy::signers::Error) -> AccountError {
    match switchyard_hw::signer::device_error(error) {
        Ok(device) => AccountError::Device(device),
        Err(other) => AccountError::Signing(other.to_string()),
    }
}
