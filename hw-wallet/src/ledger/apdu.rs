//! Request APDUs of the Ethereum app (hardware-wallets.md §1.2–1.8), byte for byte as
//! Ledger's own client (`@ledgerhq/hw-app-eth` 7.9.0) sends them, checked against its
//! recorded transcripts.

use crate::HdPath;

/// The class byte of every Ethereum-app command.
pub const CLA: u8 = 0xE0;
/// GET_ETH_PUBLIC_ADDRESS.
pub const INS_GET_ADDRESS: u8 = 0x02;
/// SIGN_ETH_TRANSACTION.
pub const INS_SIGN_TX: u8 = 0x04;
/// GET_APP_CONFIGURATION.
pub const INS_GET_CONFIGURATION: u8 = 0x06;
/// SIGN_ETH_PERSONAL_MESSAGE.
pub const INS_SIGN_PERSONAL: u8 = 0x08;
/// SIGN_ETH_EIP_712 (P2 00 = v0 hashes, 01 = full mode).
pub const INS_SIGN_EIP712: u8 = 0x0C;
/// EIP712_SEND_STRUCT_DEFINITION.
pub const INS_EIP712_STRUCT_DEF: u8 = 0x1A;
/// EIP712_SEND_STRUCT_IMPLEMENTATION.
pub const INS_EIP712_STRUCT_IMPL: u8 = 0x1C;
/// P1 of the first chunk of a chunked request.
pub const P1_FIRST: u8 = 0x00;
/// P1 of every later chunk.
pub const P1_MORE: u8 = 0x80;
/// The most data one short APDU carries.
pub const MAX_DATA: usize = 255;

/// `CLA INS P1 P2 Lc data`, with `Lc = 00` when there is no data (as hw-app-eth sends
/// `e006000000`; the app's APDU parser wants the byte).
pub fn command(ins: u8, p1: u8, p2: u8, data: &[u8]) -> Vec<u8> {
    assert!(data.len() <= MAX_DATA, "APDU data over 255 bytes");
    let mut out = Vec::with_capacity(5 + data.len());
    out.extend_from_slice(&[CLA, ins, p1, p2, data.len() as u8]);
    out.extend_from_slice(data);
    out
}

/// GET_APP_CONFIGURATION: `e006000000`.
pub fn get_configuration() -> Vec<u8> {
    command(INS_GET_CONFIGURATION, 0, 0, &[])
}

/// GET_ETH_PUBLIC_ADDRESS: P1 01 shows the address for confirmation, P2 01 asks for
/// the chain code; a chain id (8 bytes BE) lets the device name the network.
pub fn get_address(
    path: &HdPath,
    display: bool,
    chain_code: bool,
    chain_id: Option<u64>,
) -> Vec<u8> {
    let mut data = path.to_ledger_bytes();
    if let Some(id) = chain_id {
        data.extend_from_slice(&id.to_be_bytes());
    }
    command(INS_GET_ADDRESS, display as u8, chain_code as u8, &data)
}

/// SIGN_ETH_TRANSACTION: `path ‖ unsigned tx` in chunks, P1 00 then 80.
/// `legacy` selects hw-app-eth's #409 rule (see [`safe_chunks`]).
pub fn sign_transaction(path: &HdPath, unsigned_tx: &[u8], legacy: bool) -> Vec<Vec<u8>> {
    chunked(
        INS_SIGN_TX,
        safe_chunks(&path.to_ledger_bytes(), unsigned_tx, legacy),
    )
}

fn chunked(ins: u8, chunks: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| command(ins, if i == 0 { P1_FIRST } else { P1_MORE }, 0, chunk))
        .collect()
}

/// Splits `path ‖ tx` into APDU data chunks the way hw-app-eth's
/// `safeChunkTransaction` does. Typed transactions: plain 255-byte chunks. Legacy: the
/// app parses the RLP as it arrives and may start signing early if the last chunk
/// holds only the EIP-155 tail (app-ethereum #409), so the chunk size shrinks until the
/// last chunk is empty or longer than the RLP of the last three items.
pub fn safe_chunks(path: &[u8], unsigned_tx: &[u8], legacy: bool) -> Vec<Vec<u8>> {
    let payload = [path, unsigned_tx].concat();
    if payload.len() <= MAX_DATA {
        return vec![payload];
    }
    let mut size = MAX_DATA;
    if legacy {
        let tail = last_three_items_len(unsigned_tx).unwrap_or(0);
        let fits = |size: usize| {
            let last = payload.len() % size;
            last == 0 || last > tail
        };
        size = (1..=MAX_DATA).rev().find(|s| fits(*s)).unwrap_or(MAX_DATA);
    }
    payload.chunks(size).map(<[u8]>::to_vec).collect()
}

/// The length hw-app-eth compares the last chunk against: the RLP of a list of the
/// transaction's last three items, minus its first byte.
pub fn last_three_items_len(unsigned_tx: &[u8]) -> Option<usize> {
    let items = rlp::list_items(unsigned_tx)?;
    if items.len() < 3 {
        return None;
    }
    let payload: usize = items[items.len() - 3..].iter().map(|i| i.len()).sum();
    Some(rlp::list_header_len(payload) + payload - 1)
}

/// SIGN_ETH_PERSONAL_MESSAGE: `path ‖ u32 BE length ‖ message` in 255-byte chunks.
pub fn sign_personal_message(path: &HdPath, message: &[u8]) -> Vec<Vec<u8>> {
    let mut payload = path.to_ledger_bytes();
    payload.extend_from_slice(&(message.len() as u32).to_be_bytes());
    payload.extend_from_slice(message);
    chunked(
        INS_SIGN_PERSONAL,
        payload.chunks(MAX_DATA).map(<[u8]>::to_vec).collect(),
    )
}

/// SIGN_ETH_EIP_712 v0: `path ‖ domain separator ‖ hashStruct(message)`.
pub fn sign_eip712_hashes(
    path: &HdPath,
    domain_separator: &[u8; 32],
    message_hash: &[u8; 32],
) -> Vec<u8> {
    let mut data = path.to_ledger_bytes();
    data.extend_from_slice(domain_separator);
    data.extend_from_slice(message_hash);
    command(INS_SIGN_EIP712, 0x00, 0x00, &data)
}

/// SIGN_ETH_EIP_712 full mode: `path`, after the definitions and the implementation.
pub fn sign_eip712_full(path: &HdPath) -> Vec<u8> {
    command(INS_SIGN_EIP712, 0x00, 0x01, &path.to_ledger_bytes())
}

/// Just enough RLP to find item boundaries (shared with the simulator, which reads
/// the transaction as the app does).
pub mod rlp {
    /// `(is_list, header length, payload length)` of the item starting `buf`.
    pub fn header(buf: &[u8]) -> Option<(bool, usize, usize)> {
        let first = *buf.first()?;
        let long = |base: u8| -> Option<(usize, usize)> {
            let n = (first - base) as usize;
            let bytes = buf.get(1..1 + n)?;
            if n > 8 {
                return None;
            }
            let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
            Some((1 + n, len))
        };
        Some(match first {
            0x00..=0x7f => (false, 0, 1),
            0x80..=0xb7 => (false, 1, (first - 0x80) as usize),
            0xb8..=0xbf => {
                let (h, l) = long(0xb7)?;
                (false, h, l)
            }
            0xc0..=0xf7 => (true, 1, (first - 0xc0) as usize),
            _ => {
                let (h, l) = long(0xf7)?;
                (true, h, l)
            }
        })
    }

    /// The raw encodings of the items of the list that `buf` is exactly.
    pub fn list_items(buf: &[u8]) -> Option<Vec<&[u8]>> {
        let (is_list, h, len) = header(buf)?;
        if !is_list || buf.len() != h + len {
            return None;
        }
        let mut items = Vec::new();
        let mut rest = &buf[h..];
        while !rest.is_empty() {
            let (_, ih, il) = header(rest)?;
            let end = ih.checked_add(il)?;
            if end > rest.len() {
                return None;
            }
            items.push(&rest[..end]);
            rest = &rest[end..];
        }
        Some(items)
    }

    /// The payload of a single item (string) encoding.
    pub fn payload(item: &[u8]) -> &[u8] {
        match header(item) {
            Some((_, h, l)) if item.len() >= h + l => &item[h..h + l],
            _ => &[],
        }
    }

    /// The length of a list header for a payload of `len` bytes.
    pub fn list_header_len(len: usize) -> usize {
        if len <= 55 {
            1
        } else {
            1 + (usize::BITS / 8 - len.leading_zeros() / 8) as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_chunks_never_end_on_the_eip155_tail() {
        let path: HdPath = "m/44'/60'/0'/0/0".parse().unwrap();
        let path = path.to_ledger_bytes();
        // A legacy tx whose path ‖ rlp is 255 + 3 bytes: the tail 018080 would be alone.
        let data_len = 258 - path.len() - 14;
        let mut body = vec![0x80, 0x80, 0x80, 0x80, 0x80];
        body.push(0xb9);
        body.extend_from_slice(&(data_len as u16).to_be_bytes());
        body.extend(std::iter::repeat_n(0xaa, data_len));
        body.extend_from_slice(&[0x01, 0x80, 0x80]);
        let mut tx = vec![0xf9];
        tx.extend_from_slice(&(body.len() as u16).to_be_bytes());
        tx.extend_from_slice(&body);
        assert_eq!(last_three_items_len(&tx), Some(3));
        let total = path.len() + tx.len();
        let chunks = safe_chunks(&path, &tx, true);
        assert_eq!(chunks.iter().map(Vec::len).sum::<usize>(), total);
        assert!(chunks.last().unwrap().len() > 3);
        // The typed rule would have split 255 + rest.
        let typed = safe_chunks(&path, &tx, false);
        assert_eq!(typed[0].len(), 255);
    }
}
