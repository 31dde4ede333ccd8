//! The vault file: round trip, wrong password, tampering, crash safety, no plaintext.

use switchyard_core::{
    atomic_file,
    keys::{
        ImportedKey, KdfParams, KeyError, Password, SeedPhrase, SeedSecret, Vault, VaultSecrets,
    },
};

/// Light Argon2id parameters so the every-byte tamper test stays fast; the format
/// and code path are the same as with the defaults.
const LIGHT: KdfParams = KdfParams {
    memory_kib: 256,
    iterations: 1,
    parallelism: 1,
};
const PHRASE: &str = "legal winner thank year wave sausage worth useful legal winner thank yellow";
const KEY: [u8; 32] = [0x42; 32];

fn secrets() -> VaultSecrets {
    let phrase = SeedPhrase::parse(PHRASE).unwrap();
    VaultSecrets {
        seed: Some(SeedSecret::new(&phrase, "hunter2-passphrase")),
        keys: vec![ImportedKey {
            id: "k".into(),
            key: KEY,
        }],
    }
}

fn new_vault(params: KdfParams) -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::at(dir.path().join("vault.bin"));
    vault
        .create(&Password::new("correct horse battery"), &secrets(), params)
        .unwrap();
    (dir, vault)
}

#[test]
fn round_trip_with_default_parameters() {
    let (_dir, vault) = new_vault(KdfParams::default());
    let (key, opened) = vault
        .unlock(&Password::new("correct horse battery"))
        .unwrap();
    let seed = opened.seed.as_ref().unwrap();
    assert_eq!(seed.phrase().unwrap().phrase().as_str(), PHRASE);
    assert_eq!(seed.passphrase, "hunter2-passphrase");
    assert_eq!(opened.keys[0].key, KEY);
    // The data key alone opens it too (the keychain path).
    assert_eq!(vault.unlock_with_key(&key).unwrap().keys[0].key, KEY);
}

#[test]
fn wrong_password_is_refused_and_the_file_untouched() {
    let (_dir, vault) = new_vault(LIGHT);
    let before = std::fs::read(vault.path()).unwrap();
    assert!(matches!(
        vault.unlock(&Password::new("Correct horse battery")),
        Err(KeyError::WrongPassword)
    ));
    assert!(matches!(
        vault.change_password(&Password::new("nope nope"), &Password::new("new password")),
        Err(KeyError::WrongPassword)
    ));
    assert_eq!(std::fs::read(vault.path()).unwrap(), before);
}

#[test]
fn every_flipped_byte_is_refused() {
    let (_dir, vault) = new_vault(LIGHT);
    let good = std::fs::read(vault.path()).unwrap();
    let password = Password::new("correct horse battery");
    for i in 0..good.len() {
        for mask in [0x01u8, 0x20, 0x80] {
            let mut bad = good.clone();
            bad[i] ^= mask;
            std::fs::write(vault.path(), &bad).unwrap();
            let result = vault.unlock(&password);
            assert!(
                matches!(
                    result,
                    Err(KeyError::VaultTampered { .. } | KeyError::VaultFormat { .. })
                ),
                "flipping bit {mask:#x} of byte {i}: {:?}, not reported as damage",
                result.err()
            );
        }
    }
    // A truncated or extended file too.
    std::fs::write(vault.path(), &good[..good.len() - 1]).unwrap();
    assert!(vault.unlock(&password).is_err());
    let mut longer = good.clone();
    longer.push(0);
    std::fs::write(vault.path(), &longer).unwrap();
    assert!(vault.unlock(&password).is_err());
    // A modified payload is reported as tampering, not as a wrong password.
    let mut bad = good.clone();
    *bad.last_mut().unwrap() ^= 1;
    std::fs::write(vault.path(), &bad).unwrap();
    assert!(matches!(
        vault.unlock(&password),
        Err(KeyError::VaultTampered { .. })
    ));
}

#[test]
fn crash_between_temp_write_and_rename_leaves_the_old_vault() {
    let (_dir, vault) = new_vault(LIGHT);
    let password = Password::new("correct horse battery");
    let (key, _) = vault.unlock(&password).unwrap();
    // Prepare what a save would write, stage it, and "crash" before the rename.
    let other = tempfile::tempdir().unwrap();
    let next = Vault::at(other.path().join("vault.bin"));
    next.create(&password, &VaultSecrets::default(), LIGHT)
        .unwrap();
    let staged = atomic_file::stage(vault.path(), &std::fs::read(next.path()).unwrap()).unwrap();
    drop(staged);
    let (_, opened) = vault.unlock(&password).unwrap();
    assert_eq!(
        opened.keys[0].key, KEY,
        "the old vault still opens with its content"
    );
    // And the next real save goes through over the leftover temp file.
    let mut changed = secrets();
    changed.keys.clear();
    vault.save(&key, &changed).unwrap();
    assert!(vault.unlock(&password).unwrap().1.keys.is_empty());
}

#[test]
fn file_holds_no_plaintext_secret() {
    let (_dir, vault) = new_vault(LIGHT);
    let bytes = std::fs::read(vault.path()).unwrap();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    for word in PHRASE.split(' ') {
        assert!(
            !contains(word.as_bytes()),
            "mnemonic word {word} in the file"
        );
    }
    assert!(!contains(b"hunter2-passphrase"));
    assert!(!contains(&KEY), "raw key bytes in the file");
    assert!(
        !contains(hex::encode(KEY).as_bytes()),
        "hex key in the file"
    );
    let entropy = SeedPhrase::parse(PHRASE).unwrap().entropy();
    assert!(!contains(&entropy), "entropy in the file");
}

#[test]
fn password_change_rewraps_and_keeps_secrets() {
    let (_dir, vault) = new_vault(LIGHT);
    let old = Password::new("correct horse battery");
    let new = Password::new("staple battery horse");
    let (key_before, _) = vault.unlock(&old).unwrap();
    vault.change_password(&old, &new).unwrap();
    assert!(matches!(vault.unlock(&old), Err(KeyError::WrongPassword)));
    let (key_after, opened) = vault.unlock(&new).unwrap();
    assert_eq!(opened.keys[0].key, KEY);
    // The data key is unchanged, so a key remembered in the keychain stays valid.
    assert_eq!(key_before.as_bytes(), key_after.as_bytes());
}

#[test]
fn create_refuses_to_overwrite_and_missing_vault_is_explained() {
    let (dir, vault) = new_vault(LIGHT);
    assert!(matches!(
        vault.create(
            &Password::new("whatever123"),
            &VaultSecrets::default(),
            LIGHT
        ),
        Err(KeyError::VaultExists(_))
    ));
    let missing = Vault::at(dir.path().join("nope.bin"));
    let err = missing.unlock(&Password::new("x")).err().unwrap();
    assert!(matches!(err, KeyError::NoVault(_)));
    assert!(err.to_string().contains("Create or import one"));
}
