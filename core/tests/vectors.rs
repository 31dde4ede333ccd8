//! Published BIP39 and BIP32 vectors, and known Ethereum addresses for each scheme.

use serde_json::Value;
use switchyard_core::keys::{
    DerivationScheme, SeedPhrase, derive_signer, mnemonic,
    xkey::{self, ExtendedKey},
};

fn load(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Word lists of python-mnemonic's vectors that are not BIP39 word lists: BIP39 lists
/// ten (bips/bip-0039/bip-0039-wordlists.md) and the `bip39` crate ships exactly those.
const NOT_BIP39_LISTS: [&str; 2] = ["russian", "turkish"];

#[test]
fn bip39_vectors_all_bip39_word_lists() {
    let vectors = load("bip39/vectors.json");
    let mut checked = 0;
    for (language, cases) in vectors.as_object().unwrap() {
        for case in cases.as_array().unwrap() {
            let [entropy, phrase, seed, xprv] =
                [0, 1, 2, 3].map(|i| case[i].as_str().unwrap().to_owned());
            if NOT_BIP39_LISTS.contains(&language.as_str()) {
                // Refused with a clear error rather than misread.
                assert!(SeedPhrase::parse(&phrase).is_err(), "{language}: {phrase}");
                continue;
            }
            let parsed = SeedPhrase::parse(&phrase).unwrap_or_else(|e| panic!("{language}: {e}"));
            assert_eq!(
                hex::encode(&*parsed.entropy()),
                entropy,
                "{language} entropy"
            );
            let lang =
                mnemonic::language_by_name(&mnemonic::language_name(parsed.language())).unwrap();
            let rebuilt = SeedPhrase::from_entropy(lang, &hex::decode(&entropy).unwrap()).unwrap();
            assert_eq!(rebuilt.entropy(), parsed.entropy());
            let computed_seed = parsed.to_seed("TREZOR");
            assert_eq!(hex::encode(*computed_seed), seed, "{language} seed");
            let master = xkey::master_key(&*computed_seed).unwrap();
            assert_eq!(xkey::xprv_string(&master), xprv, "{language} xprv");
            checked += 1;
        }
    }
    assert_eq!(checked, 240, "10 BIP39 word lists x 24 vectors");
}

#[test]
fn bip32_vectors_1_to_4_derive_and_serialize() {
    let vectors = load("bip32/vectors.json");
    let mut chains = 0;
    for vector in vectors["vectors"].as_array().unwrap() {
        let Some(seed) = vector["seed_hex"].as_str() else {
            continue;
        };
        let master = xkey::master_key(&hex::decode(seed).unwrap()).unwrap();
        for chain in vector["chains"].as_array().unwrap() {
            let path = chain["path"].as_str().unwrap();
            let key = xkey::derive(&master, path).unwrap();
            assert_eq!(
                xkey::xprv_string(&key),
                chain["ext_prv"].as_str().unwrap(),
                "{path}"
            );
            assert_eq!(
                xkey::xpub_string(&key),
                chain["ext_pub"].as_str().unwrap(),
                "{path}"
            );
            // And the serialized forms parse back.
            assert!(matches!(
                xkey::parse_extended_key(chain["ext_prv"].as_str().unwrap()).unwrap(),
                ExtendedKey::Private(_)
            ));
            assert!(matches!(
                xkey::parse_extended_key(chain["ext_pub"].as_str().unwrap()).unwrap(),
                ExtendedKey::Public(_)
            ));
            chains += 1;
        }
    }
    assert_eq!(chains, 17);
}

#[test]
fn bip32_vector_5_invalid_keys_are_refused() {
    let vectors = load("bip32/vectors.json");
    let invalid = vectors["vectors"][4]["invalid_extended_keys"]
        .as_array()
        .unwrap();
    assert_eq!(invalid.len(), 16);
    for case in invalid {
        let key = case["key"].as_str().unwrap();
        assert!(
            xkey::parse_extended_key(key).is_err(),
            "{} accepted: {key}",
            case["reason"]
        );
    }
}

fn address(phrase: &str, path: &str) -> String {
    let seed = SeedPhrase::parse(phrase).unwrap().to_seed("");
    derive_signer(&*seed, path)
        .unwrap()
        .address()
        .to_checksum(None)
}

#[test]
fn anvil_mnemonic_gives_anvils_accounts() {
    let phrase = "test test test test test test test test test test test junk";
    let expected = [
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    ];
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(
            address(phrase, &DerivationScheme::Bip44.path(i as u32).unwrap()),
            *want
        );
    }
}

#[test]
fn abandon_mnemonic_in_each_scheme() {
    let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    // Index 0 is the same key in BIP44 and Ledger Live.
    let first = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
    assert_eq!(
        address(phrase, &DerivationScheme::Bip44.path(0).unwrap()),
        first
    );
    assert_eq!(
        address(phrase, &DerivationScheme::Live.path(0).unwrap()),
        first
    );
    assert_eq!(
        address(phrase, &DerivationScheme::Bip44.path(1).unwrap()),
        "0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0"
    );
    // Ledger Live #1 and Legacy #0 differ from BIP44 #1.
    let live1 = address(phrase, &DerivationScheme::Live.path(1).unwrap());
    let legacy0 = address(phrase, &DerivationScheme::Legacy.path(0).unwrap());
    assert_ne!(live1, first);
    assert_ne!(legacy0, first);
    assert_eq!(live1, address(phrase, "m/44'/60'/1'/0/0"));
    assert_eq!(legacy0, address(phrase, "m/44'/60'/0'/0"));
}

#[test]
fn trezor_all_all_seed_matches_trezor_getaddress_fixture() {
    let fixture = load("trezor/getaddress.json");
    let phrase = fixture["setup"]["mnemonic"].as_str().unwrap();
    let mut checked = 0;
    for case in fixture["tests"].as_array().unwrap() {
        let path = case["parameters"]["path"].as_str().unwrap();
        let want = case["result"]["address"].as_str().unwrap();
        assert_eq!(address(phrase, path), want, "{path}");
        checked += 1;
    }
    assert!(checked >= 6);
    // The fixture covers our three schemes' shapes: BIP44, Ledger Live (m/44'/60'/i'/0/0
    // shares index 0 with BIP44) and Legacy (m/44'/60'/0'/i).
    assert_eq!(
        address(phrase, &DerivationScheme::Legacy.path(0).unwrap()),
        "0x1ec5C1854e3E9F1674c34D6C2Be1bf13DFc0Fd8F"
    );
    assert_eq!(
        address(phrase, &DerivationScheme::Bip44.path(100).unwrap()),
        "0x1e6E3708a059aEa1241a81c7aAe84b6CDbC54d59"
    );
}
