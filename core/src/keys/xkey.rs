//! BIP32 extended keys (xprv/xpub): serialization and strict parsing.
//!
//! `coins-bip32` does the encoding; it does not check the structural rules BIP32's
//! test vector 5 requires (key-type prefixes, depth-zero consistency), so
//! [`parse_extended_key`] checks them first.

use coins_bip32::{
    enc::{MainnetEncoder, XKeyEncoder, decode_b58_check},
    prelude::{Hint, Parent, XPriv, XPub},
};

use super::KeyError;

const XPRV_VERSION: [u8; 4] = [0x04, 0x88, 0xAD, 0xE4];
const XPUB_VERSION: [u8; 4] = [0x04, 0x88, 0xB2, 0x1E];

/// A parsed mainnet extended key.
#[derive(Debug, Clone)]
pub enum ExtendedKey {
    /// An xprv.
    Private(XPriv),
    /// An xpub.
    Public(XPub),
}

/// The BIP32 master key of a seed.
pub fn master_key(seed: &[u8]) -> Result<XPriv, KeyError> {
    XPriv::root_from_seed(seed, Some(Hint::Legacy)).map_err(|e| KeyError::Derivation(e.to_string()))
}

/// Derives `path` (`m/0'/1`…) below `key`.
pub fn derive(key: &XPriv, path: &str) -> Result<XPriv, KeyError> {
    let parsed: coins_bip32::path::DerivationPath = path
        .parse()
        .map_err(|_| KeyError::BadPath(path.to_owned()))?;
    parsed.iter().try_fold(key.clone(), |k, i| {
        k.derive_child(*i)
            .map_err(|e| KeyError::Derivation(e.to_string()))
    })
}

/// Serializes an xprv.
pub fn xprv_string(key: &XPriv) -> String {
    MainnetEncoder::xpriv_to_base58(key).expect("an XPriv always serializes")
}

/// Serializes the xpub of an xprv.
pub fn xpub_string(key: &XPriv) -> String {
    MainnetEncoder::xpub_to_base58(&key.verify_key()).expect("an XPub always serializes")
}

/// Parses an xprv or xpub, refusing every malformed key BIP32 lists.
pub fn parse_extended_key(s: &str) -> Result<ExtendedKey, KeyError> {
    let bad = |why: &str| KeyError::BadExtendedKey(why.to_owned());
    let bytes = decode_b58_check(s).map_err(|_| bad("bad Base58Check encoding or checksum"))?;
    if bytes.len() != 78 {
        return Err(bad("wrong length"));
    }
    let (version, depth, parent, index, key) = (
        &bytes[0..4],
        bytes[4],
        &bytes[5..9],
        &bytes[9..13],
        &bytes[45..78],
    );
    if depth == 0 && parent != [0; 4] {
        return Err(bad("depth 0 with a non-zero parent fingerprint"));
    }
    if depth == 0 && index != [0; 4] {
        return Err(bad("depth 0 with a non-zero child index"));
    }
    match version {
        v if v == XPRV_VERSION => {
            if key[0] != 0 {
                return Err(bad("private key version with a public key or bad prefix"));
            }
            MainnetEncoder::xpriv_from_base58(s)
                .map(ExtendedKey::Private)
                .map_err(|_| bad("private key is 0 or not below the curve order"))
        }
        v if v == XPUB_VERSION => {
            if key[0] != 2 && key[0] != 3 {
                return Err(bad("public key version with a private key or bad prefix"));
            }
            MainnetEncoder::xpub_from_base58(s)
                .map(ExtendedKey::Public)
                .map_err(|_| bad("public key is not on the curve"))
        }
        _ => Err(bad("unknown version bytes")),
    }
}
