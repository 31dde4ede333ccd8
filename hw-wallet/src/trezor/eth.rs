//! Ethereum flows: addresses, transactions (with the firmware-driven data chunk loop),
//! personal_sign. Message ids and semantics: hardware-wallets.md §3.2.

use alloy::{
    consensus::TypedTransaction,
    primitives::{Address, Signature, TxKind, U256},
};
use trezor_client::protos::{
    EthereumAddress, EthereumGetAddress, EthereumGetPublicKey, EthereumMessageSignature,
    EthereumPublicKey, EthereumSignMessage, EthereumSignTx, EthereumSignTxEIP1559, EthereumTxAck,
    EthereumTxRequest, ethereum_sign_tx_eip1559::EthereumAccessList,
};

use super::session::{Ask, Wire, expect};
use crate::{DeviceError, HdPath, Vendor};

/// The most calldata the first message carries (trezorlib, firmware).
const MAX_INITIAL_CHUNK: usize = 1024;

fn protocol(detail: impl Into<String>) -> DeviceError {
    DeviceError::Protocol {
        vendor: Vendor::Trezor,
        detail: detail.into(),
    }
}

/// An unsigned integer as the firmware takes it: big-endian without leading zeros
/// (zero is empty), like trezorlib's `int_to_big_endian`.
pub(crate) fn be_min(value: U256) -> Vec<u8> {
    let bytes = value.to_be_bytes::<32>();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(32);
    bytes[first..].to_vec()
}

/// A 32-byte (or shorter, left-padded) big-endian scalar from the device.
fn scalar(bytes: &[u8], what: &str) -> Result<U256, DeviceError> {
    if bytes.is_empty() || bytes.len() > 32 {
        return Err(protocol(format!("its {what} has {} bytes", bytes.len())));
    }
    Ok(U256::from_be_slice(bytes))
}

/// A 65-byte `r ‖ s ‖ v` signature with `v` 27/28 (or 0/1).
pub(crate) fn rsv(bytes: &[u8]) -> Result<Signature, DeviceError> {
    if bytes.len() != 65 {
        return Err(protocol(format!(
            "its signature has {} bytes, not 65",
            bytes.len()
        )));
    }
    let parity = match bytes[64] {
        0 | 27 => false,
        1 | 28 => true,
        v => return Err(protocol(format!("its signature has v = {v}"))),
    };
    Ok(Signature::new(
        U256::from_be_slice(&bytes[..32]),
        U256::from_be_slice(&bytes[32..64]),
        parity,
    ))
}

/// The y-parity in a legacy `signature_v`: current firmware sends the full EIP-155 v
/// (`2·chain_id + 35 + parity`) when it fits its uint32, otherwise (and old firmware
/// always) just the parity. Computed in u128 so chain ids up to 2^64 - 1 work.
pub(crate) fn legacy_parity(v: u32, chain_id: u64) -> Result<bool, DeviceError> {
    if v <= 1 {
        return Ok(v == 1);
    }
    let base = 2 * u128::from(chain_id) + 35;
    match u128::from(v).checked_sub(base) {
        Some(0) => Ok(false),
        Some(1) => Ok(true),
        _ => Err(protocol(format!(
            "its v = {v} does not belong to chain id {chain_id}"
        ))),
    }
}

pub(crate) fn address(
    wire: &mut Wire,
    ask: &Ask<'_>,
    path: &HdPath,
    display: bool,
) -> Result<Address, DeviceError> {
    let mut request = EthereumGetAddress::new();
    request.address_n = path.indices().to_vec();
    request.set_show_display(display);
    let reply: EthereumAddress = expect(wire.call(&request, ask)?)?;
    if let Some(text) = reply.address.as_deref() {
        // The firmware sends EIP-55; accept any case (the bytes are what matter).
        return text
            .parse::<Address>()
            .map_err(|e| protocol(format!("its address {text:?} is not an address: {e}")));
    }
    match reply._old_address.as_deref() {
        Some(bytes) if bytes.len() == 20 => Ok(Address::from_slice(bytes)),
        _ => Err(protocol("its EthereumAddress has no address")),
    }
}

pub(crate) fn public_key(
    wire: &mut Wire,
    ask: &Ask<'_>,
    path: &HdPath,
) -> Result<super::ExtendedPublicKey, DeviceError> {
    let mut request = EthereumGetPublicKey::new();
    request.address_n = path.indices().to_vec();
    request.set_show_display(false);
    let reply: EthereumPublicKey = expect(wire.call(&request, ask)?)?;
    let node = reply
        .node
        .as_ref()
        .ok_or_else(|| protocol("its EthereumPublicKey has no node"))?;
    if node.public_key().len() != 33 || node.chain_code().len() != 32 {
        return Err(protocol("its EthereumPublicKey node is malformed"));
    }
    Ok(super::ExtendedPublicKey {
        xpub: reply.xpub().to_owned(),
        public_key: node.public_key().to_vec(),
        chain_code: node.chain_code().to_vec(),
        fingerprint: node.fingerprint(),
        child_num: node.child_num(),
        depth: node.depth(),
    })
}

/// Refuses the transaction types Trezor cannot sign, before any I/O.
pub(crate) fn check_tx_type(tx: &TypedTransaction) -> Result<(), DeviceError> {
    let refuse = |what: &str, advice: &str| {
        Err(DeviceError::Unsupported(format!(
            "Trezor does not sign {what} transactions; {advice}"
        )))
    };
    match tx {
        TypedTransaction::Legacy(legacy) if legacy.chain_id.is_none() => {
            Err(DeviceError::BadInput(
                "Trezor signs legacy transactions only with a chain id (EIP-155); set the chain id."
                    .into(),
            ))
        }
        TypedTransaction::Legacy(_) | TypedTransaction::Eip1559(_) => Ok(()),
        TypedTransaction::Eip2930(_) => refuse(
            "EIP-2930 (type 1)",
            "send it as an EIP-1559 (type 2) transaction, which carries an access list too.",
        ),
        TypedTransaction::Eip4844(_) => refuse(
            "EIP-4844 (blob)",
            "send blobs from a software account.",
        ),
        TypedTransaction::Eip7702(_) => refuse(
            "EIP-7702 (type 4)",
            "set up the delegation from a software account.",
        ),
    }
}

/// The notice shown while the device displays the transaction.
pub(crate) fn describe_tx(tx: &TypedTransaction) -> String {
    let chain = match tx {
        TypedTransaction::Legacy(t) => t.chain_id,
        TypedTransaction::Eip1559(t) => Some(t.chain_id),
        _ => None,
    };
    let to = match tx {
        TypedTransaction::Legacy(t) => Some(t.to),
        TypedTransaction::Eip1559(t) => Some(t.to),
        _ => None,
    };
    match (to, chain) {
        (Some(TxKind::Call(to)), Some(chain)) => {
            format!("the transaction to {to} on chain {chain}")
        }
        (Some(TxKind::Create), Some(chain)) => {
            format!("the contract deployment on chain {chain}")
        }
        _ => "the transaction".to_owned(),
    }
}

fn to_field(to: &TxKind) -> String {
    match to {
        TxKind::Call(address) => address.to_string(),
        // An empty `to` is a contract creation.
        TxKind::Create => String::new(),
    }
}

pub(crate) fn sign_transaction(
    wire: &mut Wire,
    ask: &Ask<'_>,
    path: &HdPath,
    tx: &TypedTransaction,
) -> Result<Signature, DeviceError> {
    check_tx_type(tx)?;
    match tx {
        TypedTransaction::Legacy(t) => {
            let chain_id = t.chain_id.expect("checked above");
            let data = &t.input[..];
            let mut request = EthereumSignTx::new();
            request.address_n = path.indices().to_vec();
            request.set_nonce(be_min(U256::from(t.nonce)));
            request.set_gas_price(be_min(U256::from(t.gas_price)));
            request.set_gas_limit(be_min(U256::from(t.gas_limit)));
            request.set_to(to_field(&t.to));
            request.set_value(be_min(t.value));
            request.set_chain_id(chain_id);
            request.set_data_length(data_length(data)?);
            request.set_data_initial_chunk(data[..data.len().min(MAX_INITIAL_CHUNK)].to_vec());
            let reply = wire.call(&request, ask)?;
            let done = chunk_loop(wire, ask, reply, data)?;
            let parity = legacy_parity(done.signature_v(), chain_id)?;
            Ok(Signature::new(
                scalar(done.signature_r(), "r")?,
                scalar(done.signature_s(), "s")?,
                parity,
            ))
        }
        TypedTransaction::Eip1559(t) => {
            let data = &t.input[..];
            let mut request = EthereumSignTxEIP1559::new();
            request.address_n = path.indices().to_vec();
            request.set_nonce(be_min(U256::from(t.nonce)));
            request.set_max_gas_fee(be_min(U256::from(t.max_fee_per_gas)));
            request.set_max_priority_fee(be_min(U256::from(t.max_priority_fee_per_gas)));
            request.set_gas_limit(be_min(U256::from(t.gas_limit)));
            request.set_to(to_field(&t.to));
            request.set_value(be_min(t.value));
            request.set_chain_id(t.chain_id);
            request.access_list = t
                .access_list
                .iter()
                .map(|item| EthereumAccessList {
                    address: Some(item.address.to_string()),
                    storage_keys: item.storage_keys.iter().map(|k| k.to_vec()).collect(),
                    ..Default::default()
                })
                .collect();
            request.set_data_length(data_length(data)?);
            request.set_data_initial_chunk(data[..data.len().min(MAX_INITIAL_CHUNK)].to_vec());
            let reply = wire.call(&request, ask)?;
            let done = chunk_loop(wire, ask, reply, data)?;
            let parity = match done.signature_v() {
                0 => false,
                1 => true,
                v => return Err(protocol(format!("its EIP-1559 signature has v = {v}"))),
            };
            Ok(Signature::new(
                scalar(done.signature_r(), "r")?,
                scalar(done.signature_s(), "s")?,
                parity,
            ))
        }
        _ => unreachable!("refused by check_tx_type"),
    }
}

fn data_length(data: &[u8]) -> Result<u32, DeviceError> {
    u32::try_from(data.len())
        .map_err(|_| DeviceError::BadInput("the transaction's calldata is over 4 GiB".into()))
}

/// Sends the calldata the firmware asks for, exactly `data_length` bytes at a time (it
/// decides the size; trezor-client's fixed 1024 only happens to match today's firmware),
/// until it answers with the signature.
fn chunk_loop(
    wire: &mut Wire,
    ask: &Ask<'_>,
    first_reply: trezor_client::transport::ProtoMessage,
    data: &[u8],
) -> Result<EthereumTxRequest, DeviceError> {
    let mut offset = data.len().min(MAX_INITIAL_CHUNK);
    let mut reply: EthereumTxRequest = expect(first_reply)?;
    loop {
        if reply.signature_r.is_some() && reply.signature_s.is_some() {
            if offset != data.len() {
                return Err(protocol(format!(
                    "it signed after {offset} of {} calldata bytes",
                    data.len()
                )));
            }
            return Ok(reply);
        }
        let wanted = reply.data_length() as usize;
        let left = data.len() - offset;
        if wanted == 0 || wanted > left {
            return Err(protocol(format!(
                "it asked for {wanted} more calldata bytes with {left} left"
            )));
        }
        let mut ack = EthereumTxAck::new();
        ack.set_data_chunk(data[offset..offset + wanted].to_vec());
        offset += wanted;
        reply = expect(wire.call(&ack, ask)?)?;
    }
}

pub(crate) fn sign_message(
    wire: &mut Wire,
    ask: &Ask<'_>,
    path: &HdPath,
    message: &[u8],
) -> Result<Signature, DeviceError> {
    let mut request = EthereumSignMessage::new();
    request.address_n = path.indices().to_vec();
    request.set_message(message.to_vec());
    let reply: EthereumMessageSignature = expect(wire.call(&request, ask)?)?;
    rsv(reply.signature())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_v_becomes_parity() {
        // sign_tx.json: chain 1 → 37/38; chain 888 → 1811; Base → 16941/16942.
        assert!(!legacy_parity(37, 1).unwrap());
        assert!(legacy_parity(38, 1).unwrap());
        assert!(!legacy_parity(1811, 888).unwrap());
        assert!(!legacy_parity(16941, 8453).unwrap());
        // sign_tx_eip155.json: max_chain_id 2147483629 → 4294967293 (full v in a u32).
        assert!(!legacy_parity(4_294_967_293, 2_147_483_629).unwrap());
        // Above it the firmware sends only the parity.
        assert!(legacy_parity(1, u64::MAX).unwrap());
        assert!(!legacy_parity(0, 2_147_483_630).unwrap());
        // A v for another chain is refused, not guessed.
        assert!(legacy_parity(38, 10).is_err());
        assert!(legacy_parity(27, 1).is_err());
    }

    #[test]
    fn integers_are_minimal_big_endian() {
        assert!(be_min(U256::ZERO).is_empty());
        assert_eq!(be_min(U256::from(0x14)), vec![0x14]);
        assert_eq!(be_min(U256::from(0x1e240)), vec![0x01, 0xe2, 0x40]);
    }
}
