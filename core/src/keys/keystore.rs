//! Web3 Secret Storage (v3 JSON keystores), as geth, foundry and most wallets write them.
//!
//! Reading goes through alloy's `eth-keystore` support, after the file's key-derivation
//! parameters are checked against what real wallets write: a keystore is untrusted input,
//! and scrypt or PBKDF2 with huge parameters would take the machine's memory or hours of
//! CPU (and eth-keystore panics on a short derived key or IV). Writing is done here,
//! because eth-keystore only writes scrypt with n = 2^13, a sixty-fourth of the standard
//! cost geth, ethers and MetaMask use (n = 2^18, r = 8, p = 1).

use std::path::{Path, PathBuf};

use aes::Aes128;
use alloy::{
    primitives::keccak256,
    signers::local::{LocalSignerError, PrivateKeySigner},
};
use ctr::cipher::{KeyIvInit, StreamCipher};
use eth_keystore::{EthKeystore, KdfparamsType};
use rand::RngCore;
use zeroize::Zeroizing;

use super::{KeyError, Password, private_key};
use crate::atomic_file;

/// scrypt cost of exported keystores: geth's "standard" (`StandardScryptN`, `StandardScryptP`).
pub const EXPORT_SCRYPT_LOG_N: u8 = 18;
const EXPORT_SCRYPT_R: u32 = 8;
const EXPORT_SCRYPT_P: u32 = 1;

/// Largest scrypt `n` accepted (2^20: four times geth's standard).
pub const MAX_SCRYPT_N: u64 = 1 << 20;
/// Largest scrypt `r · p` accepted (geth's light setting uses 8 · 6 = 48).
pub const MAX_SCRYPT_RP: u64 = 64;
/// Largest scrypt memory accepted (128 · n · r bytes): 1 GiB.
pub const MAX_SCRYPT_MEMORY: u64 = 1 << 30;
/// Largest PBKDF2 iteration count accepted.
pub const MAX_PBKDF2_ROUNDS: u32 = 10_000_000;
/// Largest keystore file read (real ones are under 1 KiB).
const MAX_FILE_BYTES: u64 = 64 * 1024;

/// Decrypts a keystore file.
pub fn import(path: &Path, password: &Password) -> Result<PrivateKeySigner, KeyError> {
    let unreadable = |why: String| KeyError::Keystore(format!("{}: {why}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable("not a file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "{} bytes is far larger than a keystore",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
    import_json(&text, password)
}

/// Decrypts a keystore given as its JSON text (the desktop app reads the file in the web
/// view, which has no filesystem access). eth-keystore only reads files, so the text goes
/// through a private temporary file that is removed on return.
pub fn import_json(json: &str, password: &Password) -> Result<PrivateKeySigner, KeyError> {
    check_kdf(json)?;
    let dir = tempfile::tempdir().map_err(|e| KeyError::Keystore(e.to_string()))?;
    let path = dir.path().join("keystore.json");
    atomic_file::write(&path, json.as_bytes()).map_err(|e| KeyError::Keystore(e.to_string()))?;
    PrivateKeySigner::decrypt_keystore(&path, password.as_bytes()).map_err(|e| match e {
        LocalSignerError::EthKeystoreError(eth_keystore::KeystoreError::MacMismatch) => {
            KeyError::KeystoreMac
        }
        other => KeyError::Keystore(format!("the file could not be read as a keystore: {other}")),
    })
}

/// Refuses a keystore whose parameters no real wallet writes, before any work is done.
fn check_kdf(json: &str) -> Result<(), KeyError> {
    let bad = |why: String| KeyError::Keystore(why);
    let keystore: EthKeystore = serde_json::from_str(json).map_err(|e| {
        bad(format!(
            "the file is not a Web3 Secret Storage (v3 JSON) keystore: {e}"
        ))
    })?;
    let crypto = &keystore.crypto;
    if crypto.cipher != "aes-128-ctr" || crypto.cipherparams.iv.len() != 16 {
        return Err(bad(format!(
            "its cipher is \"{}\" with a {}-byte IV; only aes-128-ctr with a 16-byte IV is supported",
            crate::text::clean(&crypto.cipher, 40),
            crypto.cipherparams.iv.len()
        )));
    }
    if crypto.ciphertext.len() != 32 || crypto.mac.len() != 32 {
        return Err(bad(
            "its encrypted key or MAC is not 32 bytes, as a secp256k1 key's are".into(),
        ));
    }
    match &crypto.kdfparams {
        KdfparamsType::Scrypt { dklen, n, p, r, .. } => {
            let (n, r, p) = (u64::from(*n), u64::from(*r), u64::from(*p));
            if *dklen != 32 {
                return Err(bad(format!(
                    "its scrypt key length is {dklen}; keystores use 32"
                )));
            }
            if !n.is_power_of_two() || n < 2 || r == 0 || p == 0 {
                return Err(bad(format!(
                    "its scrypt parameters (n = {n}, r = {r}, p = {p}) are invalid: n must be a power of two, r and p at least 1"
                )));
            }
            if n > MAX_SCRYPT_N || r * p > MAX_SCRYPT_RP || 128 * n * r > MAX_SCRYPT_MEMORY {
                return Err(bad(format!(
                    "its scrypt cost (n = {n}, r = {r}, p = {p}) is beyond what any wallet writes (n at most 2^20, r·p at most {MAX_SCRYPT_RP}, at most 1 GiB of memory); refusing to spend that much memory and time on it"
                )));
            }
        }
        KdfparamsType::Pbkdf2 { c, dklen, prf, .. } => {
            if *dklen != 32 || prf != "hmac-sha256" {
                return Err(bad(format!(
                    "its PBKDF2 settings (dklen {dklen}, prf \"{}\") are not the keystore standard (32, hmac-sha256)",
                    crate::text::clean(prf, 40)
                )));
            }
            if *c == 0 || *c > MAX_PBKDF2_ROUNDS {
                return Err(bad(format!(
                    "its PBKDF2 iteration count {c} is outside 1 to {MAX_PBKDF2_ROUNDS}; refusing to spend that much time on it"
                )));
            }
        }
    }
    Ok(())
}

/// Writes `signer`'s key as a keystore file in `dir` (owner-only, never over an existing
/// file), named after its address, at the standard scrypt cost; returns the path.
pub fn export(
    signer: &PrivateKeySigner,
    dir: &Path,
    password: &Password,
) -> Result<PathBuf, KeyError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| KeyError::Keystore(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(format!("{:x}.json", signer.address()));
    let json = encrypt(signer, password)?;
    atomic_file::stage(&path, json.as_bytes())
        .and_then(|staged| staged.commit_new())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => KeyError::Keystore(format!(
                "{} already exists; refusing to overwrite it",
                path.display()
            )),
            _ => KeyError::Keystore(format!("cannot write {}: {e}", path.display())),
        })?;
    Ok(path)
}

/// The keystore JSON of `signer`'s key (scrypt n = 2^18, r = 8, p = 1; AES-128-CTR;
/// MAC = keccak256(derived key[16..32] ‖ ciphertext)), as the format defines.
fn encrypt(signer: &PrivateKeySigner, password: &Password) -> Result<String, KeyError> {
    let mut rng = rand::rngs::OsRng;
    let mut salt = [0u8; 32];
    let mut iv = [0u8; 16];
    let mut id = [0u8; 16];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut iv);
    rng.fill_bytes(&mut id);
    let params = scrypt::Params::new(EXPORT_SCRYPT_LOG_N, EXPORT_SCRYPT_R, EXPORT_SCRYPT_P)
        .expect("the export parameters are valid");
    let mut derived = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(password.as_bytes(), &salt, &params, derived.as_mut())
        .expect("a 32-byte output is valid for scrypt");
    let mut ciphertext = *private_key::signer_bytes(signer);
    ctr::Ctr128BE::<Aes128>::new(derived[..16].into(), (&iv).into())
        .apply_keystream(&mut ciphertext);
    let mac = keccak256([&derived[16..], &ciphertext[..]].concat());
    Ok(serde_json::json!({
        "address": format!("{:x}", signer.address()),
        "crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": { "iv": hex::encode(iv) },
            "ciphertext": hex::encode(ciphertext),
            "kdf": "scrypt",
            "kdfparams": {
                "dklen": 32,
                "n": 1u32 << EXPORT_SCRYPT_LOG_N,
                "p": EXPORT_SCRYPT_P,
                "r": EXPORT_SCRYPT_R,
                "salt": hex::encode(salt),
            },
            "mac": hex::encode(mac),
        },
        "id": uuid_v4(id),
        "version": 3,
    })
    .to_string())
}

/// A random (version 4) UUID from 16 random bytes, as keystores carry in `id`.
fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keystore(kdf: &str, params: serde_json::Value) -> String {
        serde_json::json!({
            "crypto": {
                "cipher": "aes-128-ctr",
                "cipherparams": { "iv": "00".repeat(16) },
                "ciphertext": "11".repeat(32),
                "kdf": kdf,
                "kdfparams": params,
                "mac": "22".repeat(32),
            },
            "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
            "version": 3,
        })
        .to_string()
    }

    fn refused(json: &str) -> String {
        let started = std::time::Instant::now();
        let err = import_json(json, &Password::new("x")).unwrap_err();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "refused before any key derivation"
        );
        err.to_string()
    }

    #[test]
    fn hostile_kdf_parameters_are_refused_before_any_work() {
        let salt = "33".repeat(32);
        for (n, r, p) in [(1u64 << 22, 8, 1), (1 << 18, 8, 16), (1 << 20, 32, 1)] {
            let text = refused(&keystore(
                "scrypt",
                serde_json::json!({"dklen": 32, "n": n, "r": r, "p": p, "salt": salt}),
            ));
            assert!(text.contains("beyond what any wallet writes"), "{text}");
        }
        let text = refused(&keystore(
            "scrypt",
            serde_json::json!({"dklen": 32, "n": 1000, "r": 8, "p": 1, "salt": salt}),
        ));
        assert!(text.contains("power of two"), "{text}");
        // eth-keystore would panic slicing a short derived key.
        let text = refused(&keystore(
            "scrypt",
            serde_json::json!({"dklen": 8, "n": 1024, "r": 8, "p": 1, "salt": salt}),
        ));
        assert!(text.contains("key length"), "{text}");
        let text = refused(&keystore(
            "pbkdf2",
            serde_json::json!({"dklen": 32, "c": 4_000_000_000u32, "prf": "hmac-sha256", "salt": salt}),
        ));
        assert!(text.contains("iteration count"), "{text}");
    }

    #[test]
    fn the_export_is_standard_cost_owner_only_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let signer = PrivateKeySigner::random();
        let password = Password::new("keystore password");
        let path = export(&signer, dir.path(), &password).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(json["crypto"]["kdfparams"]["n"], 1 << 18);
        assert_eq!(json["crypto"]["kdfparams"]["r"], 8);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let back = import(&path, &password).unwrap();
        assert_eq!(back.address(), signer.address());
        assert!(matches!(
            import(&path, &Password::new("wrong")),
            Err(KeyError::KeystoreMac)
        ));
        let again = export(&signer, dir.path(), &password).unwrap_err();
        assert!(again.to_string().contains("refusing to overwrite"));
    }
}
