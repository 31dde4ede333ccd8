//! A simulator's secret: a BIP39 seed, derived the way devices derive it.

use alloy::signers::local::PrivateKeySigner;
use coins_bip32::prelude::{Hint, Parent, XPriv};

use crate::HdPath;

/// Speculos's default seed: the Ledger vectors in hw-app-eth were signed with it.
pub const SPECULOS_MNEMONIC: &str = "glory promote mansion idle axis finger extra february uncover one trip resource lawn turtle enact monster seven myth punch hobby comfort wild raise skin";

/// The seed of most Trezor firmware fixtures.
pub const TREZOR_ALL_MNEMONIC: &str = "all all all all all all all all all all all all";

/// The seed of Trezor's `sign_tx.json` and `getpublickey.json` fixtures.
pub const TREZOR_ALCOHOL_MNEMONIC: &str =
    "alcohol woman abuse must during monitor noble actual mixed trade anger aisle";

/// The keys of a simulated device.
#[derive(Clone)]
pub struct SeedKeys {
    root: XPriv,
}

impl std::fmt::Debug for SeedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeedKeys(..)")
    }
}

impl SeedKeys {
    /// Keys from an English mnemonic and an optional BIP39 passphrase.
    pub fn from_mnemonic(phrase: &str, passphrase: &str) -> Self {
        let mnemonic = bip39::Mnemonic::parse_in(bip39::Language::English, phrase)
            .expect("simulator seeds are valid mnemonics");
        let seed = mnemonic.to_seed(passphrase);
        let root = XPriv::root_from_seed(&seed, Some(Hint::Legacy)).expect("valid seed");
        Self { root }
    }

    fn child(&self, path: &HdPath) -> XPriv {
        path.indices().iter().fold(self.root.clone(), |key, index| {
            key.derive_child(*index).expect("derivation does not fail")
        })
    }

    /// The key at `path`. Signatures from it are RFC6979 (deterministic), low-s, as
    /// the firmware's are, which is what makes the published vectors reproducible.
    pub fn signer(&self, path: &HdPath) -> PrivateKeySigner {
        let child = self.child(path);
        let key: &coins_bip32::ecdsa::SigningKey = child.as_ref();
        PrivateKeySigner::from_signing_key(key.clone())
    }

    /// The public key and chain code at `path` (what Ledger's GET_PUBLIC_KEY returns).
    pub fn xpub_parts(&self, path: &HdPath) -> ([u8; 65], [u8; 32]) {
        let child = self.child(path);
        let key: &coins_bip32::ecdsa::SigningKey = child.as_ref();
        let point = key.verifying_key().to_encoded_point(false);
        let mut public = [0u8; 65];
        public.copy_from_slice(point.as_bytes());
        let info: &coins_bip32::primitives::XKeyInfo = child.as_ref();
        let chain_code: [u8; 32] = info.chain_code.0;
        (public, chain_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_addresses() {
        // hardware-wallets.md §5.1 and trezor/getaddress.json.
        let ledger = SeedKeys::from_mnemonic(SPECULOS_MNEMONIC, "");
        let at = |keys: &SeedKeys, p: &str| keys.signer(&p.parse().unwrap()).address().to_string();
        assert_eq!(
            at(&ledger, "m/44'/60'/0'/0/0"),
            "0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D"
        );
        assert_eq!(
            at(&ledger, "m/44'/60'/1'/0/0"),
            "0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2"
        );
        assert_eq!(
            at(&ledger, "m/44'/60'/0'/1"),
            "0xbf868c9926bC3ed99417a7AFD96f75Ef6736aF89"
        );
        let trezor = SeedKeys::from_mnemonic(TREZOR_ALL_MNEMONIC, "");
        assert_eq!(
            at(&trezor, "m/44'/60'/0'/0/0"),
            "0x73d0385F4d8E00C5e6504C6030F47BF6212736A8"
        );
    }
}
