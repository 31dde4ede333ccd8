//! Hardware accounts end to end through the `switchyard` binary: the Ledger simulator
//! listens on a Speculos-compatible TCP port and the Trezor simulator on UDP, both in this
//! test process (they are simulators, not devices; see hw-wallet's tests for how they are
//! checked against published vectors and official clients). The CLI finds them through
//! `--ledger-speculos` / `--trezor-emulator` and the saved endpoint setting.

use serde_json::Value;
use switchyard_hw::simulator::{
    ledger::{LedgerSimulator, UserAction as LedgerUser},
    trezor::{TrezorSimulator, UserAction as TrezorUser},
};

mod common;
use common::{DownOnDrop, cmd, fails_with, init, json};

const RECIPIENT: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
/// Speculos seed, Ledger Live index 0 = BIP44 index 0 (hardware-wallets.md §5.1).
const LEDGER_0: &str = "0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D";
const LEDGER_LIVE_1: &str = "0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2";
const LEDGER_LEGACY_1: &str = "0xbf868c9926bC3ed99417a7AFD96f75Ef6736aF89";
/// Trezor `all all …` seed at m/44'/60'/0'/0/0 (trezor/getaddress.json).
const TREZOR_0: &str = "0x73d0385F4d8E00C5e6504C6030F47BF6212736A8";

#[test]
fn hardware_accounts_discover_verify_sign_and_send_on_every_chain() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ledger = LedgerSimulator::speculos_seed();
    let ledger_server = runtime
        .block_on(ledger.serve_speculos("127.0.0.1:0"))
        .unwrap();
    let ledger_at = ledger_server.local_addr().to_string();
    let trezor = TrezorSimulator::all_seed();
    let trezor_server = trezor.serve_udp("127.0.0.1:0").unwrap();
    let trezor_at = trezor_server.local_addr().to_string();

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);

    // No device configured: USB, where there is none here.
    let (code, message) = fails_with(cmd(d).args(["hw", "accounts", "--device", "ledger"]));
    assert_eq!(code, "hw_not_connected", "{message}");
    assert_eq!(message, "Connect and unlock your Ledger.");

    // An invalid path is refused before any device is asked (none is configured).
    let (code, _) = fails_with(cmd(d).args([
        "account",
        "add-hw",
        "--device",
        "ledger",
        "--path",
        "m/44'/60'/x",
    ]));
    assert_eq!(code, "hw_invalid_path");

    // The Speculos-compatible endpoint, saved as a setting.
    json(d, &["hw", "endpoint", "ledger", &ledger_at]);
    let shown = json(d, &["hw", "endpoint", "ledger"]);
    assert_eq!(shown[0]["endpoint"], ledger_at.as_str());

    // `hw devices` tries the configured emulators (no USB device exists here).
    let devices = json(d, &["--trezor-emulator", &trezor_at, "hw", "devices"]);
    let devices = devices.as_array().unwrap();
    assert_eq!(devices.len(), 2, "{devices:?}");
    assert!(devices.iter().all(|r| r["ready"] == true), "{devices:?}");
    assert_eq!(devices[0]["endpoint"], ledger_at.as_str());
    let rules = json(d, &["hw", "udev-rules"]);
    assert!(rules["rules"].as_str().unwrap().contains("2c97"));

    // Discovery: one page of each scheme; Ledger Live's and BIP44's index 0 are one
    // address, shown once with both schemes.
    let page = json(d, &["hw", "accounts", "--device", "ledger"]);
    let rows = page.as_array().unwrap();
    assert_eq!(rows.len(), 14, "3 schemes × 5, index 0 shared: {page}");
    let first = &rows[0];
    assert_eq!(first["address"], LEDGER_0);
    assert_eq!(first["schemes"], serde_json::json!(["bip44", "live"]));
    assert_eq!(first["balance"], "0", "unfunded: {first}");
    let find = |scheme: &str, index: u64| {
        rows.iter()
            .find(|r| {
                r["index"] == index && r["schemes"].as_array().unwrap().iter().any(|s| s == scheme)
            })
            .unwrap()["address"]
            .clone()
    };
    assert_eq!(find("live", 1), LEDGER_LIVE_1);
    assert_eq!(find("legacy", 1), LEDGER_LEGACY_1);
    let page2 = json(
        d,
        &[
            "hw", "accounts", "--device", "ledger", "--scheme", "live", "--page", "2",
        ],
    );
    assert_eq!(page2.as_array().unwrap().len(), 5);
    assert_eq!(page2[0]["index"], 5);

    // Add Ledger Live #0; adding the same address again is refused.
    let added = json(
        d,
        &[
            "account", "add-hw", "--device", "ledger", "--scheme", "live", "--index", "0",
        ],
    );
    assert_eq!(added["address"], LEDGER_0);
    assert_eq!(added["kind"], "hardware");
    assert_eq!(added["scheme"], "live");
    assert_eq!(added["path"], "m/44'/60'/0'/0/0");
    let label = added["label"].as_str().unwrap().to_owned();
    let (code, _) = fails_with(cmd(d).args([
        "account", "add-hw", "--device", "ledger", "--scheme", "bip44", "--index", "0",
    ]));
    assert_eq!(code, "account_exists");
    let page = json(
        d,
        &["hw", "accounts", "--device", "ledger", "--scheme", "live"],
    );
    assert_eq!(page[0]["account"], label.as_str());

    // Verify on the device: approved, then rejected (a choice, with its own code).
    let verified = json(d, &["hw", "verify", &label]);
    assert_eq!(verified["verified"], true);
    ledger.set_user(LedgerUser::Reject);
    let (code, message) = fails_with(cmd(d).args(["hw", "verify", &label]));
    assert_eq!(code, "hw_rejected");
    assert_eq!(message, "You rejected the request on your Ledger.");
    ledger.set_user(LedgerUser::Approve);

    // The Trezor, given by flag for each command (no setting saved).
    let trezor_added = json(
        d,
        &[
            "--trezor-emulator",
            &trezor_at,
            "account",
            "add-hw",
            "--device",
            "trezor",
            "--scheme",
            "bip44",
            "--index",
            "0",
            "--label",
            "cold",
        ],
    );
    assert_eq!(trezor_added["address"], TREZOR_0);

    // Signing a message needs no vault password for a hardware account, and recovers
    // to the account (the CLI checks; the signature is shown).
    for (who, flags) in [
        (label.as_str(), vec![]),
        ("cold", vec!["--trezor-emulator", trezor_at.as_str()]),
    ] {
        let mut args = flags.clone();
        args.extend(["sign", "message", "--account", who, "hello from a device"]);
        let out = cmd(d)
            .env_remove("SWITCHYARD_PASSWORD")
            .arg("--json")
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let signed: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(signed["signature"].as_str().unwrap().len(), 132);
    }

    // Fund both device accounts, then send ETH from each on every devnet chain.
    for address in [LEDGER_0, TREZOR_0] {
        cmd(d)
            .args(["devnet", "fund", address, "--amount", "2"])
            .assert()
            .success();
    }
    // Discovery shows the balances: 2 ETH on each of the 4 chains.
    let page = json(
        d,
        &["hw", "accounts", "--device", "ledger", "--scheme", "live"],
    );
    assert_eq!(page[0]["balance"], "8000000000000000000", "{}", page[0]);
    assert_eq!(page[1]["balance"], "0");
    let chains: Vec<String> = json(d, &["networks", "list"])["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["chainId"].to_string())
        .collect();
    assert_eq!(chains.len(), 4);
    for chain in &chains {
        for (from, flags) in [
            (label.as_str(), vec![]),
            ("cold", vec!["--trezor-emulator", trezor_at.as_str()]),
        ] {
            let mut args = flags.clone();
            args.extend([
                "send", "--chain", chain, "--from", from, "--to", RECIPIENT, "--amount", "0.01",
                "--yes",
            ]);
            let tx = json(d, &args);
            assert_eq!(tx["status"], "included", "{from} on {chain}: {tx}");
            assert_eq!(tx["succeeded"], true);
        }
    }

    // A token transfer carries calldata: with Blind signing off the Ledger refuses it, and
    // the wallet says so before the device is asked to sign.
    ledger.set_blind_signing(false);
    let (code, message) = fails_with(cmd(d).args([
        "send", "--chain", &chains[1], "--from", &label, "--to", RECIPIENT, "--asset", "SYT",
        "--amount", "1", "--yes",
    ]));
    assert_eq!(code, "hw_blind_signing_off", "{message}");
    assert!(message.contains("Blind signing"), "{message}");
    ledger.set_blind_signing(true);
    let tx = json(
        d,
        &[
            "send", "--chain", &chains[1], "--from", &label, "--to", RECIPIENT, "--asset", "SYT",
            "--amount", "1", "--yes",
        ],
    );
    assert_eq!(tx["succeeded"], true, "{tx}");

    // A rejected send stores nothing.
    let before = json(d, &["tx", "list"]).as_array().unwrap().len();
    trezor.set_user(TrezorUser::Reject);
    let (code, _) = fails_with(cmd(d).args([
        "--trezor-emulator",
        &trezor_at,
        "send",
        "--chain",
        &chains[0],
        "--from",
        "cold",
        "--to",
        RECIPIENT,
        "--amount",
        "0.01",
        "--yes",
    ]));
    assert_eq!(code, "hw_rejected");
    assert_eq!(json(d, &["tx", "list"]).as_array().unwrap().len(), before);
    drop(ledger_server);
    drop(trezor_server);
}
