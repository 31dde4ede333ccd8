//! EIP-712 full ("clear") mode: typed data as the app's 0x1A struct definitions and
//! 0x1C struct implementation (hardware-wallets.md §1.8), byte for byte as hw-app-eth
//! 7.9.0 streams it (checked against its `.apdus` transcripts). The device hashes
//! what it is shown, so it can display the fields instead of two opaque hashes.

use alloy::{
    dyn_abi::{DynSolValue, Eip712Types, PropertyDef, TypedData},
    primitives::{I256, U256},
};
use serde_json::Value;

use super::apdu::{INS_EIP712_STRUCT_DEF, INS_EIP712_STRUCT_IMPL, MAX_DATA, command};
use crate::DeviceError;

/// A field's base type, as the app's TypeDesc low nibble names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A struct, by name (0).
    Custom(String),
    /// `int<8·n>` (1), size in bytes.
    Int(u8),
    /// `uint<8·n>` (2), size in bytes.
    Uint(u8),
    /// `address` (3).
    Address,
    /// `bool` (4).
    Bool,
    /// `string` (5).
    String,
    /// `bytes<n>` (6).
    FixedBytes(u8),
    /// `bytes` (7).
    Bytes,
}

/// One field of a struct definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    /// Base type.
    pub ty: FieldType,
    /// Array levels in the order the type string writes them (`T[2][]` →
    /// `[Some(2), None]`); the last is the outermost.
    pub arrays: Vec<Option<u8>>,
    /// The field's name.
    pub name: String,
}

fn bad(detail: impl std::fmt::Display) -> DeviceError {
    DeviceError::BadInput(format!(
        "These typed data cannot be sent to a Ledger: {detail}."
    ))
}

impl FieldDef {
    /// Parses an EIP-712 type string such as `uint256`, `Person[]` or `bytes32[2][]`.
    pub fn parse(type_name: &str, name: &str) -> Result<Self, DeviceError> {
        let mut base = type_name.trim();
        let mut arrays = Vec::new();
        while let Some(open) = base
            .strip_suffix(']')
            .and_then(|b| b.rfind('[').map(|i| (b, i)))
        {
            let (without, at) = open;
            let size = &without[at + 1..];
            arrays.insert(
                0,
                if size.is_empty() {
                    None
                } else {
                    Some(
                        size.parse::<u8>().map_err(|_| {
                            bad(format!("array size in \"{type_name}\" is over 255"))
                        })?,
                    )
                },
            );
            base = &without[..at];
        }
        let sized = |prefix: &str, default: u16| -> Option<Result<u8, DeviceError>> {
            let digits = base.strip_prefix(prefix)?;
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let bits: u16 = if digits.is_empty() {
                default
            } else {
                digits.parse().ok()?
            };
            Some(if bits == 0 || bits > 256 || !bits.is_multiple_of(8) {
                Err(bad(format!("\"{type_name}\" is not a valid integer type")))
            } else {
                Ok((bits / 8) as u8)
            })
        };
        let ty = if let Some(size) = sized("uint", 256) {
            FieldType::Uint(size?)
        } else if let Some(size) = sized("int", 256) {
            FieldType::Int(size?)
        } else if base == "address" {
            FieldType::Address
        } else if base == "bool" {
            FieldType::Bool
        } else if base == "string" {
            FieldType::String
        } else if base == "bytes" {
            FieldType::Bytes
        } else if let Some(n) = base
            .strip_prefix("bytes")
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|n| (1..=32).contains(n))
        {
            FieldType::FixedBytes(n)
        } else {
            FieldType::Custom(base.to_owned())
        };
        Ok(Self {
            ty,
            arrays,
            name: name.to_owned(),
        })
    }

    /// The 0x1A P2=FF data: TypeDesc, [type name], [size], [array levels], key name.
    pub fn encode(&self) -> Result<Vec<u8>, DeviceError> {
        let (code, size): (u8, Option<u8>) = match &self.ty {
            FieldType::Custom(_) => (0, None),
            FieldType::Int(n) => (1, Some(*n)),
            FieldType::Uint(n) => (2, Some(*n)),
            FieldType::Address => (3, None),
            FieldType::Bool => (4, None),
            FieldType::String => (5, None),
            FieldType::FixedBytes(n) => (6, Some(*n)),
            FieldType::Bytes => (7, None),
        };
        let mut out =
            vec![code | (size.is_some() as u8) << 6 | (!self.arrays.is_empty() as u8) << 7];
        if let FieldType::Custom(name) = &self.ty {
            push_short(&mut out, name.as_bytes())?;
        }
        if let Some(size) = size {
            out.push(size);
        }
        if !self.arrays.is_empty() {
            out.push(self.arrays.len() as u8);
            for level in &self.arrays {
                match level {
                    None => out.push(0),
                    Some(n) => out.extend_from_slice(&[1, *n]),
                }
            }
        }
        push_short(&mut out, self.name.as_bytes())?;
        Ok(out)
    }

    /// Parses 0x1A P2=FF data (the simulator's side).
    pub fn decode(data: &[u8]) -> Option<Self> {
        let mut at = 0usize;
        let mut next = || {
            let b = *data.get(at)?;
            at += 1;
            Some(b)
        };
        let desc = next()?;
        let mut ty_name = None;
        if desc & 0x0f == 0 {
            let len = next()? as usize;
            let name: Vec<u8> = (0..len).map(|_| next()).collect::<Option<_>>()?;
            ty_name = Some(String::from_utf8(name).ok()?);
        }
        let size = if desc & 0x40 != 0 {
            Some(next()?)
        } else {
            None
        };
        let mut arrays = Vec::new();
        if desc & 0x80 != 0 {
            for _ in 0..next()? {
                arrays.push(match next()? {
                    0 => None,
                    _ => Some(next()?),
                });
            }
        }
        let len = next()? as usize;
        let name: Vec<u8> = (0..len).map(|_| next()).collect::<Option<_>>()?;
        let ty = match desc & 0x0f {
            0 => FieldType::Custom(ty_name?),
            1 => FieldType::Int(size?),
            2 => FieldType::Uint(size?),
            3 => FieldType::Address,
            4 => FieldType::Bool,
            5 => FieldType::String,
            6 => FieldType::FixedBytes(size?),
            7 => FieldType::Bytes,
            _ => return None,
        };
        Some(Self {
            ty,
            arrays,
            name: String::from_utf8(name).ok()?,
        })
    }

    /// The EIP-712 type string (`Person[]`, `uint256`, `bytes32`).
    pub fn type_string(&self) -> String {
        let mut out = match &self.ty {
            FieldType::Custom(n) => n.clone(),
            FieldType::Int(n) => format!("int{}", *n as u16 * 8),
            FieldType::Uint(n) => format!("uint{}", *n as u16 * 8),
            FieldType::Address => "address".into(),
            FieldType::Bool => "bool".into(),
            FieldType::String => "string".into(),
            FieldType::FixedBytes(n) => format!("bytes{n}"),
            FieldType::Bytes => "bytes".into(),
        };
        for level in &self.arrays {
            match level {
                None => out.push_str("[]"),
                Some(n) => out.push_str(&format!("[{n}]")),
            }
        }
        out
    }
}

fn push_short(out: &mut Vec<u8>, bytes: &[u8]) -> Result<(), DeviceError> {
    let len = u8::try_from(bytes.len()).map_err(|_| bad("a name is over 255 bytes"))?;
    out.push(len);
    out.extend_from_slice(bytes);
    Ok(())
}

/// The APDUs of full mode, without the final 0x0C (which carries the path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedDataStream {
    /// 0x1A: every struct, by name order, with its fields.
    pub definitions: Vec<Vec<u8>>,
    /// 0x1C: `EIP712Domain` and its values, then the primary type and its values.
    pub implementation: Vec<Vec<u8>>,
}

/// The domain's type as declared, or (when the JSON left it out) the fields the
/// domain has, in EIP-712's order.
fn types_with_domain(data: &TypedData) -> Result<Eip712Types, DeviceError> {
    let mut types = Eip712Types::from(&data.resolver);
    if !types.contains_key("EIP712Domain") {
        let d = &data.domain;
        let mut props = Vec::new();
        let mut add = |present: bool, ty: &str, name: &str| {
            if present {
                props.push(PropertyDef::new_unchecked(ty, name));
            }
        };
        add(d.name.is_some(), "string", "name");
        add(d.version.is_some(), "string", "version");
        add(d.chain_id.is_some(), "uint256", "chainId");
        add(
            d.verifying_contract.is_some(),
            "address",
            "verifyingContract",
        );
        add(d.salt.is_some(), "bytes32", "salt");
        types.insert("EIP712Domain".into(), props);
    }
    Ok(types)
}

/// Encodes typed data for full mode. Fails (before any I/O) on data the message's own
/// types reject, or that the app's framing cannot carry.
pub fn stream(data: &TypedData) -> Result<TypedDataStream, DeviceError> {
    if data.primary_type == "EIP712Domain" {
        return Err(bad(
            "the Ledger app signs a message struct, not a bare domain",
        ));
    }
    let message = data.coerce().map_err(bad)?;
    let types = types_with_domain(data)?;
    let mut defs: std::collections::BTreeMap<&str, Vec<FieldDef>> = Default::default();
    let mut definitions = Vec::new();
    for (name, props) in types.iter() {
        definitions.push(command(INS_EIP712_STRUCT_DEF, 0x00, 0x00, name.as_bytes()));
        let mut fields = Vec::new();
        for prop in props {
            let field = FieldDef::parse(prop.type_name(), prop.name())?;
            definitions.push(command(INS_EIP712_STRUCT_DEF, 0x00, 0xFF, &field.encode()?));
            fields.push(field);
        }
        defs.insert(name.as_str(), fields);
    }

    let mut out = Vec::new();
    let domain = domain_value(data, &defs)?;
    out.push(command(INS_EIP712_STRUCT_IMPL, 0x00, 0x00, b"EIP712Domain"));
    walk_struct(&defs, "EIP712Domain", &domain, None, &mut out)?;
    out.push(command(
        INS_EIP712_STRUCT_IMPL,
        0x00,
        0x00,
        data.primary_type.as_bytes(),
    ));
    walk_struct(
        &defs,
        &data.primary_type,
        &message,
        Some(&data.message),
        &mut out,
    )?;
    Ok(TypedDataStream {
        definitions,
        implementation: out,
    })
}

fn domain_value(
    data: &TypedData,
    defs: &std::collections::BTreeMap<&str, Vec<FieldDef>>,
) -> Result<DynSolValue, DeviceError> {
    let d = &data.domain;
    let fields = defs.get("EIP712Domain").expect("inserted above");
    let missing = |name: &str| {
        bad(format!(
            "the domain declares {name} but has no value for it"
        ))
    };
    let mut values = Vec::new();
    for field in fields {
        values.push(match field.name.as_str() {
            "name" => {
                DynSolValue::String(d.name.clone().ok_or_else(|| missing("name"))?.into_owned())
            }
            "version" => DynSolValue::String(
                d.version
                    .clone()
                    .ok_or_else(|| missing("version"))?
                    .into_owned(),
            ),
            "chainId" => DynSolValue::Uint(d.chain_id.ok_or_else(|| missing("chainId"))?, 256),
            "verifyingContract" => DynSolValue::Address(
                d.verifying_contract
                    .ok_or_else(|| missing("verifyingContract"))?,
            ),
            "salt" => DynSolValue::FixedBytes(d.salt.ok_or_else(|| missing("salt"))?, 32),
            other => return Err(bad(format!("unknown domain field {other}"))),
        });
    }
    Ok(DynSolValue::Tuple(values))
}

fn struct_members(value: &DynSolValue) -> Option<&[DynSolValue]> {
    match value {
        DynSolValue::CustomStruct { tuple, .. } | DynSolValue::Tuple(tuple) => Some(tuple),
        _ => None,
    }
}

fn walk_struct(
    defs: &std::collections::BTreeMap<&str, Vec<FieldDef>>,
    name: &str,
    value: &DynSolValue,
    json: Option<&Value>,
    out: &mut Vec<Vec<u8>>,
) -> Result<(), DeviceError> {
    let fields = defs
        .get(name)
        .ok_or_else(|| bad(format!("the type {name} is not defined")))?;
    let members = struct_members(value).ok_or_else(|| bad(format!("{name} is not a struct")))?;
    if members.len() != fields.len() {
        return Err(bad(format!(
            "{name} has {} values for {} fields",
            members.len(),
            fields.len()
        )));
    }
    for (field, member) in fields.iter().zip(members) {
        let json = json.and_then(|j| j.get(&field.name));
        walk_field(defs, field, field.arrays.len(), member, json, out)?;
    }
    Ok(())
}

fn walk_field(
    defs: &std::collections::BTreeMap<&str, Vec<FieldDef>>,
    field: &FieldDef,
    levels_left: usize,
    value: &DynSolValue,
    json: Option<&Value>,
    out: &mut Vec<Vec<u8>>,
) -> Result<(), DeviceError> {
    if levels_left > 0 {
        let items = match value {
            DynSolValue::Array(items) | DynSolValue::FixedArray(items) => items,
            _ => return Err(bad(format!("{} is not an array", field.name))),
        };
        let size = u8::try_from(items.len())
            .map_err(|_| bad(format!("{} has over 255 elements", field.name)))?;
        out.push(command(INS_EIP712_STRUCT_IMPL, 0x00, 0x0F, &[size]));
        for (i, item) in items.iter().enumerate() {
            let json = json.and_then(|j| j.get(i));
            walk_field(defs, field, levels_left - 1, item, json, out)?;
        }
        return Ok(());
    }
    if let FieldType::Custom(name) = &field.ty {
        return walk_struct(defs, name, value, json, out);
    }
    let bytes = encode_value(&field.ty, value, json).ok_or_else(|| {
        bad(format!(
            "{} does not hold a {}",
            field.name,
            field.type_string()
        ))
    })?;
    let len = u16::try_from(bytes.len())
        .map_err(|_| bad(format!("{} is over 65535 bytes", field.name)))?;
    let mut framed = len.to_be_bytes().to_vec();
    framed.extend_from_slice(&bytes);
    let chunks: Vec<&[u8]> = framed.chunks(MAX_DATA).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        let p1 = if i + 1 < chunks.len() { 0x01 } else { 0x00 };
        out.push(command(INS_EIP712_STRUCT_IMPL, p1, 0xFF, chunk));
    }
    Ok(())
}

/// Big-endian bytes without leading zeros; zero is one `00` byte.
fn minimal(bytes: &[u8]) -> Vec<u8> {
    let first = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len() - 1);
    bytes[first..].to_vec()
}

/// An integer given as a hex string is sent as written (hw-app-eth does), within the
/// type's size.
fn raw_hex(json: Option<&Value>, max: usize) -> Option<Vec<u8>> {
    let text = json?.as_str()?.strip_prefix("0x")?;
    let padded = if text.len() % 2 == 1 {
        format!("0{text}")
    } else {
        text.to_owned()
    };
    let bytes = hex::decode(padded).ok()?;
    if bytes.is_empty() {
        return Some(vec![0]);
    }
    Some(if bytes.len() > max {
        minimal(&bytes)
    } else {
        bytes
    })
}

/// The 0x1C value bytes: integers minimal big-endian (negative ones in two's
/// complement over the type's size, so the app sign-extends them), addresses 20
/// bytes, `bytesN` N bytes, strings UTF-8.
fn encode_value(ty: &FieldType, value: &DynSolValue, json: Option<&Value>) -> Option<Vec<u8>> {
    Some(match (ty, value) {
        (FieldType::Uint(size), DynSolValue::Uint(v, _)) => {
            raw_hex(json, *size as usize).unwrap_or_else(|| minimal(&v.to_be_bytes::<32>()))
        }
        (FieldType::Int(size), DynSolValue::Int(v, _)) => {
            let size = *size as usize;
            if let Some(raw) = raw_hex(json, size) {
                raw
            } else if v.is_negative() {
                let full = v.to_be_bytes::<32>();
                full[32 - size..].to_vec()
            } else {
                let mut bytes = minimal(&v.to_be_bytes::<32>());
                // A positive value whose top bit is set would read as negative.
                if bytes[0] & 0x80 != 0 && bytes.len() < size {
                    bytes.insert(0, 0);
                }
                bytes
            }
        }
        (FieldType::Address, DynSolValue::Address(a)) => a.to_vec(),
        (FieldType::Bool, DynSolValue::Bool(b)) => vec![*b as u8],
        (FieldType::String, DynSolValue::String(s)) => s.as_bytes().to_vec(),
        (FieldType::FixedBytes(n), DynSolValue::FixedBytes(word, _)) => {
            word[..*n as usize].to_vec()
        }
        (FieldType::Bytes, DynSolValue::Bytes(b)) => b.clone(),
        _ => return None,
    })
}

/// Reads a 0x1C integer value the way the app does: big-endian, `int` values
/// sign-extended from their first byte's top bit.
pub fn decode_int(ty: &FieldType, bytes: &[u8]) -> Option<DynSolValue> {
    if bytes.len() > 32 || bytes.is_empty() {
        return None;
    }
    match ty {
        FieldType::Uint(size) if bytes.len() <= *size as usize => Some(DynSolValue::Uint(
            U256::from_be_slice(bytes),
            *size as usize * 8,
        )),
        FieldType::Int(size) if bytes.len() <= *size as usize => {
            let fill = if bytes[0] & 0x80 != 0 { 0xff } else { 0x00 };
            let mut word = [fill; 32];
            word[32 - bytes.len()..].copy_from_slice(bytes);
            Some(DynSolValue::Int(
                I256::from_be_bytes(word),
                *size as usize * 8,
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_definitions_round_trip() {
        for (ty, hex_def) in [
            ("uint256", "422007636861696e4964"),
            ("address[]", "8301000777616c6c657473"),
        ] {
            let name = if ty == "uint256" {
                "chainId"
            } else {
                "wallets"
            };
            let def = FieldDef::parse(ty, name).unwrap();
            assert_eq!(hex::encode(def.encode().unwrap()), hex_def);
            assert_eq!(FieldDef::decode(&def.encode().unwrap()).unwrap(), def);
            assert_eq!(def.type_string(), ty);
        }
        let nested = FieldDef::parse("Person[2][]", "x").unwrap();
        assert_eq!(nested.arrays, vec![Some(2), None]);
        assert_eq!(nested.type_string(), "Person[2][]");
        assert_eq!(FieldDef::decode(&nested.encode().unwrap()).unwrap(), nested);
    }

    #[test]
    fn negative_ints_sign_extend() {
        let v = decode_int(&FieldType::Int(2), &[0xff, 0x38]).unwrap();
        assert_eq!(v, DynSolValue::Int(I256::try_from(-200).unwrap(), 16));
        let enc = encode_value(
            &FieldType::Int(2),
            &DynSolValue::Int(I256::try_from(200).unwrap(), 16),
            None,
        )
        .unwrap();
        assert_eq!(enc, vec![0x00, 0xc8]);
    }
}
