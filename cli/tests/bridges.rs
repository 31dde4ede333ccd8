//! `switchyard bridge` and `switchyard journey` on a detached devnet whose actors run on
//! their own: an Arbitrum deposit and a withdrawal claimed once, each bad input refused
//! with its sentence, and `kill -9` at any point of a withdrawal's start or of its claim
//! leaves journeys that resume and never sends a step twice.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use serde_json::Value;

mod common;
use common::{DownOnDrop, cmd, fails_with, init, json, process};

const OTHER: &str = "0x00000000000000000000000000000000000C1A1E";

/// Starts the devnet in `d` (actors detached, one block per transaction) and a wallet.
fn setup(d: &Path) -> Value {
    let manifest = json(d, &["devnet", "up", "--detach", "--block-time", "0"]);
    init(d);
    manifest
}

/// `journey show ID` until `done` holds (the actors act about once a second).
fn until(d: &Path, id: &str, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    until_advancing(d, id, what, None, done)
}

/// [`until`], moving the devnet's clocks on by `advance` seconds at each look while the
/// journey waits for a confirmation (the L1 mines only on transactions, so its time stands
/// still between them, and the rollup confirms by L1 time).
fn until_advancing(
    d: &Path,
    id: &str,
    what: &str,
    advance: Option<&str>,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let started = Instant::now();
    loop {
        let journey = json(d, &["journey", "show", id]);
        if done(&journey) {
            return journey;
        }
        if let Some(secs) = advance
            && state(&journey) == "awaiting_confirmation"
        {
            json(d, &["devnet", "time", "advance", secs]);
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "journey {id} never became {what}: {journey:#}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn state(journey: &Value) -> &str {
    journey["state"].as_str().unwrap()
}

/// The Arbitrum chain's confirmation delay on this devnet.
fn confirm_delay(manifest: &Value) -> u64 {
    manifest["chains"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|c| c["arb"]["clocks"]["confirmDelaySecs"].as_u64())
        .unwrap()
}

#[test]
fn an_arbitrum_deposit_and_a_withdrawal_claimed_once_and_every_bad_input_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = setup(d);

    // Bad input: each refused with its sentence, nothing stored.
    let refused = |args: &[&str]| fails_with(cmd(d).args(args));
    let (code, message) = refused(&[
        "bridge", "deposit", "--to", "arb", "--amount", "1", "--asset", "USDC", "--yes",
    ]);
    assert_eq!(code, "unknown_token", "{message}");
    let (code, message) = refused(&[
        "bridge", "withdraw", "--from", "arb", "--amount", "1", "--asset", "SYT", "--yes",
    ]);
    assert_eq!(code, "unsupported_bridge_asset", "{message}");
    assert!(message.contains("only ETH can"), "{message}");
    let (code, message) = refused(&["bridge", "deposit", "--to", "l1", "--amount", "1", "--yes"]);
    assert_eq!(code, "no_bridge_route", "{message}");
    assert!(message.contains("not a rollup"), "{message}");
    let (code, message) = refused(&[
        "bridge", "withdraw", "--from", "arb", "--amount", "0", "--yes",
    ]);
    assert_eq!(code, "invalid_amount", "{message}");
    let (code, message) = refused(&[
        "bridge",
        "deposit",
        "--to",
        "op-a",
        "--amount",
        "1000000000",
        "--yes",
    ]);
    assert_eq!(code, "insufficient_funds", "{message}");
    let (code, message) = refused(&["journey", "claim", "jdeadbeef", "--yes"]);
    assert_eq!(code, "journey_not_found", "{message}");
    assert_eq!(json(d, &["journey", "list"]), serde_json::json!([]));

    // A deposit to oneself arrives.
    let deposit = json(
        d,
        &["bridge", "deposit", "--to", "arb", "--amount", "1", "--yes"],
    );
    assert_eq!(deposit["kind"], "arb_deposit", "{deposit:#}");
    let id = deposit["id"].as_str().unwrap();
    let done = until(d, id, "completed", |j| state(j) == "completed");
    assert_eq!(done["evidence"]["chainId"], 412_346, "{done:#}");

    // A withdrawal to another address: too early to claim, then claimable, claimed once.
    let withdrawal = json(
        d,
        &[
            "bridge",
            "withdraw",
            "--from",
            "arb",
            "--amount",
            "0.2",
            "--recipient",
            OTHER,
            "--yes",
        ],
    );
    let id = withdrawal["id"].as_str().unwrap().to_owned();
    assert_eq!(
        state(&withdrawal),
        "awaiting_confirmation",
        "{withdrawal:#}"
    );
    assert!(withdrawal["eta"].is_string(), "{withdrawal:#}");
    let (code, message) = refused(&["journey", "claim", &id, "--yes"]);
    assert_eq!(code, "journey_not_ready", "{message}");
    assert!(message.contains("should be possible at"), "{message}");
    let delay = confirm_delay(&manifest).to_string();
    until_advancing(d, &id, "ready to claim", Some(&delay), |j| {
        state(j) == "ready_to_claim"
    });
    let claimed = json(d, &["journey", "claim", &id, "--yes"]);
    assert_eq!(state(&claimed), "completed", "{claimed:#}");
    let (code, message) = refused(&["journey", "claim", &id, "--yes"]);
    assert_eq!(code, "journey_not_ready", "{message}");
    assert!(message.contains("completed"), "{message}");

    let list = json(d, &["journey", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list:#}");
    let text = cmd(d).args(["journey", "show", &id]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Withdrawal claim"), "{text}");
}

/// When to kill trial `trial` of a run that takes about `span`: a different point from the
/// start to half again past the end, in a fixed order.
fn spread(span: Duration, trial: u32) -> Duration {
    span * 3 / 2 * ((trial * 37) % 50) / 50
}

/// Runs `args` and kills it with SIGKILL after `after`.
fn killed(d: &Path, args: &[&str], after: Duration) {
    let mut child = process(d).args(args).spawn().unwrap();
    std::thread::sleep(after);
    let _ = child.kill();
    child.wait().unwrap();
}

/// How many withdrawals `caller` started on the Arbitrum chain (ArbSys's `L2ToL1Tx`), as
/// the chain has them.
fn withdrawals_on_chain(manifest: &Value, caller: &str) -> usize {
    let url = manifest["chains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "arb")
        .unwrap()["rpc_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let client = alloy::rpc::client::RpcClient::new_http(url.parse().unwrap());
    let logs: Vec<Value> = runtime
        .block_on(client.request(
            "eth_getLogs",
            serde_json::json!([{ "address": "0x0000000000000000000000000000000000000064", "fromBlock": "0x0" }]),
        ))
        .unwrap();
    let caller = caller
        .to_ascii_lowercase()
        .trim_start_matches("0x")
        .to_owned();
    logs.iter()
        .filter(|l| l["data"].as_str().unwrap().contains(&caller))
        .count()
}

#[test]
fn kill_9_while_starting_a_withdrawal_or_claiming_it_never_sends_a_step_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = setup(d);
    let me = json(d, &["account", "list"])[0]["address"]
        .as_str()
        .unwrap()
        .to_owned();
    let withdraw = [
        "bridge", "withdraw", "--from", "arb", "--amount", "0.01", "--yes",
    ];

    // How long a start takes here, to spread the kills over all of it.
    let started = Instant::now();
    json(d, &withdraw);
    let span = started.elapsed();
    for trial in 0..24 {
        killed(d, &withdraw, spread(span, trial));
    }
    // Every withdrawal on the chain has its journey (stored before signing), none has
    // two, and nothing the chain has is missing from the list. (A killed process may have
    // left a signed transaction unsent, holding up the next nonce: the first look
    // re-broadcasts it; wait until nothing is in flight.)
    // Only `journey list` (what the app and the update stream read): a journey whose
    // transaction went out must be found by it, not only by `journey show`.
    let started = Instant::now();
    while json(d, &["journey", "list"])
        .as_array()
        .unwrap()
        .iter()
        .any(|j| state(j) == "initiating")
    {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "still in flight"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    let journeys = json(d, &["journey", "list"]);
    let journeys = journeys.as_array().unwrap();
    // The kills landed both before anything was sent and after.
    assert!(
        journeys.len() > 1 && journeys.iter().filter(|j| state(j) != "not_sent").count() < 25,
        "{journeys:#?}"
    );
    let started_on_chain: Vec<&Value> =
        journeys.iter().filter(|j| state(j) != "not_sent").collect();
    for j in &started_on_chain {
        let firsts = j["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["purpose"] == "withdrawal_init")
            .count();
        assert!(firsts <= 1, "{j:#}");
    }
    assert_eq!(
        withdrawals_on_chain(&manifest, &me),
        started_on_chain.len(),
        "{journeys:#?}"
    );
    assert_eq!(
        json(d, &["journey", "rebuild"]),
        serde_json::json!([]),
        "a withdrawal the chain has but the wallet lost"
    );

    // Claims, each killed at a different point; then each journey is claimed (again
    // where nothing was sent) and ends completed with exactly one claim that succeeded.
    let delay = confirm_delay(&manifest).to_string();
    let ids: Vec<String> = started_on_chain
        .iter()
        .map(|j| j["id"].as_str().unwrap().to_owned())
        .collect();
    for id in &ids {
        until_advancing(d, id, "ready to claim", Some(&delay), |j| {
            matches!(state(j), "ready_to_claim" | "claiming" | "completed")
        });
    }
    let started = Instant::now();
    json(d, &["journey", "claim", &ids[0], "--yes"]);
    let span = started.elapsed();
    for (trial, id) in ids.iter().enumerate().skip(1) {
        killed(
            d,
            &["journey", "claim", id, "--yes"],
            spread(span, trial as u32),
        );
    }
    for id in &ids {
        let j = until(d, id, "claimable or done", |j| {
            matches!(state(j), "ready_to_claim" | "completed")
        });
        if state(&j) == "ready_to_claim" {
            json(d, &["journey", "claim", id, "--yes"]);
        }
        let j = until(d, id, "completed", |j| state(j) == "completed");
        let claims: Vec<&Value> = j["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["purpose"] == "claim")
            .collect();
        assert_eq!(claims.len(), 1, "{j:#}");
        assert_eq!(claims[0]["succeeded"], true, "{j:#}");
    }
}

/// Speculos seed, Ledger Live index 0.
const LEDGER_0: &str = "0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D";
/// Trezor `all all …` seed at m/44'/60'/0'/0/0.
const TREZOR_0: &str = "0x73d0385F4d8E00C5e6504C6030F47BF6212736A8";

#[test]
fn hardware_accounts_sign_every_step_and_a_rejected_step_leaves_the_journey_where_it_was() {
    use switchyard_hw::simulator::{
        ledger::{LedgerSimulator, UserAction as LedgerUser},
        trezor::{TrezorSimulator, UserAction as TrezorUser},
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ledger = LedgerSimulator::speculos_seed();
    let ledger_server = runtime
        .block_on(ledger.serve_speculos("127.0.0.1:0"))
        .unwrap();
    let trezor = TrezorSimulator::all_seed();
    let trezor_server = trezor.serve_udp("127.0.0.1:0").unwrap();
    let trezor_at = trezor_server.local_addr().to_string();

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    let manifest = setup(d);
    json(
        d,
        &[
            "hw",
            "endpoint",
            "ledger",
            &ledger_server.local_addr().to_string(),
        ],
    );
    let ledger_account = json(
        d,
        &[
            "account", "add-hw", "--device", "ledger", "--scheme", "live", "--index", "0",
        ],
    );
    assert_eq!(ledger_account["address"], LEDGER_0);
    let label = ledger_account["label"].as_str().unwrap().to_owned();
    let trezor_account = json(
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
    assert_eq!(trezor_account["address"], TREZOR_0);
    for address in [LEDGER_0, TREZOR_0] {
        json(d, &["devnet", "fund", address, "--amount", "2"]);
    }

    // The Trezor deposits into op-a; rejected on the device first: nothing is left behind.
    trezor.set_user(TrezorUser::Reject);
    let deposit = [
        "--trezor-emulator",
        &trezor_at,
        "bridge",
        "deposit",
        "--to",
        "op-a",
        "--amount",
        "0.5",
        "--from",
        "cold",
        "--yes",
    ];
    let (code, message) = fails_with(cmd(d).args(deposit));
    assert_eq!(code, "hw_rejected", "{message}");
    assert_eq!(json(d, &["journey", "list"]), serde_json::json!([]));
    trezor.set_user(TrezorUser::Approve);
    let deposited = json(d, &deposit);
    let id = deposited["id"].as_str().unwrap();
    until(d, id, "completed", |j| state(j) == "completed");

    // The Ledger withdraws from arb; its claim, rejected on the device, leaves the journey
    // ready to claim with no claim stored; approved, it completes.
    // (A contract call needs Blind signing on a Ledger: said before anything is stored.)
    let withdraw = [
        "bridge",
        "withdraw",
        "--from",
        "arb",
        "--amount",
        "0.3",
        "--account",
        &label,
        "--yes",
    ];
    ledger.set_blind_signing(false);
    let (code, message) = fails_with(cmd(d).args(withdraw));
    assert_eq!(code, "hw_blind_signing_off", "{message}");
    assert_eq!(json(d, &["journey", "list"]).as_array().unwrap().len(), 1);
    ledger.set_blind_signing(true);
    let withdrawn = json(d, &withdraw);
    let id = withdrawn["id"].as_str().unwrap().to_owned();
    let delay = confirm_delay(&manifest).to_string();
    until_advancing(d, &id, "ready to claim", Some(&delay), |j| {
        state(j) == "ready_to_claim"
    });
    ledger.set_user(LedgerUser::Reject);
    let (code, message) = fails_with(cmd(d).args(["journey", "claim", &id, "--yes"]));
    assert_eq!(code, "hw_rejected", "{message}");
    let still = json(d, &["journey", "show", &id]);
    assert_eq!(state(&still), "ready_to_claim", "{still:#}");
    assert_eq!(
        still["transactions"].as_array().unwrap().len(),
        1,
        "{still:#}"
    );
    ledger.set_user(LedgerUser::Approve);
    let claimed = json(d, &["journey", "claim", &id, "--yes"]);
    assert_eq!(state(&claimed), "completed", "{claimed:#}");
    assert_eq!(claimed["sender"], LEDGER_0);
    drop(ledger_server);
    drop(trezor_server);
}

#[test]
fn kill_9_mid_prove_never_proves_twice_and_the_withdrawals_finalize() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _guard = DownOnDrop(d);
    // Blocks every second: the OP proposer proposes every few L2 blocks.
    json(d, &["devnet", "up", "--detach", "--block-time", "1"]);
    init(d);
    let ids: Vec<String> = (0..6)
        .map(|i| {
            let amount = format!("0.0{}", i + 1);
            json(
                d,
                &[
                    "bridge", "withdraw", "--from", "op-a", "--amount", &amount, "--yes",
                ],
            )["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    for id in &ids {
        until(d, id, "ready to prove", |j| state(j) == "ready_to_prove");
    }
    let started = Instant::now();
    json(d, &["journey", "prove", &ids[0], "--yes"]);
    let span = started.elapsed();
    for (trial, id) in ids.iter().enumerate().skip(1) {
        killed(
            d,
            &["journey", "prove", id, "--yes"],
            spread(span, trial as u32 * 7),
        );
    }
    // Each is proven once: where the kill came before anything was sent, proving again
    // works; where a proof was stored, it is sent again by the next look, never signed twice.
    for id in &ids {
        let j = until(d, id, "proven or provable", |j| {
            matches!(
                state(j),
                "ready_to_prove" | "maturing" | "ready_to_finalize"
            )
        });
        if state(&j) == "ready_to_prove" {
            json(d, &["journey", "prove", id, "--yes"]);
        }
    }
    for id in &ids {
        let j = until(d, id, "ready to finalize", |j| {
            state(j) == "ready_to_finalize"
        });
        let proofs = j["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["purpose"] == "prove")
            .count();
        assert_eq!(proofs, 1, "{j:#}");
        let done = json(d, &["journey", "finalize", id, "--yes"]);
        assert_eq!(state(&done), "completed", "{done:#}");
    }
}
