//! The simulated firmware's EIP-712 side: asks the host for struct definitions and
//! values in the firmware's order and hashes what it received (trezor-firmware core
//! `apps/ethereum/sign_typed_data.py`, as driven by trezorlib `sign_typed_data`).

use std::collections::BTreeMap;

use alloy::primitives::{B256, keccak256};
use trezor_client::protos::{
    EthereumTypedDataStructAck, EthereumTypedDataStructRequest, EthereumTypedDataValueAck,
    EthereumTypedDataValueRequest,
    ethereum_typed_data_struct_ack::{EthereumDataType, EthereumFieldType},
    failure::FailureType,
};

use super::firmware::{Firmware, Step, expect, fail};

const DOMAIN: &str = "EIP712Domain";

#[derive(Clone, Debug)]
enum Field {
    Uint(usize),
    Int(usize),
    Bytes(Option<usize>),
    String,
    Bool,
    Address,
    Array(Box<Field>, Option<u32>),
    Struct(String),
}

impl Field {
    /// The type name the firmware rebuilds for `encodeType`.
    fn type_name(&self) -> String {
        match self {
            Self::Uint(n) => format!("uint{}", n * 8),
            Self::Int(n) => format!("int{}", n * 8),
            Self::Bytes(None) => "bytes".into(),
            Self::Bytes(Some(n)) => format!("bytes{n}"),
            Self::String => "string".into(),
            Self::Bool => "bool".into(),
            Self::Address => "address".into(),
            Self::Array(entry, None) => format!("{}[]", entry.type_name()),
            Self::Array(entry, Some(n)) => format!("{}[{n}]", entry.type_name()),
            Self::Struct(name) => name.clone(),
        }
    }

    fn from_proto(field: &EthereumFieldType) -> Step<Self> {
        let size = field.size.map(|s| s as usize);
        let bad = || fail(FailureType::Failure_DataError, "Invalid field type");
        Ok(match field.data_type() {
            EthereumDataType::UINT | EthereumDataType::INT => {
                let Some(n) = size.filter(|n| (1..=32).contains(n)) else {
                    return bad();
                };
                if field.data_type() == EthereumDataType::UINT {
                    Self::Uint(n)
                } else {
                    Self::Int(n)
                }
            }
            EthereumDataType::BYTES => {
                if size.is_some_and(|n| !(1..=32).contains(&n)) {
                    return bad();
                }
                Self::Bytes(size)
            }
            EthereumDataType::STRING => Self::String,
            EthereumDataType::BOOL => Self::Bool,
            EthereumDataType::ADDRESS => Self::Address,
            EthereumDataType::ARRAY => {
                let Some(entry) = field.entry_type.as_ref() else {
                    return bad();
                };
                let entry = Self::from_proto(entry)?;
                if matches!(entry, Self::Array(..)) {
                    return bad();
                }
                Self::Array(Box::new(entry), field.size)
            }
            EthereumDataType::STRUCT => match field.struct_name.clone() {
                Some(name) => Self::Struct(name),
                None => return bad(),
            },
        })
    }
}

struct Envelope<'a> {
    fw: &'a Firmware,
    v4: bool,
    types: BTreeMap<String, Vec<(String, Field)>>,
}

/// Streams the typed data in from the host and returns the signing hash and the
/// message hash (`None` when the primary type is the domain itself).
pub(super) fn typed_data_hash(
    fw: &Firmware,
    primary_type: &str,
    metamask_v4_compat: bool,
) -> Step<(B256, Option<B256>)> {
    let mut envelope = Envelope {
        fw,
        v4: metamask_v4_compat,
        types: BTreeMap::new(),
    };
    envelope.collect_types(DOMAIN)?;
    if primary_type != DOMAIN {
        envelope.collect_types(primary_type)?;
    }
    // The firmware first reads the domain's name and version to title its screens.
    let domain_members = envelope.types[DOMAIN].clone();
    for (i, (name, field)) in domain_members.iter().enumerate() {
        if (name == "name" || name == "version") && matches!(field, Field::String) {
            envelope.value(field, &[0, i as u32])?;
        }
    }
    let domain_separator = envelope.hash_struct(DOMAIN, &[0])?;
    let message_hash = if primary_type == DOMAIN {
        None
    } else {
        Some(envelope.hash_struct(primary_type, &[1])?)
    };
    let mut preimage = vec![0x19, 0x01];
    preimage.extend_from_slice(domain_separator.as_slice());
    if let Some(hash) = &message_hash {
        preimage.extend_from_slice(hash.as_slice());
    }
    Ok((keccak256(preimage), message_hash))
}

impl Envelope<'_> {
    fn collect_types(&mut self, name: &str) -> Step<()> {
        let mut request = EthereumTypedDataStructRequest::new();
        request.set_name(name.to_owned());
        let ack: EthereumTypedDataStructAck = expect(self.fw.call(&request)?)?;
        let mut members = Vec::new();
        for member in &ack.members {
            let Some(field) = member.type_.as_ref() else {
                return fail(FailureType::Failure_DataError, "Missing member type");
            };
            members.push((member.name().to_owned(), Field::from_proto(field)?));
        }
        self.types.insert(name.to_owned(), members.clone());
        for (_, field) in members {
            let mut inner = &field;
            while let Field::Array(entry, _) = inner {
                inner = entry;
            }
            if let Field::Struct(dependency) = inner
                && !self.types.contains_key(dependency)
            {
                self.collect_types(dependency)?;
            }
        }
        Ok(())
    }

    fn dependencies(&self, name: &str, found: &mut Vec<String>) {
        if found.iter().any(|f| f == name) {
            return;
        }
        found.push(name.to_owned());
        for (_, field) in self.types.get(name).into_iter().flatten() {
            let mut inner = field;
            while let Field::Array(entry, _) = inner {
                inner = entry;
            }
            if let Field::Struct(dependency) = inner {
                self.dependencies(dependency, found);
            }
        }
    }

    fn encode_type(&self, name: &str) -> String {
        let mut deps = Vec::new();
        self.dependencies(name, &mut deps);
        deps.remove(0);
        deps.sort();
        std::iter::once(name.to_owned())
            .chain(deps)
            .map(|t| {
                let members: Vec<String> = self.types[&t]
                    .iter()
                    .map(|(n, f)| format!("{} {n}", f.type_name()))
                    .collect();
                format!("{t}({})", members.join(","))
            })
            .collect()
    }

    fn hash_struct(&self, name: &str, path: &[u32]) -> Step<B256> {
        let mut buf = keccak256(self.encode_type(name)).to_vec();
        self.encode_data(&mut buf, name, path)?;
        Ok(keccak256(buf))
    }

    fn encode_data(&self, out: &mut Vec<u8>, name: &str, path: &[u32]) -> Step<()> {
        let Some(members) = self.types.get(name) else {
            return fail(FailureType::Failure_DataError, "Unknown type");
        };
        for (i, (_, field)) in members.iter().enumerate() {
            let mut member_path = path.to_vec();
            member_path.push(i as u32);
            match field {
                Field::Struct(s) => {
                    out.extend_from_slice(self.hash_struct(s, &member_path)?.as_slice())
                }
                Field::Array(entry, size) => {
                    let len = match size {
                        Some(n) => *n,
                        None => {
                            let raw = self.raw_value(&member_path)?;
                            if raw.len() != 2 {
                                return fail(FailureType::Failure_DataError, "Invalid length");
                            }
                            u32::from(u16::from_be_bytes([raw[0], raw[1]]))
                        }
                    };
                    let mut elements = Vec::new();
                    for j in 0..len {
                        let mut element_path = member_path.clone();
                        element_path.push(j);
                        match &**entry {
                            // MetaMask v4 hashes structs inside arrays (the EIP); the
                            // legacy mode concatenates their encodeData instead.
                            Field::Struct(s) if self.v4 => elements
                                .extend_from_slice(self.hash_struct(s, &element_path)?.as_slice()),
                            Field::Struct(s) => {
                                self.encode_data(&mut elements, s, &element_path)?
                            }
                            atomic => {
                                let value = self.value(atomic, &element_path)?;
                                encode_field(&mut elements, atomic, &value);
                            }
                        }
                    }
                    out.extend_from_slice(keccak256(elements).as_slice());
                }
                atomic => {
                    let value = self.value(atomic, &member_path)?;
                    encode_field(out, atomic, &value);
                }
            }
        }
        Ok(())
    }

    fn raw_value(&self, path: &[u32]) -> Step<Vec<u8>> {
        let mut request = EthereumTypedDataValueRequest::new();
        request.member_path = path.to_vec();
        let ack: EthereumTypedDataValueAck = expect(self.fw.call(&request)?)?;
        Ok(ack.value().to_vec())
    }

    /// A value, checked against its declared type's width.
    fn value(&self, field: &Field, path: &[u32]) -> Step<Vec<u8>> {
        let value = self.raw_value(path)?;
        let ok = match field {
            Field::Uint(n) | Field::Int(n) => value.len() == *n,
            Field::Bytes(Some(n)) => value.len() == *n,
            Field::Bool => value.len() == 1 && value[0] <= 1,
            Field::Address => value.len() == 20,
            _ => true,
        };
        if !ok {
            return fail(FailureType::Failure_DataError, "Invalid value length");
        }
        Ok(value)
    }
}

/// One atomic value as its 32-byte EIP-712 word.
fn encode_field(out: &mut Vec<u8>, field: &Field, value: &[u8]) {
    match field {
        Field::Bytes(None) | Field::String => out.extend_from_slice(keccak256(value).as_slice()),
        Field::Bytes(Some(_)) => {
            let mut word = [0u8; 32];
            word[..value.len()].copy_from_slice(value);
            out.extend_from_slice(&word);
        }
        Field::Int(_) => {
            let fill = if value.first().is_some_and(|b| b & 0x80 != 0) {
                0xff
            } else {
                0
            };
            let mut word = [fill; 32];
            word[32 - value.len()..].copy_from_slice(value);
            out.extend_from_slice(&word);
        }
        _ => {
            let mut word = [0u8; 32];
            word[32 - value.len()..].copy_from_slice(value);
            out.extend_from_slice(&word);
        }
    }
}
