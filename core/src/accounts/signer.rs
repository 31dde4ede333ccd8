//! One signer type for every account that can sign: a key in the vault or a device.

use alloy::{
    consensus::SignableTransaction,
    dyn_abi::TypedData,
    network::TxSigner,
    primitives::{Address, B256, ChainId, Signature},
    signers::{Signer, local::PrivateKeySigner},
};
use switchyard_hw::signer::HardwareSigner;

/// The signer of an account: the wallet's code signs through this, never caring where
/// the key lives.
#[derive(Debug, Clone)]
pub enum AccountSigner {
    /// A key derived from the recovery phrase or imported into the vault.
    Local(PrivateKeySigner),
    /// A key on a Ledger or Trezor.
    Hardware(HardwareSigner),
}

#[async_trait::async_trait]
impl Signer for AccountSigner {
    async fn sign_hash(&self, hash: &B256) -> alloy::signers::Result<Signature> {
        match self {
            Self::Local(s) => s.sign_hash(hash).await,
            Self::Hardware(s) => s.sign_hash(hash).await,
        }
    }

    async fn sign_message(&self, message: &[u8]) -> alloy::signers::Result<Signature> {
        match self {
            Self::Local(s) => s.sign_message(message).await,
            Self::Hardware(s) => s.sign_message(message).await,
        }
    }

    async fn sign_dynamic_typed_data(
        &self,
        payload: &TypedData,
    ) -> alloy::signers::Result<Signature> {
        match self {
            Self::Local(s) => s.sign_dynamic_typed_data(payload).await,
            Self::Hardware(s) => s.sign_dynamic_typed_data(payload).await,
        }
    }

    fn address(&self) -> Address {
        match self {
            Self::Local(s) => Signer::address(s),
            Self::Hardware(s) => Signer::address(s),
        }
    }

    fn chain_id(&self) -> Option<ChainId> {
        match self {
            Self::Local(s) => Signer::chain_id(s),
            Self::Hardware(s) => Signer::chain_id(s),
        }
    }

    fn set_chain_id(&mut self, chain_id: Option<ChainId>) {
        match self {
            Self::Local(s) => Signer::set_chain_id(s, chain_id),
            Self::Hardware(s) => Signer::set_chain_id(s, chain_id),
        }
    }
}

#[async_trait::async_trait]
impl TxSigner<Signature> for AccountSigner {
    fn address(&self) -> Address {
        Signer::address(self)
    }

    async fn sign_transaction(
        &self,
        tx: &mut dyn SignableTransaction<Signature>,
    ) -> alloy::signers::Result<Signature> {
        match self {
            Self::Local(s) => TxSigner::sign_transaction(s, tx).await,
            Self::Hardware(s) => TxSigner::sign_transaction(s, tx).await,
        }
    }
}
