use alloy::primitives::{Address, Bytes, U256};

use crate::fees::{FeeRequest, GasPlan};

/// What any on-chain step signs: a call from an account, with value and calldata, on one
/// chain — a transfer, a deposit, a prove, a fill, a channel close. Everything after it
/// (quote, review, sign, store, broadcast, track) is the same for all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The chain it runs on.
    pub chain_id: u64,
    /// The account that signs and pays.
    pub from: Address,
    /// The account or contract called.
    pub to: Address,
    /// Native value sent with it.
    pub value: U256,
    /// Calldata (empty for a plain transfer).
    pub input: Bytes,
    /// How its gas is found.
    pub gas: GasPlan,
}

impl Call {
    /// The fee request that prices it.
    pub fn fee_request(&self) -> FeeRequest {
        FeeRequest {
            from: Some(self.from),
            to: self.to,
            value: self.value,
            input: self.input.clone(),
            gas: self.gas,
        }
    }
}
