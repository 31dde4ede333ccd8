//! Web3 Secret Storage interop with foundry's `cast` (npm `@foundry-rs/cast`, installed
//! into tools/ by scripts/setup.sh): cast's keystores open in Switchyard and ours in cast.

use std::{path::PathBuf, process::Command};

use switchyard_core::keys::{KeyError, Password, keystore, private_key};

fn cast() -> PathBuf {
    let path = std::env::var_os("SWITCHYARD_CAST")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../tools/node_modules/@foundry-rs/cast-linux-amd64/bin/cast")
        });
    assert!(
        path.exists(),
        "cast not found at {}: run scripts/setup.sh",
        path.display()
    );
    path
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cast_keystore_opens_in_switchyard() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(Command::new(cast())
        .args(["wallet", "new"])
        .arg(dir.path())
        .args(["--unsafe-password", "cast-password-1"]));
    let address = out
        .lines()
        .find_map(|l| l.strip_prefix("Address:"))
        .unwrap()
        .trim()
        .to_owned();
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let signer = keystore::import(&file, &Password::new("cast-password-1")).unwrap();
    assert_eq!(signer.address().to_checksum(None), address);
    // The wrong password is a MAC mismatch with a clear message.
    let err = keystore::import(&file, &Password::new("cast-password-2")).unwrap_err();
    assert!(matches!(err, KeyError::KeystoreMac), "{err}");
}

#[test]
fn switchyard_keystore_opens_in_cast() {
    let dir = tempfile::tempdir().unwrap();
    let signer = private_key::parse_private_key(
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    )
    .unwrap();
    let file = keystore::export(&signer, dir.path(), &Password::new("our-password-1")).unwrap();
    let out = run(Command::new(cast())
        .args(["wallet", "address", "--keystore"])
        .arg(&file)
        .args(["--password", "our-password-1"]));
    assert_eq!(out.trim(), signer.address().to_checksum(None));
    // Exporting again to the same place does not overwrite.
    assert!(keystore::export(&signer, dir.path(), &Password::new("our-password-1")).is_err());
}

#[test]
fn modified_keystore_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let signer = private_key::parse_private_key(
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    )
    .unwrap();
    let file = keystore::export(&signer, dir.path(), &Password::new("our-password-1")).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let ct = json["crypto"]["ciphertext"].as_str().unwrap().to_owned();
    let flipped = format!(
        "{}{}",
        if ct.starts_with('0') { "1" } else { "0" },
        &ct[1..]
    );
    json["crypto"]["ciphertext"] = flipped.into();
    std::fs::write(&file, json.to_string()).unwrap();
    assert!(matches!(
        keystore::import(&file, &Password::new("our-password-1")),
        Err(KeyError::KeystoreMac)
    ));
    // Not a keystore at all.
    std::fs::write(&file, "{}").unwrap();
    assert!(matches!(
        keystore::import(&file, &Password::new("x")),
        Err(KeyError::Keystore(_))
    ));
}
