//! What the wallet guarantees when several processes share a data directory, when a
//! process is killed, and when its files are damaged — tested with real `switchyard`
//! processes (not threads), real files and real `kill -9`.

use std::{
    io::Read,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use assert_cmd::Command;
use serde_json::Value;
use switchyard_core::{Unlock, Wallet, keys::Password};

mod common;
use common::{MNEMONIC as ANVIL, PASSWORD, cmd, fails_with, init, json, process};

const FIRST: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/// When to kill trial `trial` of a run that takes about `span` µs: a different point from
/// the start to half again past the end, in a fixed order.
fn spread(span: u64, trial: u64) -> u64 {
    span * 3 / 2 * ((trial * 37) % 50) / 50
}

/// A private key that is not zero and differs for each `i`.
fn key(i: usize) -> String {
    format!("{:064x}", 0x1000 + i)
}

#[test]
fn twenty_parallel_imports_keep_twenty_keys_and_each_signs() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut child = process(dir.path())
                .args(["account", "import-key", "--label", &format!("k{i}")])
                .spawn()
                .unwrap();
            use std::io::Write;
            writeln!(child.stdin.take().unwrap(), "{}", key(i)).unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let accounts = json(dir.path(), &["account", "list"]);
    let imported: Vec<&Value> = accounts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "imported")
        .collect();
    assert_eq!(imported.len(), 20, "{accounts}");
    // Every key is in the vault: each account signs, and its signature is its own.
    let wallet = Wallet::open(dir.path()).unwrap();
    let session = wallet
        .unlock(Unlock::Password(&Password::new(PASSWORD)))
        .unwrap();
    for account in wallet.accounts(true).unwrap() {
        let signer = wallet.local_signer(&session, &account).unwrap();
        assert_eq!(signer.address(), account.address);
    }
    for a in imported {
        let signed = json(
            dir.path(),
            &[
                "sign",
                "message",
                "--account",
                a["address"].as_str().unwrap(),
                "hi",
            ],
        );
        assert_eq!(signed["address"], a["address"]);
    }
}

#[test]
fn two_parallel_inits_one_wins_and_the_other_is_told() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let children: Vec<_> = (0..2)
            .map(|_| {
                let mut child = process(dir.path())
                    .args(["--json", "wallet", "init", "--import"])
                    .spawn()
                    .unwrap();
                use std::io::Write;
                writeln!(child.stdin.take().unwrap(), "{ANVIL}").unwrap();
                child
            })
            .collect();
        let outs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let won = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(won, 1, "{outs:?}");
        let lost = outs.iter().find(|o| !o.status.success()).unwrap();
        let err: Value = serde_json::from_slice(&lost.stdout).unwrap();
        assert_eq!(err["error"]["code"], "wallet_exists", "{err}");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("refusing to overwrite")
        );
        let accounts = json(dir.path(), &["account", "list"]);
        assert_eq!(accounts.as_array().unwrap().len(), 1, "{accounts}");
    }
}

/// A wallet in `dir` is either absent, or whole: its vault opens with the password, it has
/// its id (so the keychain can remember it) and its first account.
fn assert_whole_or_absent(dir: &Path) -> bool {
    let wallet = Wallet::open(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let accounts = wallet.accounts(true).unwrap();
    if !wallet.is_initialized() {
        assert!(
            accounts.is_empty(),
            "accounts without a vault: {accounts:?}"
        );
        return false;
    }
    assert_eq!(accounts.len(), 1, "{accounts:?}");
    assert_eq!(accounts[0].address.to_checksum(None), FIRST);
    // The keychain entry is named after the vault id: is_remembered reads the settings,
    // and remembering needs the id (a half-made wallet had none).
    wallet
        .unlock(Unlock::Password(&Password::new(PASSWORD)))
        .unwrap();
    true
}

#[test]
fn kill_9_during_init_never_leaves_a_half_made_wallet() {
    // How long an init takes here, to spread the kills over all of it.
    let probe = tempfile::tempdir().unwrap();
    let started = Instant::now();
    init(probe.path());
    let span = started.elapsed().as_micros() as u64;
    let (mut whole, mut absent) = (0, 0);
    let mut trial = 0u64;
    // At least 100 trials, and on until both outcomes were seen (a loaded machine shifts
    // the timings).
    while trial < 100 || (whole == 0 || absent == 0) && trial < 300 {
        trial += 1;
        let dir = tempfile::tempdir().unwrap();
        let mut child = process(dir.path())
            .args(["wallet", "init", "--import"])
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            writeln!(child.stdin.take().unwrap(), "{ANVIL}").unwrap();
        }
        std::thread::sleep(Duration::from_micros(spread(span, trial)));
        let _ = child.kill();
        child.wait().unwrap();
        if assert_whole_or_absent(dir.path()) {
            whole += 1;
        } else {
            absent += 1;
            // And it can be created afterwards.
            init(dir.path());
            assert!(assert_whole_or_absent(dir.path()));
        }
    }
    // The kills landed both before and after the end, so both outcomes were checked.
    assert!(whole > 0 && absent > 0, "whole {whole}, absent {absent}");
}

#[test]
fn kill_9_during_a_password_change_leaves_one_password_that_works() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let new = "a brand new password";
    let started = Instant::now();
    let mut current = PASSWORD.to_owned();
    let mut probe = process(dir.path())
        .args(["wallet", "change-password"])
        .env("SWITCHYARD_PASSWORD", &current)
        .env("SWITCHYARD_NEW_PASSWORD", PASSWORD)
        .spawn()
        .unwrap();
    assert!(probe.wait().unwrap().success());
    let span = started.elapsed().as_micros() as u64;
    let (mut changed, mut kept) = (0, 0);
    let mut trial = 0u64;
    while trial < 30 || (changed == 0 || kept == 0) && trial < 120 {
        trial += 1;
        let target = if current == PASSWORD { new } else { PASSWORD };
        let mut child = process(dir.path())
            .args(["wallet", "change-password"])
            .env("SWITCHYARD_PASSWORD", &current)
            .env("SWITCHYARD_NEW_PASSWORD", target)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(spread(span, trial)));
        let _ = child.kill();
        child.wait().unwrap();
        let wallet = Wallet::open(dir.path()).unwrap();
        let opens = |p: &str| wallet.unlock(Unlock::Password(&Password::new(p))).is_ok();
        match (opens(&current), opens(target)) {
            (true, false) => kept += 1,
            (false, true) => {
                changed += 1;
                current = target.to_owned();
            }
            other => panic!("trial {trial}: old/new open = {other:?}"),
        }
    }
    assert!(changed > 0 && kept > 0, "changed {changed}, kept {kept}");
}

#[test]
fn change_password_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let (code, message) = fails_with(
        cmd(dir.path())
            .args(["wallet", "change-password"])
            .env("SWITCHYARD_NEW_PASSWORD", "short"),
    );
    assert_eq!(code, "weak_password", "{message}");
    let (code, _) = fails_with(
        cmd(dir.path())
            .args(["wallet", "change-password"])
            .env("SWITCHYARD_PASSWORD", "not the password")
            .env("SWITCHYARD_NEW_PASSWORD", "another good password"),
    );
    assert_eq!(code, "wrong_password");
    // With --password-stdin: the current password, then the new one, on two lines.
    cmd(dir.path())
        .args(["--password-stdin", "wallet", "change-password"])
        .env_remove("SWITCHYARD_PASSWORD")
        .write_stdin(format!("{PASSWORD}\nanother good password\n"))
        .assert()
        .success();
    let (code, _) = fails_with(cmd(dir.path()).args(["sign", "message", "--account", FIRST, "x"]));
    assert_eq!(
        code, "wrong_password",
        "the old password no longer opens it"
    );
    cmd(dir.path())
        .env("SWITCHYARD_PASSWORD", "another good password")
        .args(["sign", "message", "--account", FIRST, "x"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn the_data_dir_database_and_exports_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("wallet");
    init(&dir);
    assert_eq!(mode(&dir), 0o700);
    for file in ["switchyard.db", "vault.bin"] {
        assert_eq!(mode(&dir.join(file)), 0o600, "{file}");
    }
    // A directory and database an older version left readable to others are tightened.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        dir.join("switchyard.db"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    json(&dir, &["account", "list"]);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("switchyard.db")), 0o600);
    // An exported keystore, at the standard scrypt cost.
    let out = root.path().join("exports");
    cmd(&dir)
        .args(["account", "export-keystore", FIRST, "--out"])
        .arg(&out)
        .env("SWITCHYARD_KEYSTORE_PASSWORD", "keystore password")
        .assert()
        .success();
    let file = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(mode(&file), 0o600);
    let keystore: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(keystore["crypto"]["kdfparams"]["n"], 1 << 18);
}

#[test]
fn a_missing_or_empty_database_beside_a_vault_is_explained_not_a_new_wallet() {
    for empty in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path());
        let db = dir.path().join("switchyard.db");
        if empty {
            std::fs::write(&db, b"").unwrap();
        } else {
            std::fs::remove_file(&db).unwrap();
        }
        let (code, message) = fails_with(cmd(dir.path()).args(["wallet", "status"]));
        assert_eq!(code, "database_missing", "{message}");
        assert!(message.contains("not a new one"), "{message}");
        // Nothing was created in its place.
        assert_eq!(db.exists(), empty);
    }
    // And the other way round: a database that had a vault, without it.
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    std::fs::remove_file(dir.path().join("vault.bin")).unwrap();
    let (code, message) = fails_with(cmd(dir.path()).args(["account", "list"]));
    assert_eq!(code, "vault_missing", "{message}");
}

#[test]
fn a_damaged_database_is_refused_never_read_partially() {
    // A wallet with several accounts, the database checkpointed into its one file.
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    for _ in 0..4 {
        cmd(dir.path()).args(["account", "add"]).assert().success();
    }
    let expected = json(dir.path(), &["account", "list"]);
    let db = dir.path().join("switchyard.db");
    let good = std::fs::read(&db).unwrap();
    let (mut refused, mut intact) = (0, 0);
    // Flip one bit at many places across the file (every 97th byte, three bits).
    for i in (0..good.len()).step_by(97) {
        for mask in [0x01u8, 0x10, 0x80] {
            let mut bad = good.clone();
            bad[i] ^= mask;
            std::fs::write(&db, &bad).unwrap();
            let out = cmd(dir.path())
                .args(["--json", "account", "list"])
                .output()
                .unwrap();
            if out.status.success() {
                // Read: then every account is there, each address intact.
                let list: Value = serde_json::from_slice(&out.stdout).unwrap();
                let addresses = |v: &Value| -> Vec<String> {
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a["address"].as_str().unwrap().to_owned())
                        .collect()
                };
                assert_eq!(
                    addresses(&list),
                    addresses(&expected),
                    "byte {i} mask {mask:#x} changed the accounts silently"
                );
                intact += 1;
            } else {
                let err: Value = serde_json::from_slice(&out.stdout).unwrap();
                let code = err["error"]["code"].as_str().unwrap();
                assert!(
                    ["database_damaged", "database"].contains(&code),
                    "byte {i}: {err}"
                );
                assert!(!err["error"]["message"].as_str().unwrap().is_empty());
                refused += 1;
            }
        }
    }
    assert!(
        refused > 0,
        "no flip was detected ({intact} left the data intact)"
    );
    std::fs::write(&db, &good).unwrap();
    assert_eq!(json(dir.path(), &["account", "list"]), expected);
}

#[test]
fn a_damaged_vault_says_damaged_not_wrong_password() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let vault = dir.path().join("vault.bin");
    let good = std::fs::read(&vault).unwrap();
    // The salt (bytes 21..37) and the wrapped key (61..109): without the checksum these
    // looked exactly like a mistyped password.
    for i in [25, 40, 70, good.len() - 5] {
        let mut bad = good.clone();
        bad[i] ^= 0x04;
        std::fs::write(&vault, &bad).unwrap();
        let (code, message) =
            fails_with(cmd(dir.path()).args(["sign", "message", "--account", FIRST, "x"]));
        assert_eq!(code, "vault_tampered", "byte {i}: {message}");
        assert!(message.contains("damaged"), "{message}");
    }
    std::fs::write(&vault, &good).unwrap();
    let (code, _) = fails_with(
        cmd(dir.path())
            .env("SWITCHYARD_PASSWORD", "wrong password here")
            .args(["sign", "message", "--account", FIRST, "x"]),
    );
    assert_eq!(code, "wrong_password");
}

#[test]
fn an_interrupted_creation_is_undone_or_finished_at_the_next_start() {
    // Undone: the rows were written, the vault never moved into place.
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    std::fs::rename(dir.path().join("vault.bin"), dir.path().join("saved.bin")).unwrap();
    let store = switchyard_core::store::Store::open(&dir.path().join("switchyard.db")).unwrap();
    store.set_setting("creating", FIRST).unwrap();
    drop(store);
    let status = json(dir.path(), &["wallet", "status"]);
    assert_eq!(status["initialized"], false, "{status}");
    assert_eq!(status["accounts"], 0, "{status}");
    init(dir.path());
    // Finished: the vault was in place, the marker not yet removed.
    let store = switchyard_core::store::Store::open(&dir.path().join("switchyard.db")).unwrap();
    store.set_setting("creating", FIRST).unwrap();
    drop(store);
    let status = json(dir.path(), &["wallet", "status"]);
    assert_eq!(
        (status["initialized"].clone(), status["accounts"].clone()),
        (true.into(), 1.into())
    );
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    for _ in 0..30 {
        cmd(dir.path()).args(["account", "add"]).assert().success();
    }
    // `switchyard account list | head -0`: the reader is gone before the table is written.
    let mut child = process(dir.path())
        .args(["account", "list"])
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    // As a process stopped by SIGPIPE reports it; not 101, Rust's panic status.
    assert_eq!(status.code(), Some(141), "{stderr}");
}

#[test]
fn json_errors_usage_errors_included_are_json_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("switchyard")
        .unwrap()
        .args(["--json", "send", "--chain"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "usage", "{err}");
    let out = Command::cargo_bin("switchyard")
        .unwrap()
        .args(["--json", "no-such-command"])
        .output()
        .unwrap();
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "usage", "{err}");
    // A missing subcommand is a usage error too.
    let out = Command::cargo_bin("switchyard")
        .unwrap()
        .args(["--json", "wallet"])
        .output()
        .unwrap();
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "usage", "{err}");
    // Without --json, clap's usage text on stderr, as usual.
    let out = Command::cargo_bin("switchyard")
        .unwrap()
        .args(["no-such-command"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
    // An unknown flag on a known command.
    let (code, message) = fails_with(cmd(dir.path()).args(["account", "list", "--bogus"]));
    assert_eq!(code, "usage");
    assert!(message.contains("--bogus"), "{message}");
}

#[test]
fn a_second_devnet_down_is_a_no_op_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = json(dir.path(), &["devnet", "down"]);
    assert_eq!(out["was_running"], false);
    cmd(dir.path())
        .args(["devnet", "down"])
        .assert()
        .success()
        .stdout(predicates::str::contains("nothing to stop"));
}

#[test]
fn labels_and_keystores_from_outside_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let (code, _) =
        fails_with(cmd(dir.path()).args(["account", "rename", FIRST, "evil\u{1b}[2Jlabel"]));
    assert_eq!(code, "invalid_label");
    // A keystore asking for 2^24 scrypt rounds is refused at once, not computed.
    let hostile = serde_json::json!({
        "crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": { "iv": "00".repeat(16) },
            "ciphertext": "11".repeat(32),
            "kdf": "scrypt",
            "kdfparams": { "dklen": 32, "n": 1 << 24, "r": 8, "p": 1, "salt": "22".repeat(32) },
            "mac": "33".repeat(32),
        },
        "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
        "version": 3,
    });
    let file: PathBuf = dir.path().join("hostile.json");
    std::fs::write(&file, hostile.to_string()).unwrap();
    let started = Instant::now();
    let (code, message) = fails_with(
        cmd(dir.path())
            .args(["account", "import-keystore"])
            .arg(&file)
            .env("SWITCHYARD_KEYSTORE_PASSWORD", "x"),
    );
    assert_eq!(code, "keystore_invalid", "{message}");
    assert!(
        message.contains("beyond what any wallet writes"),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}
