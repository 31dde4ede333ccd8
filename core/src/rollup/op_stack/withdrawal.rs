//! A withdrawal: what `L2ToL1MessagePasser` records on the L2 (`MessagePassed`), its hash,
//! and the storage slot whose value (`0x01`) proves it against an output root.

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    sol_types::SolValue,
};

pub use super::abi::{MessagePassed, WithdrawalTransaction};

impl From<&MessagePassed> for WithdrawalTransaction {
    fn from(event: &MessagePassed) -> Self {
        Self {
            nonce: event.nonce,
            sender: event.sender,
            target: event.target,
            value: event.value,
            gasLimit: event.gasLimit,
            data: event.data.clone(),
        }
    }
}

impl WithdrawalTransaction {
    /// A withdrawal from its parts.
    pub fn new(
        nonce: U256,
        sender: Address,
        target: Address,
        value: U256,
        gas_limit: U256,
        data: Bytes,
    ) -> Self {
        Self {
            nonce,
            sender,
            target,
            value,
            gasLimit: gas_limit,
            data,
        }
    }

    /// `Hashing.hashWithdrawal`: keccak256 of the six fields ABI-encoded as parameters.
    pub fn hash(&self) -> B256 {
        keccak256(
            (
                self.nonce,
                self.sender,
                self.target,
                self.value,
                self.gasLimit,
                self.data.clone(),
            )
                .abi_encode_params(),
        )
    }

    /// The `L2ToL1MessagePasser.sentMessages` slot for this withdrawal.
    pub fn storage_slot(&self) -> B256 {
        storage_slot(self.hash())
    }
}

/// The `sentMessages[withdrawalHash]` storage slot (mapping at slot 0) of the message passer.
pub fn storage_slot(withdrawal_hash: B256) -> B256 {
    keccak256((withdrawal_hash, U256::ZERO).abi_encode())
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{address, b256, bytes};

    use super::*;

    #[test]
    fn the_storage_slot_matches_viem() {
        // devnet-bridges.md §Q5: viem's getWithdrawalHashStorageSlot.
        assert_eq!(
            storage_slot(b256!(
                "0xdda6a5dc4988afc1a8dd93b2d849492eecda5c7ebd1af52ddbc1e8122835d73d"
            )),
            b256!("0x082389c8b6642e5facfa79c502a4620192507e96a1887cb16e365f8782b1e60c")
        );
    }

    #[test]
    fn the_hash_encodes_the_fields_as_parameters_not_as_a_tuple() {
        let w = WithdrawalTransaction::new(
            U256::from(1) << 240,
            address!("0x4200000000000000000000000000000000000007"),
            address!("0x25ace71c97B33Cc4729CF772ae268934F7ab5fA1"),
            U256::from(7),
            U256::from(200_000),
            bytes!("d764ad0b"),
        );
        // A tuple encoding would start with an offset word (0x20); the parameter encoding
        // starts with the nonce. The hash Solidity computes is over the latter.
        let params = (
            w.nonce,
            w.sender,
            w.target,
            w.value,
            w.gasLimit,
            w.data.clone(),
        )
            .abi_encode_params();
        assert_eq!(&params[..32], &w.nonce.to_be_bytes::<32>());
        assert_eq!(w.hash(), keccak256(&params));
        assert_ne!(w.hash(), keccak256(w.abi_encode()));
    }
}
