//! [`HardwareSigner`]: alloy's `Signer` and `TxSigner` over a device, so the wallet signs
//! through a Ledger or Trezor exactly as through a local key.
//!
//! Two checks MetaMask makes, and so do we (hardware-wallets.md §5.3): before each
//! signature the device re-derives the account's address (wrong device or passphrase is
//! caught before the person approves anything), and after it the signature must recover
//! to the account (a wrong `v`, like alloy-signer-ledger's on some chains, is caught
//! before anything is broadcast).

use std::sync::Arc;

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxEip2930, TxEip7702, TxLegacy, TypedTransaction},
    dyn_abi::TypedData,
    network::TxSigner,
    primitives::{Address, B256, ChainId, Signature, eip191_hash_message},
    signers::{Signer, UnsupportedSignerOperation},
};

use crate::{Device, DeviceError, HdPath, Prompter};

/// An account on a hardware wallet, signing through alloy's traits.
#[derive(Clone)]
pub struct HardwareSigner {
    device: Device,
    path: HdPath,
    address: Address,
    chain_id: Option<ChainId>,
    prompter: Arc<dyn Prompter>,
}

impl std::fmt::Debug for HardwareSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HardwareSigner")
            .field("device", &self.device)
            .field("path", &self.path.to_string())
            .field("address", &self.address)
            .finish()
    }
}

impl HardwareSigner {
    /// The signer for the account at `path` whose address the wallet recorded as
    /// `address`. Nothing is asked of the device until something is signed.
    pub fn new(
        device: Device,
        path: HdPath,
        address: Address,
        prompter: Arc<dyn Prompter>,
    ) -> Self {
        Self {
            device,
            path,
            address,
            chain_id: None,
            prompter,
        }
    }

    /// The device this signer uses.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The account's derivation path.
    pub fn path(&self) -> &HdPath {
        &self.path
    }

    /// Asks the device for the address at the account's path and compares.
    pub async fn check_device(&self) -> Result<(), DeviceError> {
        self.compare_address(false).await
    }

    /// Shows the account's address on the device; succeeds once the person approves it
    /// there, and only if the device derives the recorded address.
    pub async fn verify_on_device(&self) -> Result<(), DeviceError> {
        self.compare_address(true).await
    }

    async fn compare_address(&self, display: bool) -> Result<(), DeviceError> {
        let found = self
            .device
            .address(&self.path, display, &self.prompter)
            .await?;
        if found != self.address {
            return Err(DeviceError::WrongDevice {
                vendor: self.device.vendor(),
                path: self.path.to_string(),
                expected: self.address,
                found,
            });
        }
        Ok(())
    }

    /// Signs a transaction on the device, with both checks.
    pub async fn sign_typed_transaction(
        &self,
        tx: &TypedTransaction,
    ) -> Result<Signature, DeviceError> {
        self.check_device().await?;
        let signature = self
            .device
            .sign_transaction(&self.path, tx, &self.prompter)
            .await?;
        self.check_recovers(signature, tx.signature_hash())?;
        Ok(signature)
    }

    /// Signs an EIP-191 message on the device, with both checks.
    pub async fn sign_personal_message(&self, message: &[u8]) -> Result<Signature, DeviceError> {
        self.check_device().await?;
        let signature = self
            .device
            .sign_message(&self.path, message, &self.prompter)
            .await?;
        self.check_recovers(signature, eip191_hash_message(message))?;
        Ok(signature)
    }

    /// Signs EIP-712 typed data on the device, with both checks.
    pub async fn sign_eip712(&self, data: &TypedData) -> Result<Signature, DeviceError> {
        let hash = data
            .eip712_signing_hash()
            .map_err(|e| DeviceError::BadInput(format!("The typed data cannot be hashed: {e}.")))?;
        self.check_device().await?;
        let signature = self
            .device
            .sign_typed_data(&self.path, data, &self.prompter)
            .await?;
        self.check_recovers(signature, hash)?;
        Ok(signature)
    }

    fn check_recovers(&self, signature: Signature, hash: B256) -> Result<(), DeviceError> {
        let recovered =
            signature
                .recover_address_from_prehash(&hash)
                .map_err(|e| DeviceError::Protocol {
                    vendor: self.device.vendor(),
                    detail: format!("the signature does not recover ({e})"),
                })?;
        if recovered != self.address {
            return Err(DeviceError::SignatureMismatch {
                vendor: self.device.vendor(),
                expected: self.address,
                recovered,
            });
        }
        Ok(())
    }
}

/// Rebuilds the concrete transaction behind alloy's `dyn SignableTransaction`, which
/// devices need field by field (Trezor) or as the exact signing preimage (Ledger). The
/// rebuilt transaction must hash to the same signing hash, so no field is lost.
pub fn typed_transaction(
    tx: &dyn SignableTransaction<Signature>,
) -> Result<TypedTransaction, DeviceError> {
    let chain_id = || {
        tx.chain_id()
            .ok_or_else(|| DeviceError::BadInput("A typed transaction needs a chain id.".into()))
    };
    let access_list = tx.access_list().cloned().unwrap_or_default();
    let typed: TypedTransaction = match tx.ty() {
        0 => TxLegacy {
            chain_id: tx.chain_id(),
            nonce: tx.nonce(),
            gas_price: tx.gas_price().unwrap_or_default(),
            gas_limit: tx.gas_limit(),
            to: tx.kind(),
            value: tx.value(),
            input: tx.input().clone(),
        }
        .into(),
        1 => TxEip2930 {
            chain_id: chain_id()?,
            nonce: tx.nonce(),
            gas_price: tx.gas_price().unwrap_or_default(),
            gas_limit: tx.gas_limit(),
            to: tx.kind(),
            value: tx.value(),
            access_list,
            input: tx.input().clone(),
        }
        .into(),
        2 => TxEip1559 {
            chain_id: chain_id()?,
            nonce: tx.nonce(),
            gas_limit: tx.gas_limit(),
            max_fee_per_gas: tx.max_fee_per_gas(),
            max_priority_fee_per_gas: tx.max_priority_fee_per_gas().unwrap_or_default(),
            to: tx.kind(),
            value: tx.value(),
            access_list,
            input: tx.input().clone(),
        }
        .into(),
        4 => TxEip7702 {
            chain_id: chain_id()?,
            nonce: tx.nonce(),
            gas_limit: tx.gas_limit(),
            max_fee_per_gas: tx.max_fee_per_gas(),
            max_priority_fee_per_gas: tx.max_priority_fee_per_gas().unwrap_or_default(),
            to: tx.to().ok_or_else(|| {
                DeviceError::BadInput("An EIP-7702 transaction needs a recipient.".into())
            })?,
            value: tx.value(),
            access_list,
            authorization_list: tx
                .authorization_list()
                .map(<[_]>::to_vec)
                .unwrap_or_default(),
            input: tx.input().clone(),
        }
        .into(),
        other => {
            return Err(DeviceError::Unsupported(format!(
                "Hardware wallets cannot sign transactions of type {other} here."
            )));
        }
    };
    if typed.signature_hash() != tx.signature_hash() {
        return Err(DeviceError::BadInput(
            "The transaction has fields a hardware wallet cannot be given; nothing was signed."
                .into(),
        ));
    }
    Ok(typed)
}

/// Device errors travel inside alloy's error as themselves, so the wallet can show
/// their sentence and code (see [`device_error`]).
fn to_alloy(error: DeviceError) -> alloy::signers::Error {
    alloy::signers::Error::other(error)
}

/// The device error inside an alloy signer error, if it came from a device.
pub fn device_error(error: alloy::signers::Error) -> Result<DeviceError, alloy::signers::Error> {
    match error {
        alloy::signers::Error::Other(boxed) => boxed
            .downcast::<DeviceError>()
            .map(|e| *e)
            .map_err(alloy::signers::Error::Other),
        other => Err(other),
    }
}

#[async_trait::async_trait]
impl Signer for HardwareSigner {
    async fn sign_hash(&self, _hash: &B256) -> alloy::signers::Result<Signature> {
        // Devices sign what they can show, never a bare hash.
        Err(alloy::signers::Error::UnsupportedOperation(
            UnsupportedSignerOperation::SignHash,
        ))
    }

    async fn sign_message(&self, message: &[u8]) -> alloy::signers::Result<Signature> {
        self.sign_personal_message(message).await.map_err(to_alloy)
    }

    async fn sign_dynamic_typed_data(
        &self,
        payload: &TypedData,
    ) -> alloy::signers::Result<Signature> {
        self.sign_eip712(payload).await.map_err(to_alloy)
    }

    fn address(&self) -> Address {
        self.address
    }

    fn chain_id(&self) -> Option<ChainId> {
        self.chain_id
    }

    fn set_chain_id(&mut self, chain_id: Option<ChainId>) {
        self.chain_id = chain_id;
    }
}

#[async_trait::async_trait]
impl TxSigner<Signature> for HardwareSigner {
    fn address(&self) -> Address {
        self.address
    }

    async fn sign_transaction(
        &self,
        tx: &mut dyn SignableTransaction<Signature>,
    ) -> alloy::signers::Result<Signature> {
        if let Some(chain_id) = self.chain_id
            && !tx.set_chain_id_checked(chain_id)
        {
            return Err(alloy::signers::Error::TransactionChainIdMismatch {
                signer: chain_id,
                tx: tx.chain_id().unwrap_or_default(),
            });
        }
        let typed = typed_transaction(tx).map_err(to_alloy)?;
        self.sign_typed_transaction(&typed).await.map_err(to_alloy)
    }
}
