//! Withdrawals through the outbox: each L2→L1 message is an item (`Outbox.calculateItemHash`)
//! whose leaf (`keccak256(item)`) sits in ArbOS's send Merkle tree; the outbox executes it
//! once its proof reaches a send root the rollup confirmed.
//!
//! The tree is ArbOS's Merkle accumulator: leaves in order, internal nodes
//! `keccak256(left ‖ right)`, and an empty subtree — at any height — is the zero word
//! (so a tree of 3 leaves has root `H(H(l0, l1), H(l2, 0))`, of 5 leaves
//! `H(H(H(l0, l1), H(l2, l3)), H(H(l4, 0), 0))`). A proof lists the siblings from the
//! leaf up; bit `i` of the leaf's index says whether the node at height `i` is a right
//! child, as `MerkleLib.calculateRoot` reads it.

use alloy::primitives::{Address, B256, U256, keccak256};

/// `Outbox.calculateItemHash`: `keccak256(abi.encodePacked(l2Sender, to, l2Block,
/// l1Block, l2Timestamp, value, data))`, which is also `L2ToL1Tx.hash`.
pub fn item_hash(
    l2_sender: Address,
    to: Address,
    l2_block: U256,
    l1_block: U256,
    l2_timestamp: U256,
    value: U256,
    data: &[u8],
) -> B256 {
    let mut packed = Vec::with_capacity(40 + 4 * 32 + data.len());
    packed.extend_from_slice(l2_sender.as_slice());
    packed.extend_from_slice(to.as_slice());
    for word in [l2_block, l1_block, l2_timestamp, value] {
        packed.extend_from_slice(&word.to_be_bytes::<32>());
    }
    packed.extend_from_slice(data);
    keccak256(packed)
}

/// The tree's leaf for an item.
pub fn leaf(item: B256) -> B256 {
    keccak256(item)
}

/// The root of the tree holding `leaves` (the zero word for none).
pub fn root(leaves: &[B256]) -> B256 {
    if leaves.is_empty() {
        return B256::ZERO;
    }
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        level = parents(&level);
    }
    level[0]
}

/// The siblings from leaf `index` up to the root of the tree holding `leaves`, or `None`
/// when there is no such leaf.
pub fn proof(leaves: &[B256], index: usize) -> Option<Vec<B256>> {
    if index >= leaves.len() {
        return None;
    }
    let mut proof = Vec::new();
    let (mut level, mut at) = (leaves.to_vec(), index);
    while level.len() > 1 {
        proof.push(level.get(at ^ 1).copied().unwrap_or_default());
        level = parents(&level);
        at /= 2;
    }
    Some(proof)
}

/// `Outbox.calculateMerkleRoot`: the root `proof` leads to from `item` at `index`.
pub fn root_from_proof(proof: &[B256], index: u64, item: B256) -> B256 {
    let mut node = leaf(item);
    for (height, sibling) in proof.iter().enumerate() {
        node = if index >> height & 1 == 1 {
            keccak256([sibling.as_slice(), node.as_slice()].concat())
        } else {
            keccak256([node.as_slice(), sibling.as_slice()].concat())
        };
    }
    node
}

/// The level above `level` (a missing right child is an empty subtree).
fn parents(level: &[B256]) -> Vec<B256> {
    level
        .chunks(2)
        .map(|pair| pair_hash(pair[0], pair.get(1).copied().unwrap_or_default()))
        .collect()
}

/// A parent node; an empty subtree (the zero word on both sides) stays empty.
fn pair_hash(left: B256, right: B256) -> B256 {
    if left.is_zero() && right.is_zero() {
        return B256::ZERO;
    }
    keccak256([left.as_slice(), right.as_slice()].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<B256> {
        (0..n).map(|i| keccak256([i as u8])).collect()
    }

    #[test]
    fn every_proof_leads_to_the_root_for_every_size() {
        for size in 1..=17 {
            let items = items(size);
            let leaves: Vec<B256> = items.iter().copied().map(leaf).collect();
            let root = root(&leaves);
            for (i, item) in items.iter().enumerate() {
                let proof = proof(&leaves, i).unwrap();
                // The outbox wants the shortest path: index < 2^len.
                assert!(i < 1 << proof.len(), "size {size} leaf {i}");
                assert_eq!(
                    root_from_proof(&proof, i as u64, *item),
                    root,
                    "size {size} leaf {i}"
                );
                if size > 1 {
                    // The wrong side at the bottom leads elsewhere.
                    assert_ne!(
                        root_from_proof(&proof, i as u64 ^ 1, *item),
                        root,
                        "size {size} leaf {i}"
                    );
                }
            }
            assert_eq!(proof(&leaves, size), None);
        }
    }

    #[test]
    fn an_empty_subtree_is_the_zero_word_at_any_height() {
        let l: Vec<B256> = items(5).into_iter().map(leaf).collect();
        let h = |a: B256, b: B256| keccak256([a.as_slice(), b.as_slice()].concat());
        assert_eq!(root(&l[..1]), l[0]);
        assert_eq!(root(&l[..3]), h(h(l[0], l[1]), h(l[2], B256::ZERO)));
        assert_eq!(
            root(&l),
            h(
                h(h(l[0], l[1]), h(l[2], l[3])),
                h(h(l[4], B256::ZERO), B256::ZERO)
            )
        );
    }
}
