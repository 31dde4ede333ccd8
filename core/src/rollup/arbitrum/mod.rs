//! Arbitrum Nitro's messaging protocol (`l2-protocols.md` §2): what an L1 inbox message
//! becomes on the child chain (an ETH deposit, a retryable ticket) and the ids
//! `@arbitrum/sdk` gives them, the L1→L2 address alias, and the outbox's item hashes and
//! Merkle proofs for withdrawals.
//!
//! - [`inbox`]: `InboxMessageDelivered` data → [`inbox::EthDeposit`] / [`inbox::Retryable`] and their ids;
//! - [`outbox`]: an L2→L1 message's item hash, and the send Merkle tree's root and proofs;
//! - [`abi`]: the inbox, bridge, outbox and precompiles, as called.

pub mod abi;
pub mod inbox;
pub mod outbox;

use alloy::primitives::{Address, U160, address};

/// The offset L1 contract senders are shifted by on the child chain.
pub const ALIAS_OFFSET: Address = address!("0x1111000000000000000000000000000000001111");

/// The child-chain address of an L1 sender (`AddressAliasHelper.applyL1ToL2Alias`).
pub fn apply_alias(l1: Address) -> Address {
    let sum = U160::from_be_bytes(l1.0.0).wrapping_add(U160::from_be_bytes(ALIAS_OFFSET.0.0));
    Address::from(sum.to_be_bytes())
}

/// The L1 address behind an aliased child-chain sender (`undoL1ToL2Alias`).
pub fn undo_alias(l2: Address) -> Address {
    let diff = U160::from_be_bytes(l2.0.0).wrapping_sub(U160::from_be_bytes(ALIAS_OFFSET.0.0));
    Address::from(diff.to_be_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliasing_matches_the_sdk_and_wraps_around() {
        // devnet-bridges.md §Q5: @arbitrum/sdk's Address.applyAlias.
        let user = address!("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        assert_eq!(
            apply_alias(user),
            address!("0x4D55cDDdb6a900fa2B585dD299e03D12fA42a4CD")
        );
        assert_eq!(undo_alias(apply_alias(user)), user);
        let high = address!("0xffffffffffffffffffffffffffffffffffffffff");
        assert_eq!(undo_alias(apply_alias(high)), high);
    }
}
