//! The output root: what an OP Stack dispute game claims about an L2 block, and the
//! preimage a withdrawal proof reveals (`l2-protocols.md` §1.5).

use alloy::{
    primitives::{B256, keccak256},
    sol_types::SolValue,
};

pub use super::abi::OutputRootProof;

impl OutputRootProof {
    /// A version-0 proof from an L2 block's state root and hash and the message passer's
    /// storage root at that block (`eth_getProof(…).storageHash`).
    pub fn v0(state_root: B256, message_passer_storage_root: B256, block_hash: B256) -> Self {
        Self {
            version: B256::ZERO,
            stateRoot: state_root,
            messagePasserStorageRoot: message_passer_storage_root,
            latestBlockhash: block_hash,
        }
    }

    /// `Hashing.hashOutputRootProof`: the output root a game's `rootClaim` must equal.
    pub fn root(&self) -> B256 {
        keccak256(self.abi_encode())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_hashes_the_four_words_in_order() {
        let (s, m, b) = (
            B256::repeat_byte(1),
            B256::repeat_byte(2),
            B256::repeat_byte(3),
        );
        let proof = OutputRootProof::v0(s, m, b);
        let words = [B256::ZERO, s, m, b].concat();
        assert_eq!(proof.root(), keccak256(words));
        // A static struct encodes as its words: no offset in front.
        assert_eq!(proof.abi_encode().len(), 128);
        assert_ne!(proof.root(), OutputRootProof::v0(m, s, b).root());
    }
}
