use alloy::primitives::Address;

/// A saved recipient: an address the person named, who is not one of their accounts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Contact {
    /// The person's name for it.
    pub name: String,
    /// Its address (serialized EIP-55).
    #[serde(serialize_with = "crate::accounts::checksummed")]
    pub address: Address,
}
