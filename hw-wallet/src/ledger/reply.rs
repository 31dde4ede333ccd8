//! Replies of the Ethereum app: configuration, public key and address, and signatures
//! with the `v` byte turned back into a y-parity (hardware-wallets.md §1.4–1.6).

use alloy::primitives::{Address, Signature, U256, keccak256};

use crate::{DeviceError, Vendor};

fn protocol(detail: impl Into<String>) -> DeviceError {
    DeviceError::Protocol {
        vendor: Vendor::Ledger,
        detail: detail.into(),
    }
}

/// GET_APP_CONFIGURATION's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppConfiguration {
    /// Flags: 0x01 blind signing enabled, 0x02 ERC-20 info provided externally, 0x10
    /// Transaction Check enabled, 0x20 Transaction Check opt-in done.
    pub flags: u8,
    /// The app's version (major, minor, patch).
    pub version: (u8, u8, u8),
}

impl AppConfiguration {
    /// The "Blind signing" setting: without it the app refuses contract data (and,
    /// unless "Raw messages" is on, EIP-712) with 6A80.
    pub fn blind_signing(&self) -> bool {
        self.flags & 0x01 != 0
    }

    /// Parses `[flags, major, minor, patch]` (later app versions may append more).
    pub fn parse(data: &[u8]) -> Result<Self, DeviceError> {
        match data {
            [flags, major, minor, patch, ..] => Ok(Self {
                flags: *flags,
                version: (*major, *minor, *patch),
            }),
            _ => Err(protocol(format!(
                "the app configuration has {} bytes, not 4",
                data.len()
            ))),
        }
    }
}

/// GET_ETH_PUBLIC_ADDRESS's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeyReply {
    /// The uncompressed public key (`04 ‖ X ‖ Y`).
    pub public_key: [u8; 65],
    /// The address, checked against the public key.
    pub address: Address,
    /// The chain code, when asked for (P2 = 01).
    pub chain_code: Option<[u8; 32]>,
}

/// The address of an uncompressed public key.
pub fn address_of(public_key: &[u8; 65]) -> Address {
    Address::from_slice(&keccak256(&public_key[1..])[12..])
}

impl PublicKeyReply {
    /// Parses `[65][pubkey][40][ASCII address][chain code?]` and checks that the
    /// address the device printed is the one its public key gives: a mismatch means
    /// a corrupted or dishonest reply.
    pub fn parse(data: &[u8], with_chain_code: bool) -> Result<Self, DeviceError> {
        let bad = |what: &str| protocol(format!("malformed public key reply: {what}"));
        let (&key_len, rest) = data.split_first().ok_or_else(|| bad("empty"))?;
        if key_len != 65 || rest.len() < 65 || rest[0] != 0x04 {
            return Err(bad("public key is not 65 uncompressed bytes"));
        }
        let public_key: [u8; 65] = rest[..65].try_into().expect("65 bytes");
        let rest = &rest[65..];
        let (&addr_len, rest) = rest.split_first().ok_or_else(|| bad("no address"))?;
        let addr_len = addr_len as usize;
        if addr_len != 40 || rest.len() < addr_len {
            return Err(bad("address is not 40 hex characters"));
        }
        let text =
            std::str::from_utf8(&rest[..addr_len]).map_err(|_| bad("address is not ASCII"))?;
        let printed: Address = format!("0x{text}")
            .to_ascii_lowercase()
            .parse()
            .map_err(|_| bad("address is not hex"))?;
        let rest = &rest[addr_len..];
        let chain_code = if with_chain_code {
            let code: [u8; 32] = rest
                .get(..32)
                .ok_or_else(|| bad("no chain code"))?
                .try_into()
                .expect("32 bytes");
            Some(code)
        } else {
            None
        };
        let address = address_of(&public_key);
        if printed != address {
            return Err(protocol(format!(
                "the device printed the address {printed} but its public key is {address}'s"
            )));
        }
        Ok(Self {
            public_key,
            address,
            chain_code,
        })
    }
}

/// What was signed, for reading the `v` byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VKind {
    /// Typed transactions (0x01, 0x02, 0x04): `v` is the parity, 0 or 1.
    Typed,
    /// A legacy transaction: with a chain id (EIP-155) `v` is the app's truncated
    /// `chainId·2+35+parity` byte; without one (or 0), 27 + parity.
    Legacy(Option<u64>),
    /// personal_sign and EIP-712: 27 + parity.
    Message,
}

/// The first 4 bytes of the minimal big-endian chain id, as the app reads it
/// (hw-app-eth `getChainIdAsUint32`).
pub fn chain_id_as_u32(chain_id: u64) -> u32 {
    let bytes = chain_id.to_be_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(7);
    let minimal = &bytes[first..];
    minimal[..minimal.len().min(4)]
        .iter()
        .fold(0u32, |acc, b| (acc << 8) | *b as u32)
}

/// The `v` byte the app returns for a legacy EIP-155 signature (ui_common_sign_tx.c):
/// `u32(first ≤ 4 bytes of chainId)·2 + 35 + parity`, wrapped to one byte.
pub fn legacy_v_byte(chain_id: u64, parity: bool) -> u8 {
    let base = (chain_id_as_u32(chain_id) as u64) * 2 + 35 + parity as u64;
    (base % 256) as u8
}

/// The y-parity a device `v` byte stands for (hw-app-eth `getParity`): never
/// `normalize_v`, which reads the truncated legacy byte wrongly for chains such as
/// 250, 1135 or 421614.
pub fn parity(v: u8, kind: VKind) -> Result<bool, DeviceError> {
    let bad = || {
        protocol(format!(
            "the signature's v byte {v:#04x} fits neither parity"
        ))
    };
    match kind {
        VKind::Typed => match v {
            0 | 1 => Ok(v == 1),
            _ => Err(bad()),
        },
        VKind::Message => match v {
            27 | 28 => Ok(v == 28),
            _ => Err(bad()),
        },
        // Current apps answer 27/28 for a transaction without a chain id; older ones
        // applied their configured chain (1) anyway (hw-app-eth's "chainId 0" vector
        // answers 0x26), so 37/38 are read the same way.
        VKind::Legacy(None) | VKind::Legacy(Some(0)) => match v {
            27 | 28 => Ok(v == 28),
            37 | 38 => Ok(v == 38),
            _ => Err(bad()),
        },
        VKind::Legacy(Some(id)) => {
            if v == legacy_v_byte(id, false) {
                Ok(false)
            } else if v == legacy_v_byte(id, true) {
                Ok(true)
            } else {
                Err(bad())
            }
        }
    }
}

/// The full EIP-155 `v` of a legacy signature (what goes into the RLP).
pub fn eip155_v(chain_id: u64, parity: bool) -> u128 {
    chain_id as u128 * 2 + 35 + parity as u128
}

/// Parses `v ‖ r ‖ s`.
pub fn signature(data: &[u8], kind: VKind) -> Result<Signature, DeviceError> {
    if data.len() != 65 {
        return Err(protocol(format!(
            "a signature is 65 bytes, the device sent {}",
            data.len()
        )));
    }
    let y_parity = parity(data[0], kind)?;
    let r = U256::from_be_slice(&data[1..33]);
    let s = U256::from_be_slice(&data[33..65]);
    Ok(Signature::new(r, s, y_parity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v_bytes_of_the_published_vectors() {
        // hw-app-eth: chainId 2,716,446,429,837,000 → device byte 0x13 → v 0x134d2ff100edb3.
        let id = 2_716_446_429_837_000u64;
        let p = parity(0x13, VKind::Legacy(Some(id))).unwrap();
        assert_eq!(eip155_v(id, p), 0x134d2ff100edb3);
        // Chains where normalize_v goes wrong (hardware-wallets.md §4.1).
        assert_eq!(legacy_v_byte(250, false), 23);
        assert_eq!(legacy_v_byte(1135, false), 1);
        assert!(!parity(1, VKind::Legacy(Some(1135))).unwrap());
        assert_eq!(legacy_v_byte(421614, true), 0);
        assert!(parity(0, VKind::Legacy(Some(421614))).unwrap());
        assert_eq!(legacy_v_byte(1, false), 37);
        assert!(parity(5, VKind::Typed).is_err());
        assert_eq!(chain_id_as_u32(0x01_0203_0405), 0x0102_0304);
    }
}
