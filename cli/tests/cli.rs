//! The `switchyard` binary end to end: real data directory, real vault, real SQLite.

use assert_cmd::Command;
use predicates::{prelude::*, str::contains};
use serde_json::Value;

const ANVIL: &str = "test test test test test test test test test test test junk";
const PASSWORD: &str = "correct horse battery";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("switchyard").unwrap();
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .arg("--data-dir")
            .arg(self.dir.path().join("wallet"))
            .env("SWITCHYARD_PASSWORD", PASSWORD);
        cmd
    }

    fn init(&self) {
        self.cmd()
            .args(["wallet", "init", "--import"])
            .write_stdin(format!("{ANVIL}\n"))
            .assert()
            .success();
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn vault_bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("wallet/vault.bin")).unwrap()
    }
}

fn addresses(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["address"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn init_from_known_mnemonic_then_three_accounts_gives_anvils_addresses() {
    let env = Env::new();
    env.init();
    for _ in 0..3 {
        env.cmd().args(["account", "add"]).assert().success();
    }
    let list = env.json(&["account", "list"]);
    assert_eq!(
        addresses(&list),
        [
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
            "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        ]
    );
    assert_eq!(list[3]["kind"], "hd");
    assert_eq!(list[3]["scheme"], "bip44");
    assert_eq!(list[3]["index"], 3);
}

#[test]
fn password_from_stdin_after_the_phrase() {
    let env = Env::new();
    env.cmd()
        .env_remove("SWITCHYARD_PASSWORD")
        .args(["--password-stdin", "wallet", "init", "--import"])
        .write_stdin(format!("{ANVIL}\n{PASSWORD}\n"))
        .assert()
        .success();
    env.cmd()
        .env_remove("SWITCHYARD_PASSWORD")
        .args(["--password-stdin", "account", "add"])
        .write_stdin(format!("{PASSWORD}\n"))
        .assert()
        .success()
        .stdout(contains("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
}

#[test]
fn create_shows_the_phrase_once_and_never_on_stdout() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "wallet", "init", "--yes", "--words", "24"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("recovery phrase"));
    assert!(stderr.contains(" 24. "), "24 numbered words: {stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["account"]["address"]
            .as_str()
            .unwrap()
            .starts_with("0x")
    );
    // Without --yes and without a terminal the confirmation cannot happen: nothing is created.
    let env2 = Env::new();
    env2.cmd()
        .args(["wallet", "init"])
        .assert()
        .failure()
        .stderr(contains("--yes"));
    assert!(!env2.dir.path().join("wallet/vault.bin").exists());
}

#[test]
fn account_management_round_trip() {
    let env = Env::new();
    env.init();
    env.cmd()
        .args([
            "account",
            "add",
            "--scheme",
            "live",
            "--label",
            "Ledger-style",
        ])
        .assert()
        .success();
    env.cmd()
        .args(["account", "add", "--scheme", "legacy", "--index", "5"])
        .assert()
        .success();
    env.cmd()
        .args([
            "account",
            "watch",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "--label",
            "Vitalik-ish",
        ])
        .assert()
        .success();
    env.cmd()
        .args(["account", "rename", "Ledger-style", "Live 1"])
        .assert()
        .success();
    env.cmd()
        .args(["account", "hide", "Vitalik-ish"])
        .assert()
        .success();
    let visible = env.json(&["account", "list"]);
    assert_eq!(visible.as_array().unwrap().len(), 3);
    let all = env.json(&["account", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 4);
    let live = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["label"] == "Live 1")
        .unwrap();
    // Ledger Live index 0 is BIP44 #0 (already there), so the next free Live index is 1.
    assert_eq!(live["index"], 1);
    assert_eq!(all[3]["kind"], "watch_only");
    assert_eq!(
        all[3]["address"],
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    );
    env.cmd()
        .args(["account", "hide", "--undo", "Vitalik-ish"])
        .assert()
        .success();
    assert_eq!(env.json(&["account", "list"]).as_array().unwrap().len(), 4);
    // Two accounts with one label: picking by that label is refused, by address works.
    env.cmd()
        .args(["account", "rename", "Live 1", "Same"])
        .assert()
        .success();
    env.cmd()
        .args(["account", "rename", "Vitalik-ish", "Same"])
        .assert()
        .success();
    env.cmd()
        .args(["account", "hide", "Same"])
        .assert()
        .failure()
        .stderr(contains("Several accounts are labelled \"Same\""));
    env.cmd()
        .args([
            "account",
            "hide",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        ])
        .assert()
        .success();
}

#[test]
fn import_key_and_sign_everything() {
    let env = Env::new();
    env.init();
    env.cmd()
        .args(["account", "import-key", "--label", "hot"])
        .write_stdin("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a\n")
        .assert()
        .success()
        .stdout(contains("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"));
    let msg = env.json(&["sign", "message", "--account", "hot", "hello"]);
    assert_eq!(msg["address"], "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    let signature: alloy::primitives::Signature =
        msg["signature"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        signature
            .recover_address_from_msg(b"hello")
            .unwrap()
            .to_checksum(None),
        "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"
    );
    let tx = r#"{"chainId":901,"nonce":3,"gas":21000,"maxFeePerGas":"0x3b9aca00","maxPriorityFeePerGas":"0x1","to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","value":"0xde0b6b3a7640000"}"#;
    let out = env
        .cmd()
        .args([
            "--json",
            "sign",
            "tx",
            "--account",
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
        ])
        .write_stdin(tx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let signed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(signed["tx_type"], 2);
    assert!(signed["raw"].as_str().unwrap().starts_with("0x02"));
    let typed = r#"{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"Hi":[{"name":"x","type":"uint256"}]},"primaryType":"Hi","domain":{"name":"Switchyard"},"message":{"x":1}}"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typed.json");
    std::fs::write(&file, typed).unwrap();
    let sig = env.json(&[
        "sign",
        "typed-data",
        "--account",
        "hot",
        file.to_str().unwrap(),
    ]);
    assert_eq!(sig["signature"].as_str().unwrap().len(), 132);
    // Watch-only accounts cannot sign.
    env.cmd()
        .args([
            "account",
            "watch",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "--label",
            "w",
        ])
        .assert()
        .success();
    env.cmd()
        .args(["sign", "message", "--account", "w", "x"])
        .assert()
        .failure()
        .stderr(contains("watch-only"));
}

#[test]
fn keystore_export_then_import_elsewhere() {
    let env = Env::new();
    env.init();
    let out_dir = tempfile::tempdir().unwrap();
    let exported = env
        .cmd()
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore-pass-1")
        .args(["--json", "account", "export-keystore", "Account 1", "--out"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let file: Value = serde_json::from_slice(&exported.stdout).unwrap();
    // A wallet remembered on this device still asks for its password to export a key.
    // (The keychain is the test session's: scripts/with-keyring.sh.)
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
    env.cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .args(["wallet", "remember"])
        .assert()
        .success();
    env.cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore-pass-1")
        .env("SWITCHYARD_PASSWORD", "not the password")
        .args(["account", "export-keystore", "Account 1", "--out"])
        .arg(out_dir.path())
        .assert()
        .failure()
        .stderr(contains("password"));
    let other = Env::new();
    other
        .cmd()
        .args(["wallet", "init", "--yes"])
        .assert()
        .success();
    other
        .cmd()
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "wrong-password")
        .args(["account", "import-keystore", file["file"].as_str().unwrap()])
        .assert()
        .failure()
        .stderr(contains("MAC mismatch"));
    other
        .cmd()
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore-pass-1")
        .args(["account", "import-keystore", file["file"].as_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
}

/// Each bad input gets a specific sentence, a non-zero exit, and changes nothing.
#[test]
fn bad_input_is_explained_and_changes_nothing() {
    let env = Env::new();
    let unknown_word = ANVIL.replacen("junk", "junq", 1);
    env.cmd()
        .args(["wallet", "init", "--import"])
        .write_stdin(unknown_word)
        .assert()
        .failure()
        .stderr(contains("Word 12").and(contains("\"junq\"")));
    env.cmd()
        .args(["wallet", "init", "--import"])
        .write_stdin(ANVIL.replacen("junk", "test", 1))
        .assert()
        .failure()
        .stderr(contains("checksum"));
    env.cmd()
        .env("SWITCHYARD_PASSWORD", "short")
        .args(["wallet", "init", "--import"])
        .write_stdin(ANVIL)
        .assert()
        .failure()
        .stderr(contains("at least 8"));
    assert!(
        !env.dir.path().join("wallet/vault.bin").exists(),
        "no vault after refused inits"
    );

    // A wallet with a passphrase, then the wrong passphrase.
    env.cmd()
        .env("SWITCHYARD_PASSPHRASE", "right one")
        .args(["wallet", "init", "--import", "--passphrase"])
        .write_stdin(ANVIL)
        .assert()
        .success();
    let before = env.vault_bytes();
    env.cmd()
        .env("SWITCHYARD_PASSPHRASE", "right one")
        .args(["wallet", "check-passphrase"])
        .assert()
        .success();
    env.cmd()
        .env("SWITCHYARD_PASSPHRASE", "Right one")
        .args(["wallet", "check-passphrase"])
        .assert()
        .failure()
        .stderr(contains("different, empty set of accounts"));
    // A passphrase gives other accounts than the bare phrase.
    let list = env.json(&["account", "list"]);
    assert_ne!(
        list[0]["address"],
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    );

    env.cmd()
        .env("SWITCHYARD_PASSWORD", "not the password")
        .args(["account", "add"])
        .assert()
        .failure()
        .stderr(contains("Wrong password"));
    env.cmd()
        .args(["account", "import-key"])
        .write_stdin("0x1234zz\n")
        .assert()
        .failure()
        .stderr(contains("64 hexadecimal"));
    env.cmd()
        .args([
            "account",
            "watch",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
        ])
        .assert()
        .failure()
        .stderr(contains("EIP-55 checksum is wrong"));
    env.cmd()
        .args(["account", "add", "--index", "2147483648"])
        .assert()
        .failure()
        .stderr(contains("2147483647"));
    let keystore_dir = tempfile::tempdir().unwrap();
    env.cmd()
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore-pass-1")
        .args(["account", "export-keystore", "Account 1", "--out"])
        .arg(keystore_dir.path())
        .assert()
        .success();
    let keystore = std::fs::read_dir(keystore_dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    env.cmd()
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore-pass-2")
        .args(["account", "import-keystore"])
        .arg(&keystore)
        .assert()
        .failure()
        .stderr(contains("MAC mismatch"));
    assert_eq!(
        env.vault_bytes(),
        before,
        "no failed command touched the vault"
    );
    assert_eq!(env.json(&["account", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn tampered_vault_is_refused() {
    let env = Env::new();
    env.init();
    let path = env.dir.path().join("wallet/vault.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    env.cmd()
        .args(["account", "add"])
        .assert()
        .failure()
        .stderr(contains("damaged or was modified"));
}

#[test]
fn no_password_source_says_how_to_give_one() {
    let env = Env::new();
    env.init();
    env.cmd()
        .env_remove("SWITCHYARD_PASSWORD")
        .args(["account", "add"])
        .assert()
        .failure()
        .stderr(contains("SWITCHYARD_PASSWORD").and(contains("--password-stdin")));
}
