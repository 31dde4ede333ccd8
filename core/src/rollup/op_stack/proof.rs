//! The storage proof a withdrawal is proven with: `eth_getProof`'s nodes for the message
//! passer's `sentMessages[withdrawalHash]` slot, with the fix-up viem
//! (`maybeAddProofNode`) and the OP SDK apply: when the trie keeps the withdrawal's leaf
//! inline in the last branch node (a leaf shorter than 32 bytes is embedded, not hashed),
//! the portal's trie verifier needs that leaf as one more proof element. Unlike viem, the
//! leaf's path is read as hex-prefix encoding says (viem keeps an even path's padding
//! nibble and so misses such a leaf unless the key has a 0 there).

use alloy::{
    primitives::{B256, Bytes, hex, keccak256},
    rlp::Header,
};

/// `proof` for storage `slot`, with the inline leaf appended when the last node is a
/// branch that embeds it. Anything that does not parse is returned unchanged (the portal
/// then refuses it, which names the problem better than a guess here).
pub fn with_inline_leaf(slot: B256, mut proof: Vec<Bytes>) -> Vec<Bytes> {
    let key = hex::encode(keccak256(slot));
    let Some(last) = proof.last() else {
        return proof;
    };
    let Some(items) = list_items(last) else {
        return proof;
    };
    if items.len() != 17 {
        return proof;
    }
    let mut extra = Vec::new();
    for (is_list, raw) in items {
        if !is_list {
            continue;
        }
        // The embedded node's first item is its compact-encoded path; after its first
        // nibble (the node type) come the nibbles the key must end with.
        let Some(path) = list_items(raw).and_then(|inner| inner.first().map(|(_, p)| *p)) else {
            continue;
        };
        let Some(path) = string_payload(path) else {
            continue;
        };
        // Hex-prefix encoding: flag 2 = a leaf with an even path (a padding nibble
        // follows the flag), 3 = a leaf with an odd one; extensions never end the key.
        let nibbles = hex::encode(path);
        let suffix = match nibbles.as_bytes().first() {
            Some(b'2') => nibbles.get(2..),
            Some(b'3') => nibbles.get(1..),
            _ => None,
        };
        if suffix.is_some_and(|suffix| key.ends_with(suffix)) {
            extra.push(Bytes::copy_from_slice(raw));
        }
    }
    proof.extend(extra);
    proof
}

/// The items of an RLP list, each as (is it a list, its whole encoding).
fn list_items(encoded: &[u8]) -> Option<Vec<(bool, &[u8])>> {
    let mut buf = encoded;
    let header = Header::decode(&mut buf).ok()?;
    if !header.list || buf.len() < header.payload_length {
        return None;
    }
    let mut payload = &buf[..header.payload_length];
    let mut items = Vec::new();
    while !payload.is_empty() {
        let start = payload;
        let mut rest = payload;
        let item = Header::decode(&mut rest).ok()?;
        let header_len = start.len() - rest.len();
        let total = header_len.checked_add(item.payload_length)?;
        if total > start.len() {
            return None;
        }
        items.push((item.list, &start[..total]));
        payload = &start[total..];
    }
    Some(items)
}

/// The payload of an RLP string.
fn string_payload(encoded: &[u8]) -> Option<&[u8]> {
    let mut buf = encoded;
    let header = Header::decode(&mut buf).ok()?;
    (!header.list && buf.len() >= header.payload_length).then(|| &buf[..header.payload_length])
}

#[cfg(test)]
mod tests {
    use alloy::rlp::Encodable;

    use super::*;

    fn list(items: &[Vec<u8>]) -> Vec<u8> {
        let payload: Vec<u8> = items.concat();
        let mut out = Vec::new();
        Header {
            list: true,
            payload_length: payload.len(),
        }
        .encode(&mut out);
        out.extend(payload);
        out
    }

    fn string(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        bytes.encode(&mut out);
        out
    }

    /// A branch node whose child `at` is the leaf `[path, 0x01]` embedded inline.
    fn branch_with_inline_leaf(at: usize, path: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let leaf = list(&[string(path), string(&[1])]);
        let mut children: Vec<Vec<u8>> = (0..16).map(|_| string(&[])).collect();
        children[at] = leaf.clone();
        children.push(string(&[]));
        (list(&children), leaf)
    }

    #[test]
    fn an_inline_leaf_ending_the_key_is_appended_and_nothing_else() {
        let slot = B256::repeat_byte(7);
        let key = keccak256(slot);
        // A leaf holding the key's last two nibbles (even form: flag 2, a padding nibble).
        let path = [0x20, key[31]];
        let (branch, leaf) = branch_with_inline_leaf(3, &path);
        let root_node = Bytes::from(vec![0xc0]);
        let proof = vec![root_node.clone(), Bytes::from(branch.clone())];
        let fixed = with_inline_leaf(slot, proof.clone());
        assert_eq!(
            fixed,
            vec![root_node.clone(), Bytes::from(branch), Bytes::from(leaf)]
        );

        // A leaf for another key stays out; so does anything when the last node is a leaf.
        let (other, _) = branch_with_inline_leaf(3, &[0x20, key[31] ^ 0xff]);
        let proof = vec![root_node.clone(), Bytes::from(other)];
        assert_eq!(with_inline_leaf(slot, proof.clone()), proof);
        let proof = vec![
            root_node,
            Bytes::from(list(&[string(&[0x20, key[31]]), string(&[1])])),
        ];
        assert_eq!(with_inline_leaf(slot, proof.clone()), proof);
        assert_eq!(
            with_inline_leaf(slot, vec![Bytes::from(vec![0xff])]),
            vec![Bytes::from(vec![0xff])]
        );
        // The odd form: flag 3, then the key's last three nibbles.
        let odd = [0x30 | (key[30] & 0x0f), key[31]];
        let (branch, leaf) = branch_with_inline_leaf(9, &odd);
        let proof = vec![Bytes::from(branch.clone())];
        assert_eq!(
            with_inline_leaf(slot, proof),
            vec![Bytes::from(branch), Bytes::from(leaf)]
        );
    }
}
