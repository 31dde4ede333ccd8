//! Every capability of the wallet is in both shells: each CLI subcommand and each app
//! command is listed here beside its counterpart, and a capability one shell lacks is
//! named with the reason. A new subcommand or command that is not listed fails the test,
//! as does a listed one that no longer exists.

use std::collections::BTreeSet;

use assert_cmd::Command;

/// (capability, CLI subcommand path, app commands). An empty side is an exception; its
/// reason is in [`ONE_SIDED`].
const CAPABILITIES: &[(&str, &str, &[&str])] = &[
    (
        "create a wallet (new phrase, three words confirmed)",
        "wallet init",
        &[
            "wallet_begin_create",
            "wallet_finish_create",
            "wallet_import_phrase",
            "wallet_create_without_phrase",
        ],
    ),
    ("wallet status", "wallet status", &["wallet_status"]),
    (
        "remember on this device",
        "wallet remember",
        &["wallet_set_remember"],
    ),
    (
        "forget on this device",
        "wallet forget",
        &["wallet_set_remember"],
    ),
    (
        "show the recovery phrase (password-confirmed)",
        "wallet show-phrase",
        &["wallet_reveal_phrase"],
    ),
    (
        "change the password",
        "wallet change-password",
        &["wallet_change_password"],
    ),
    ("check a BIP39 passphrase", "wallet check-passphrase", &[]),
    ("list accounts", "account list", &["accounts_list"]),
    (
        "discover the accounts in use",
        "account discover",
        &["accounts_discover"],
    ),
    (
        "add HD accounts",
        "account add",
        &["accounts_add", "accounts_add_many"],
    ),
    (
        "add a hardware account",
        "account add-hw",
        &["hw_add_account"],
    ),
    (
        "import a private key",
        "account import-key",
        &["accounts_import_key"],
    ),
    (
        "import a keystore",
        "account import-keystore",
        &["accounts_import_keystore"],
    ),
    (
        "export a keystore",
        "account export-keystore",
        &["accounts_export_keystore"],
    ),
    ("watch an address", "account watch", &["accounts_watch"]),
    ("rename an account", "account rename", &["accounts_rename"]),
    ("hide an account", "account hide", &["accounts_set_hidden"]),
    ("sign a message", "sign message", &["sign_message"]),
    ("sign typed data", "sign typed-data", &["sign_typed_data"]),
    ("sign a raw transaction request", "sign tx", &[]),
    ("balances everywhere", "balances", &["balances_portfolio"]),
    (
        "send",
        "send",
        &["send_prepare", "send_confirm", "send_discard"],
    ),
    ("history", "tx list", &["tx_list"]),
    ("one transaction", "tx show", &["tx_show"]),
    ("wait for a transaction", "tx wait", &["tx_wait"]),
    ("speed up", "tx speedup", &["tx_speed_up"]),
    ("cancel", "tx cancel", &["tx_cancel"]),
    (
        "deposit into a rollup (canonical bridge)",
        "bridge deposit",
        &["bridge_prepare", "bridge_confirm"],
    ),
    (
        "withdraw from a rollup (canonical bridge)",
        "bridge withdraw",
        &["bridge_prepare", "bridge_confirm"],
    ),
    ("list journeys", "journey list", &["journey_list"]),
    ("one journey", "journey show", &["journey_show"]),
    (
        "restore journeys from the chains",
        "journey rebuild",
        &["journey_rebuild"],
    ),
    (
        "prove a withdrawal",
        "journey prove",
        &["journey_prepare_step", "send_confirm"],
    ),
    (
        "finalize a withdrawal",
        "journey finalize",
        &["journey_prepare_step", "send_confirm"],
    ),
    (
        "claim a withdrawal",
        "journey claim",
        &["journey_prepare_step", "send_confirm"],
    ),
    (
        "redeem a ticket",
        "journey redeem",
        &["journey_prepare_step", "send_confirm"],
    ),
    (
        "replay a failed message",
        "journey replay",
        &["journey_prepare_step", "send_confirm"],
    ),
    ("compare fees", "fees compare", &["fees_compare"]),
    ("list networks", "networks list", &["networks_list"]),
    ("switch profile", "networks use", &["networks_use"]),
    ("add a network", "networks add", &["networks_add"]),
    (
        "add an RPC",
        "networks rpc-add",
        &["networks_add_rpc", "networks_test_rpc"],
    ),
    (
        "remove an RPC",
        "networks rpc-remove",
        &["networks_remove_rpc"],
    ),
    ("list tokens", "tokens list", &["tokens_list"]),
    ("add a token", "tokens add", &["tokens_add"]),
    ("list contacts", "contacts list", &["contacts_list"]),
    ("save a contact", "contacts add", &["contacts_save"]),
    ("remove a contact", "contacts remove", &["contacts_remove"]),
    ("devices plugged in", "hw devices", &[]),
    (
        "discover addresses on a device",
        "hw accounts",
        &["hw_discover"],
    ),
    (
        "verify an address on its device",
        "hw verify",
        &["hw_verify"],
    ),
    (
        "where a device is found",
        "hw endpoint",
        &["settings_set_hw_endpoint", "settings_get"],
    ),
    ("Linux udev rules", "hw udev-rules", &[]),
    (
        "answer a Trezor's PIN or passphrase request",
        "",
        &["hw_answer"],
    ),
    ("follow the wallet's changes", "watch", &[]),
    (
        "unlock, lock, activity",
        "",
        &["wallet_unlock", "wallet_lock", "wallet_touch"],
    ),
    ("auto-lock delay", "", &["settings_set_auto_lock"]),
    ("first screen painted (start-up timing)", "", &["app_ready"]),
    ("start the devnet", "devnet up", &[]),
    ("stop the devnet", "devnet down", &[]),
    ("install the devnet's tools", "devnet install-tools", &[]),
    ("devnet status", "devnet status", &[]),
    ("fund a devnet address", "devnet fund", &[]),
    ("move devnet time", "devnet time advance", &[]),
    (
        "blacklist a devnet dispute game",
        "devnet op blacklist-game",
        &[],
    ),
    (
        "retire a devnet chain's games",
        "devnet op retire-games",
        &[],
    ),
    ("pause a devnet proposer", "devnet op pause-proposer", &[]),
    ("resume a devnet proposer", "devnet op resume-proposer", &[]),
];

/// Why a capability is in one shell only.
const ONE_SIDED: &[(&str, &str)] = &[
    (
        "check a BIP39 passphrase",
        "a recovery check for a terminal; the app imports passphrase wallets and shows their accounts",
    ),
    (
        "sign a raw transaction request",
        "signing arbitrary JSON is for scripts; the app signs only what it prepared and reviewed",
    ),
    (
        "devices plugged in",
        "the app finds a device when it opens it (discovery), with the same sentences for what is missing",
    ),
    (
        "Linux udev rules",
        "setup text for a terminal, printed with the commands that install it",
    ),
    (
        "answer a Trezor's PIN or passphrase request",
        "the CLI asks at its own hidden prompt",
    ),
    (
        "follow the wallet's changes",
        "the app follows the same stream (Wallet::follow) itself and turns it into events and notifications",
    ),
    (
        "unlock, lock, activity",
        "the CLI unlocks for each command and keeps no session",
    ),
    ("auto-lock delay", "only the app stays unlocked"),
    (
        "first screen painted (start-up timing)",
        "only the app has a screen to paint",
    ),
    (
        "start the devnet",
        "the devnet is a developer tool started from the CLI (scripts/run.sh); the app is pointed at it with --devnet-dir",
    ),
    ("stop the devnet", "as above"),
    ("install the devnet's tools", "as above"),
    ("devnet status", "as above"),
    ("fund a devnet address", "as above"),
    ("move devnet time", "as above"),
    ("blacklist a devnet dispute game", "as above"),
    ("retire a devnet chain's games", "as above"),
    ("pause a devnet proposer", "as above"),
    ("resume a devnet proposer", "as above"),
];

/// The leaf subcommands of `switchyard`, as paths ("tx list"), read from its help.
fn cli_leaves() -> BTreeSet<String> {
    fn walk(path: &[String], out: &mut BTreeSet<String>) {
        let help = Command::cargo_bin("switchyard")
            .unwrap()
            .args(path)
            .arg("--help")
            .output()
            .unwrap();
        let text = String::from_utf8(help.stdout).unwrap();
        let subcommands: Vec<String> = text
            .lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
            .filter(|name| name != "help")
            .collect();
        if subcommands.is_empty() {
            out.insert(path.join(" "));
        }
        for sub in subcommands {
            let mut next = path.to_vec();
            next.push(sub);
            walk(&next, out);
        }
    }
    let mut out = BTreeSet::new();
    walk(&[], &mut out);
    out
}

/// The app's commands, read from the generated bindings.
fn app_commands() -> BTreeSet<String> {
    let bindings = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts"),
    )
    .unwrap();
    bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        // `__TAURI_INVOKE("name"` or, for infallible commands, `__TAURI_INVOKE<T>("name"`.
        .filter_map(|rest| {
            rest.split_once("(\"")?
                .1
                .split('"')
                .next()
                .map(str::to_owned)
        })
        .collect()
}

#[test]
fn every_capability_is_in_both_shells_or_says_why_not() {
    let cli = cli_leaves();
    let app = app_commands();
    let mut listed_cli = BTreeSet::new();
    let mut listed_app = BTreeSet::new();
    for (capability, path, commands) in CAPABILITIES {
        let one_sided = path.is_empty() || commands.is_empty();
        let reason = ONE_SIDED.iter().find(|(c, _)| c == capability);
        assert_eq!(
            one_sided,
            reason.is_some(),
            "\"{capability}\": a capability in one shell only needs a reason, and only it"
        );
        if !path.is_empty() {
            assert!(
                cli.contains(*path),
                "no `switchyard {path}` for \"{capability}\""
            );
            listed_cli.insert(path.to_string());
        }
        for command in *commands {
            assert!(
                app.contains(*command),
                "no app command {command} for \"{capability}\""
            );
            listed_app.insert(command.to_string());
        }
    }
    let unlisted_cli: Vec<_> = cli.difference(&listed_cli).collect();
    assert!(
        unlisted_cli.is_empty(),
        "CLI subcommands not in the parity table: {unlisted_cli:?}"
    );
    let unlisted_app: Vec<_> = app.difference(&listed_app).collect();
    assert!(
        unlisted_app.is_empty(),
        "app commands not in the parity table: {unlisted_app:?}"
    );
}
