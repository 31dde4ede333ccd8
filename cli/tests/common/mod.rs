//! Helpers shared by the CLI tests that run against a detached devnet.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The vault password these tests use.
pub const PASSWORD: &str = "correct-horse-battery";
/// anvil's test phrase: the devnet's funded accounts.
pub const MNEMONIC: &str = "test test test test test test test test test test test junk";

/// `switchyard --data-dir DIR` with the test password and no inherited profile choice.
pub fn cmd(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("switchyard").unwrap();
    cmd.arg("--data-dir")
        .arg(dir)
        .env("SWITCHYARD_PASSWORD", PASSWORD)
        .env_remove("SWITCHYARD_NETWORK");
    cmd
}

/// The same as a plain process (to run several at once, or to kill one), its standard
/// streams piped.
#[allow(dead_code)] // Not every test file that shares this module needs it.
pub fn process(dir: &Path) -> std::process::Command {
    use assert_cmd::cargo::CommandCargoExt;
    use std::process::Stdio;
    let mut p = std::process::Command::cargo_bin("switchyard").unwrap();
    p.arg("--data-dir")
        .arg(dir)
        .env("SWITCHYARD_PASSWORD", PASSWORD)
        .env_remove("SWITCHYARD_NETWORK")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    p
}

/// Runs `args` with `--json`; it must succeed; returns its output.
pub fn json(dir: &Path, args: &[&str]) -> Value {
    let out = cmd(dir).arg("--json").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {} {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Creates the wallet in `dir` from anvil's test phrase.
#[allow(dead_code)] // Not every test file that shares this module needs it.
pub fn init(dir: &Path) {
    cmd(dir)
        .args(["wallet", "init", "--import"])
        .write_stdin(format!("{MNEMONIC}\n"))
        .assert()
        .success();
}

/// Runs `cmd` with `--json`; it must fail; returns the code and message of the JSON error
/// it prints on stdout.
#[allow(dead_code)] // Not every test file that shares this module checks failures.
pub fn fails_with(cmd: &mut Command) -> (String, String) {
    let out = cmd.arg("--json").output().unwrap();
    assert!(!out.status.success(), "should fail: {out:?}");
    let err: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON error on stdout: {} / {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        err["error"]["code"].as_str().unwrap().to_owned(),
        err["error"]["message"].as_str().unwrap().to_owned(),
    )
}

/// Stops the detached devnet even when an assertion fails half-way.
#[allow(dead_code)] // Not every test file that shares this module runs a devnet.
pub struct DownOnDrop<'a>(pub &'a Path);

impl Drop for DownOnDrop<'_> {
    fn drop(&mut self) {
        let _ = cmd(self.0).args(["devnet", "down"]).output();
    }
}
