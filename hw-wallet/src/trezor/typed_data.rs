//! EIP-712 on a Trezor: the device asks for each struct's member types
//! (`EthereumTypedDataStructRequest`) and then for each value by its member path
//! (`EthereumTypedDataValueRequest`), hashes what it received, shows it and signs.
//! Encoding rules follow trezorlib 0.20.2 `ethereum.py` (`get_field_type`,
//! `encode_data`, `sign_typed_data`): integers big-endian in exactly their declared
//! width (two's complement for `intN`), bools one byte, addresses and bytes raw,
//! strings UTF-8, and an array's length as a u16 before its elements are asked for.

use std::collections::BTreeMap;

use alloy::{
    dyn_abi::{Eip712Types, PropertyDef, TypedData},
    primitives::{I256, U256},
};
use serde_json::Value;
use trezor_client::protos::{
    EthereumSignTypedData, EthereumTypedDataSignature, EthereumTypedDataStructAck,
    EthereumTypedDataStructRequest, EthereumTypedDataValueAck, EthereumTypedDataValueRequest,
    MessageType::*,
    ethereum_typed_data_struct_ack::{EthereumDataType, EthereumFieldType, EthereumStructMember},
};

use super::session::{Ask, Wire, parse, unexpected};
use crate::{DeviceError, HdPath};

const DOMAIN: &str = "EIP712Domain";

fn bad(detail: impl Into<String>) -> DeviceError {
    DeviceError::BadInput(format!(
        "This typed data cannot be signed: {}.",
        detail.into()
    ))
}

/// Typed data prepared for streaming: member lists by struct name and the two roots.
pub(crate) struct TypedDataHost {
    types: BTreeMap<String, Vec<(String, String)>>,
    primary_type: String,
    domain: Value,
    message: Value,
}

impl TypedDataHost {
    /// Checks every type up front, so a bad input fails before the device shows anything.
    pub(crate) fn new(data: &TypedData) -> Result<Self, DeviceError> {
        let declared: Eip712Types = (&data.resolver).into();
        let mut types: BTreeMap<String, Vec<(String, String)>> = declared
            .into_iter()
            .map(|(name, props): (String, Vec<PropertyDef>)| {
                let members = props
                    .iter()
                    .map(|p| (p.name().to_owned(), p.type_name().to_owned()))
                    .collect();
                (name, members)
            })
            .collect();
        // The domain as alloy hashes it: the fields present, in the canonical order,
        // so the device's domain separator is alloy's whatever order `types` lists.
        let d = &data.domain;
        let mut domain_members = Vec::new();
        let mut domain = serde_json::Map::new();
        if let Some(name) = &d.name {
            domain_members.push(("name".to_owned(), "string".to_owned()));
            domain.insert("name".into(), Value::String(name.to_string()));
        }
        if let Some(version) = &d.version {
            domain_members.push(("version".to_owned(), "string".to_owned()));
            domain.insert("version".into(), Value::String(version.to_string()));
        }
        if let Some(chain_id) = d.chain_id {
            domain_members.push(("chainId".to_owned(), "uint256".to_owned()));
            domain.insert("chainId".into(), Value::String(format!("{chain_id:#x}")));
        }
        if let Some(contract) = d.verifying_contract {
            domain_members.push(("verifyingContract".to_owned(), "address".to_owned()));
            domain.insert(
                "verifyingContract".into(),
                Value::String(contract.to_string()),
            );
        }
        if let Some(salt) = d.salt {
            domain_members.push(("salt".to_owned(), "bytes32".to_owned()));
            domain.insert("salt".into(), Value::String(salt.to_string()));
        }
        types.insert(DOMAIN.to_owned(), domain_members);
        if !types.contains_key(&data.primary_type) {
            return Err(bad(format!(
                "its primary type {} is not defined",
                data.primary_type
            )));
        }
        let host = Self {
            types,
            primary_type: data.primary_type.clone(),
            domain: Value::Object(domain),
            message: data.message.clone(),
        };
        for members in host.types.values() {
            for (_, type_name) in members {
                host.field_type(type_name)?;
            }
        }
        Ok(host)
    }

    /// The `EthereumFieldType` of a type name (trezorlib `get_field_type`).
    fn field_type(&self, type_name: &str) -> Result<EthereumFieldType, DeviceError> {
        let mut field = EthereumFieldType::new();
        if let Some(inner) = array_element(type_name) {
            let entry = self.field_type(inner)?;
            if entry.data_type() == EthereumDataType::ARRAY {
                return Err(DeviceError::Unsupported(format!(
                    "Trezor cannot sign typed data with nested arrays ({type_name})."
                )));
            }
            field.set_data_type(EthereumDataType::ARRAY);
            if let Some(n) = array_len(type_name)? {
                field.set_size(n);
            }
            field.entry_type = Some(entry).into();
        } else if let Some(bits) = type_name.strip_prefix("uint") {
            field.set_data_type(EthereumDataType::UINT);
            field.set_size(int_bytes(type_name, bits)?);
        } else if let Some(bits) = type_name.strip_prefix("int") {
            field.set_data_type(EthereumDataType::INT);
            field.set_size(int_bytes(type_name, bits)?);
        } else if let Some(n) = type_name.strip_prefix("bytes") {
            field.set_data_type(EthereumDataType::BYTES);
            if !n.is_empty() {
                let size: u32 = n
                    .parse()
                    .ok()
                    .filter(|s| (1..=32).contains(s))
                    .ok_or_else(|| bad(format!("{type_name} is not a type")))?;
                field.set_size(size);
            }
        } else if type_name == "string" {
            field.set_data_type(EthereumDataType::STRING);
        } else if type_name == "bool" {
            field.set_data_type(EthereumDataType::BOOL);
        } else if type_name == "address" {
            field.set_data_type(EthereumDataType::ADDRESS);
        } else if let Some(members) = self.types.get(type_name) {
            field.set_data_type(EthereumDataType::STRUCT);
            field.set_size(members.len() as u32);
            field.set_struct_name(type_name.to_owned());
        } else {
            return Err(bad(format!("the type {type_name} is not defined")));
        }
        Ok(field)
    }

    /// The members of a struct, for an `EthereumTypedDataStructAck`.
    fn struct_ack(&self, name: &str) -> Result<EthereumTypedDataStructAck, DeviceError> {
        let members = self
            .types
            .get(name)
            .ok_or_else(|| bad(format!("the device asked for the undefined type {name}")))?;
        let mut ack = EthereumTypedDataStructAck::new();
        for (member_name, type_name) in members {
            let mut member = EthereumStructMember::new();
            member.type_ = Some(self.field_type(type_name)?).into();
            member.set_name(member_name.clone());
            ack.members.push(member);
        }
        Ok(ack)
    }

    /// The encoded value at `member_path` (trezorlib's walk: `[0 = domain | 1 = message,
    /// member index or array index, …]`).
    fn value(&self, member_path: &[u32]) -> Result<Vec<u8>, DeviceError> {
        let (mut type_name, mut value) = match member_path.first() {
            Some(0) => (DOMAIN.to_owned(), &self.domain),
            Some(1) => (self.primary_type.clone(), &self.message),
            _ => {
                return Err(bad(format!(
                    "the device asked for the value at {member_path:?}"
                )));
            }
        };
        for &index in &member_path[1..] {
            let index = index as usize;
            match value {
                Value::Object(object) => {
                    let (name, member_type) = self
                        .types
                        .get(&type_name)
                        .and_then(|members| members.get(index))
                        .ok_or_else(|| bad(format!("{type_name} has no member {index}")))?;
                    value = object
                        .get(name)
                        .ok_or_else(|| bad(format!("{type_name}.{name} has no value")))?;
                    type_name = member_type.clone();
                }
                Value::Array(items) => {
                    type_name = array_element(&type_name)
                        .ok_or_else(|| bad(format!("a list was given for {type_name}")))?
                        .to_owned();
                    value = items.get(index).ok_or_else(|| {
                        bad(format!("element {index} of a {}-element list", items.len()))
                    })?;
                }
                _ => return Err(bad(format!("{type_name} is not a struct or list"))),
            }
        }
        if let Value::Array(items) = value {
            let len =
                u16::try_from(items.len()).map_err(|_| bad("a list has over 65535 elements"))?;
            return Ok(len.to_be_bytes().to_vec());
        }
        encode_value(value, &type_name)
    }
}

/// `T` for `T[]` / `T[n]`.
fn array_element(type_name: &str) -> Option<&str> {
    if !type_name.ends_with(']') {
        return None;
    }
    type_name.rfind('[').map(|i| &type_name[..i])
}

/// `n` for `T[n]`, `None` for `T[]`.
fn array_len(type_name: &str) -> Result<Option<u32>, DeviceError> {
    let start = type_name.rfind('[').expect("an array type") + 1;
    let inner = &type_name[start..type_name.len() - 1];
    if inner.is_empty() {
        return Ok(None);
    }
    inner
        .parse()
        .map(Some)
        .map_err(|_| bad(format!("{type_name} has a bad array length")))
}

/// Bytes of `uintN`/`intN`: N must be a multiple of 8 up to 256 (bare `uint` is refused,
/// as trezorlib does: the device would hash it as `uint256` and disagree with the dapp).
fn int_bytes(type_name: &str, bits: &str) -> Result<u32, DeviceError> {
    bits.parse::<u32>()
        .ok()
        .filter(|b| *b > 0 && *b <= 256 && b % 8 == 0)
        .map(|b| b / 8)
        .ok_or_else(|| {
            bad(format!(
                "{type_name} is not a type (write uint256, int8, …)"
            ))
        })
}

fn hex_bytes(value: &Value, type_name: &str) -> Result<Vec<u8>, DeviceError> {
    let text = value
        .as_str()
        .ok_or_else(|| bad(format!("a {type_name} must be a hex string, not {value}")))?;
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(text);
    hex::decode(digits).map_err(|_| bad(format!("{text:?} is not hex ({type_name})")))
}

/// A JSON integer: a number, a decimal string (signed for `intN`) or a `0x` hex string.
fn parse_int(value: &Value, type_name: &str) -> Result<I256OrU256, DeviceError> {
    let invalid = || bad(format!("{value} is not a {type_name}"));
    match value {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Ok(I256OrU256::Unsigned(U256::from(u)))
            } else if let Some(i) = n.as_i64() {
                Ok(I256OrU256::Signed(
                    I256::try_from(i).map_err(|_| invalid())?,
                ))
            } else {
                // Floats are never integers here.
                Err(invalid())
            }
        }
        Value::String(s) => {
            let s = s.trim();
            if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                U256::from_str_radix(hex, 16)
                    .map(I256OrU256::Unsigned)
                    .map_err(|_| invalid())
            } else if let Some(rest) = s.strip_prefix('-') {
                let magnitude = U256::from_str_radix(rest, 10).map_err(|_| invalid())?;
                // Two's complement by hand: -2^255 has no positive I256 counterpart.
                if magnitude > U256::from(1) << 255 {
                    return Err(invalid());
                }
                Ok(I256OrU256::Signed(I256::from_raw(magnitude.wrapping_neg())))
            } else {
                U256::from_str_radix(s, 10)
                    .map(I256OrU256::Unsigned)
                    .map_err(|_| invalid())
            }
        }
        _ => Err(invalid()),
    }
}

enum I256OrU256 {
    Signed(I256),
    Unsigned(U256),
}

/// One atomic value (trezorlib `encode_data`).
fn encode_value(value: &Value, type_name: &str) -> Result<Vec<u8>, DeviceError> {
    if type_name.starts_with("bytes") {
        let bytes = hex_bytes(value, type_name)?;
        if let Some(n) = type_name.strip_prefix("bytes").filter(|n| !n.is_empty()) {
            let n: usize = n
                .parse()
                .map_err(|_| bad(format!("{type_name} is not a type")))?;
            if bytes.len() > n {
                return Err(bad(format!(
                    "{} bytes do not fit a {type_name}",
                    bytes.len()
                )));
            }
        }
        return Ok(bytes);
    }
    if type_name == "address" {
        let bytes = hex_bytes(value, type_name)?;
        if bytes.len() != 20 {
            return Err(bad(format!("{value} is not an address")));
        }
        return Ok(bytes);
    }
    if type_name == "string" {
        return match value {
            Value::String(s) => Ok(s.as_bytes().to_vec()),
            other => Err(bad(format!("{other} is not a string"))),
        };
    }
    if type_name == "bool" {
        let flag = match value {
            Value::Bool(b) => *b,
            Value::String(s) if s == "true" => true,
            Value::String(s) if s == "false" => false,
            other => return Err(bad(format!("{other} is not a bool"))),
        };
        return Ok(vec![u8::from(flag)]);
    }
    let signed = type_name.starts_with("int");
    let bits = type_name
        .strip_prefix("uint")
        .or_else(|| type_name.strip_prefix("int"))
        .ok_or_else(|| bad(format!("{type_name} is not an atomic type")))?;
    let width = int_bytes(type_name, bits)? as usize;
    let word: [u8; 32] = match (parse_int(value, type_name)?, signed) {
        (I256OrU256::Unsigned(u), false) => {
            if width < 32 && u >> (width * 8) != U256::ZERO {
                return Err(bad(format!("{value} does not fit a {type_name}")));
            }
            u.to_be_bytes()
        }
        (I256OrU256::Signed(_), false) => {
            return Err(bad(format!(
                "{value} is negative, but {type_name} is unsigned"
            )));
        }
        (number, true) => {
            let i = match number {
                I256OrU256::Signed(i) => i,
                I256OrU256::Unsigned(u) => I256::try_from(u)
                    .map_err(|_| bad(format!("{value} does not fit a {type_name}")))?,
            };
            let bits = width * 8;
            if bits < 256 {
                let limit = I256::ONE << (bits - 1);
                if i >= limit || i < -limit {
                    return Err(bad(format!("{value} does not fit a {type_name}")));
                }
            }
            i.to_be_bytes::<32>()
        }
    };
    Ok(word[32 - width..].to_vec())
}

/// The streaming flow.
pub(crate) fn sign(
    wire: &mut Wire,
    ask: &Ask<'_>,
    path: &HdPath,
    host: &TypedDataHost,
) -> Result<alloy::primitives::Signature, DeviceError> {
    let mut request = EthereumSignTypedData::new();
    request.address_n = path.indices().to_vec();
    request.set_primary_type(host.primary_type.clone());
    request.set_metamask_v4_compat(true);
    let mut reply = wire.call(&request, ask)?;
    loop {
        match reply.message_type() {
            MessageType_EthereumTypedDataStructRequest => {
                let asked: EthereumTypedDataStructRequest = parse(reply)?;
                let ack = host.struct_ack(asked.name())?;
                reply = wire.call(&ack, ask)?;
            }
            MessageType_EthereumTypedDataValueRequest => {
                let asked: EthereumTypedDataValueRequest = parse(reply)?;
                let mut ack = EthereumTypedDataValueAck::new();
                ack.set_value(host.value(&asked.member_path)?);
                reply = wire.call(&ack, ask)?;
            }
            MessageType_EthereumTypedDataSignature => {
                let signed: EthereumTypedDataSignature = parse(reply)?;
                return super::eth::rsv(signed.signature());
            }
            other => {
                return Err(unexpected(other, MessageType_EthereumTypedDataSignature));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_encode_like_trezorlib() {
        assert_eq!(encode_value(&json!(2), "uint8").unwrap(), vec![2]);
        assert_eq!(encode_value(&json!(-4), "int16").unwrap(), vec![0xff, 0xfc]);
        assert_eq!(
            encode_value(&json!("-4"), "int16").unwrap(),
            vec![0xff, 0xfc]
        );
        assert_eq!(
            encode_value(&json!("0x0100"), "uint16").unwrap(),
            vec![1, 0]
        );
        assert_eq!(encode_value(&json!(1), "uint256").unwrap().len(), 32);
        assert_eq!(encode_value(&json!(true), "bool").unwrap(), vec![1]);
        assert_eq!(
            encode_value(&json!("0xabcd"), "bytes").unwrap(),
            vec![0xab, 0xcd]
        );
        assert_eq!(
            encode_value(&json!("héllo"), "string").unwrap(),
            "héllo".as_bytes()
        );
        assert!(encode_value(&json!(256), "uint8").is_err());
        assert!(encode_value(&json!(128), "int8").is_err());
        assert!(encode_value(&json!(-129), "int8").is_err());
        assert_eq!(encode_value(&json!(-128), "int8").unwrap(), vec![0x80]);
        assert!(encode_value(&json!(1.5), "uint8").is_err());
        assert!(encode_value(&json!("0x12"), "address").is_err());
    }

    #[test]
    fn array_types() {
        assert_eq!(array_element("Person[]"), Some("Person"));
        assert_eq!(array_element("string[2]"), Some("string"));
        assert_eq!(array_element("uint8"), None);
        assert_eq!(array_len("string[2]").unwrap(), Some(2));
        assert_eq!(array_len("string[]").unwrap(), None);
    }
}
