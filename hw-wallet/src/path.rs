//! BIP32 derivation paths as devices take them, checked before any I/O.

use crate::DeviceError;

/// The hardened bit of a BIP32 index.
pub const HARDENED: u32 = 0x8000_0000;

/// The most levels a Ledger accepts in a path (and more than any Ethereum scheme uses).
pub const MAX_DEPTH: usize = 10;

/// A BIP32 path such as `m/44'/60'/0'/0/0`: between 1 and [`MAX_DEPTH`] indices.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HdPath(Vec<u32>);

impl HdPath {
    /// A path from raw indices (hardened ones carry [`HARDENED`]).
    pub fn from_indices(indices: Vec<u32>) -> Result<Self, DeviceError> {
        check_depth(&indices, || format!("{indices:?}"))?;
        Ok(Self(indices))
    }

    /// The indices, hardened ones with [`HARDENED`] set.
    pub fn indices(&self) -> &[u32] {
        &self.0
    }

    /// Ledger's encoding: the depth, then each index as 4 big-endian bytes.
    pub fn to_ledger_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + 4 * self.0.len());
        out.push(self.0.len() as u8);
        for index in &self.0 {
            out.extend_from_slice(&index.to_be_bytes());
        }
        out
    }
}

impl std::str::FromStr for HdPath {
    type Err = DeviceError;

    /// Accepts `m/44'/60'/0'/0/0`, with or without the leading `m/`, and `h` or `H` as
    /// well as `'` for hardened.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = |reason: String| DeviceError::InvalidPath {
            path: s.to_owned(),
            reason,
        };
        let body = s.trim();
        let body = body
            .strip_prefix("m/")
            .or_else(|| body.strip_prefix("M/"))
            .unwrap_or(body);
        if body.is_empty() || body == "m" {
            return Err(invalid("it has no levels".into()));
        }
        let mut indices = Vec::new();
        for part in body.split('/') {
            let (digits, hardened) = match part.strip_suffix(['\'', 'h', 'H']) {
                Some(digits) => (digits, true),
                None => (part, false),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(format!(
                    "\"{part}\" is not a number (optionally followed by ')"
                )));
            }
            let index: u32 = digits
                .parse()
                .ok()
                .filter(|i| *i < HARDENED)
                .ok_or_else(|| invalid(format!("{digits} is above 2^31 - 1")))?;
            indices.push(if hardened { index | HARDENED } else { index });
        }
        check_depth(&indices, || s.to_owned())?;
        Ok(Self(indices))
    }
}

/// Devices take 1 to [`MAX_DEPTH`] levels.
fn check_depth(indices: &[u32], path: impl FnOnce() -> String) -> Result<(), DeviceError> {
    if indices.is_empty() || indices.len() > MAX_DEPTH {
        return Err(DeviceError::InvalidPath {
            path: path(),
            reason: format!(
                "it has {} levels; a path has 1 to {MAX_DEPTH}",
                indices.len()
            ),
        });
    }
    Ok(())
}

impl std::fmt::Display for HdPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("m")?;
        for index in &self.0 {
            if index & HARDENED != 0 {
                write!(f, "/{}'", index & !HARDENED)?;
            } else {
                write!(f, "/{index}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_encoding_matches_the_spec_example() {
        // hardware-wallets.md §1.3.
        let path: HdPath = "m/44'/60'/0'/0/0".parse().unwrap();
        assert_eq!(
            hex::encode(path.to_ledger_bytes()),
            "058000002c8000003c800000000000000000000000"
        );
        assert_eq!(path.to_string(), "m/44'/60'/0'/0/0");
        assert_eq!("44h/60H/0'/0/0".parse::<HdPath>().unwrap(), path);
    }

    #[test]
    fn invalid_paths_are_refused() {
        for bad in [
            "",
            "m",
            "m/",
            "m/44'/x",
            "m/44''",
            "m/-1",
            "m/2147483648",
            "m/44'//0",
            "m/1/2/3/4/5/6/7/8/9/10/11",
        ] {
            assert!(
                matches!(bad.parse::<HdPath>(), Err(DeviceError::InvalidPath { .. })),
                "{bad:?} accepted"
            );
        }
        assert!("m/2147483647'".parse::<HdPath>().is_ok());
    }
}
