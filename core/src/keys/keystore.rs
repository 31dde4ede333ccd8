//! Web3 Secret Storage (v3 JSON keystores), as geth, foundry and most wallets write them,
//! through alloy's `eth-keystore` support.

use std::path::{Path, PathBuf};

use alloy::signers::local::{LocalSignerError, PrivateKeySigner};

use super::{KeyError, Password, private_key};

/// Decrypts a keystore file.
pub fn import(path: &Path, password: &Password) -> Result<PrivateKeySigner, KeyError> {
    if !path.is_file() {
        return Err(KeyError::Keystore(format!(
            "{} is not a file",
            path.display()
        )));
    }
    PrivateKeySigner::decrypt_keystore(path, password.as_bytes()).map_err(|e| match e {
        LocalSignerError::EthKeystoreError(eth_keystore::KeystoreError::MacMismatch) => {
            KeyError::KeystoreMac
        }
        other => KeyError::Keystore(format!(
            "{} could not be read as a keystore: {other}",
            path.display()
        )),
    })
}

/// Decrypts a keystore given as its JSON text (the desktop app reads the file in the web
/// view, which has no filesystem access). eth-keystore only reads files, so the text goes
/// through a private temporary file that is removed on return.
pub fn import_json(json: &str, password: &Password) -> Result<PrivateKeySigner, KeyError> {
    serde_json::from_str::<serde_json::Value>(json)
        .map_err(|e| KeyError::Keystore(format!("the file is not JSON: {e}")))?;
    let dir = tempfile::tempdir().map_err(|e| KeyError::Keystore(e.to_string()))?;
    let path = dir.path().join("keystore.json");
    std::fs::write(&path, json).map_err(|e| KeyError::Keystore(e.to_string()))?;
    import(&path, password).map_err(|e| match e {
        KeyError::Keystore(_) => KeyError::Keystore(
            "the file could not be read as a keystore (Web3 Secret Storage v3 JSON)".into(),
        ),
        other => other,
    })
}

/// Writes `signer`'s key as a keystore file in `dir`, named after its address; returns the path.
pub fn export(
    signer: &PrivateKeySigner,
    dir: &Path,
    password: &Password,
) -> Result<PathBuf, KeyError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| KeyError::Keystore(format!("cannot create {}: {e}", dir.display())))?;
    let name = format!("{:x}.json", signer.address());
    let path = dir.join(&name);
    if path.exists() {
        return Err(KeyError::Keystore(format!(
            "{} already exists; refusing to overwrite it",
            path.display()
        )));
    }
    let key = private_key::signer_bytes(signer);
    PrivateKeySigner::encrypt_keystore(
        dir,
        &mut rand::rngs::OsRng,
        key.as_slice(),
        password.as_bytes(),
        Some(&name),
    )
    .map_err(|e| KeyError::Keystore(e.to_string()))?;
    Ok(path)
}
