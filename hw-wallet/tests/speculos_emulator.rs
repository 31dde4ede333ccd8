//! The real Ledger emulator, Speculos, running its Boilerplate demo app, driven through
//! the Speculos transport and the REST button automation that Switchyard's Ledger layer
//! uses (`coins-ledger`'s `SpeculosTransport` and `SpeculosClient`).
//!
//! **What this proves**, against real Ledger OS code running under QEMU rather than a
//! simulator written by us:
//! - the APDU-over-TCP framing both ways (a reply with data, an empty reply with only a
//!   status word, a 99-byte reply);
//! - that a non-success status word (0x6D00, unknown instruction) comes back as an error
//!   carrying that status word, and leaves the connection usable;
//! - an on-device approval: the reply is held back until the screens are walked with the
//!   right button and the "Confirm" screen is validated with both buttons, and the
//!   address the device displays is the one derived from the public key it returns;
//! - an on-device rejection ("Cancel" screen) surfacing as status word 0x6985;
//! - a timeout while the device waits for the user: `LedgerError::Timeout`, then the
//!   wallet's link reports the pending prompt as awaiting approval until it is resolved
//!   on screen, drops the stale reply by itself, and answers in step again;
//! - `/events` text matching and `/screenshot` (a 128×64 PNG, saved under
//!   `$CARGO_TARGET_DIR/speculos-screens/`).
//!
//! **What it cannot prove**: anything Ethereum-specific. No registry (PyPI, npm,
//! crates.io, Debian) ships the Ledger Ethereum app's ELF, only this Boilerplate demo
//! (from Speculos's source distribution), so transaction parsing, `v` encoding, the
//! blind-signing gate and EIP-712 screens are tested against the Rust simulator and
//! published vectors instead (hardware-wallets.md §2.3).
//!
//! **How it runs.** Speculos binds 0.0.0.0, so it must not run in the host's network.
//! The test re-executes itself inside a fresh network namespace (`unshare -n`, loopback
//! only) and runs the scenario there, talking to Speculos on 127.0.0.1. When a
//! prerequisite is missing (the Speculos venv, the Boilerplate ELF, `qemu-arm-static`, or
//! permission for `unshare -n`) it says which one and how to get it (`scripts/setup.sh`
//! installs them all) and passes without running; set `SWITCHYARD_REQUIRE_SPECULOS=1` to
//! make a missing prerequisite a failure instead. Once Speculos starts, any failure fails.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use alloy::primitives::keccak256;
use coins_ledger::{
    ApduAnswer, CommandBuilder, LedgerError, StatusWord,
    transports::{
        LedgerTransport,
        speculos::{Action, Button, SpeculosClient, SpeculosError, SpeculosTransport},
    },
};
use switchyard_hw::{
    DeviceError,
    ledger::{LedgerEndpoint, LedgerLink, status},
};

/// This test's name, as the harness filters it when the test re-executes itself.
const TEST_NAME: &str = "speculos_boilerplate_transport_and_buttons";
/// Set in the re-executed child, which runs inside the network namespace.
const IN_NETNS: &str = "SWITCHYARD_IN_NETNS";
/// Set to 1 to fail, rather than skip, when a prerequisite is missing.
const REQUIRE: &str = "SWITCHYARD_REQUIRE_SPECULOS";
/// The Boilerplate demo app from Speculos 0.27.1's sdist.
const ELF_NAME: &str = "nanox#boil#2.1.0.elf";
/// Ports inside the private namespace: nothing else listens there.
const APDU_PORT: u16 = 9999;
const API_PORT: u16 = 5000;
/// The whole scenario, boot included, must finish within this.
const SCENARIO_LIMIT: Duration = Duration::from_secs(50);
/// Boot: how long to wait for the APDU port to accept.
const BOOT_LIMIT: Duration = Duration::from_secs(40);
/// An exchange that needs no approval.
const QUICK: Option<Duration> = Some(Duration::from_secs(10));
/// How long to wait for a screen.
const SCREEN: Duration = Duration::from_secs(10);

/// The Boilerplate app's instructions (CLA 0xE0).
const CLA: u8 = 0xE0;
const INS_GET_VERSION: u8 = 0x03;
const INS_GET_APP_NAME: u8 = 0x04;
const INS_GET_PUBLIC_KEY: u8 = 0x05;
/// An instruction the app does not implement.
const INS_UNKNOWN: u8 = 0x7F;
/// GET_PUBLIC_KEY's P1: 0 = just answer, 1 = show the address and wait for the user.
const P1_SILENT: u8 = 0x00;
const P1_CONFIRM: u8 = 0x01;
/// m/44'/1'/0'/0/0, the path the Boilerplate app accepts: count, then u32 BE components.
const PATH: [u8; 21] = [
    5, 0x80, 0, 0, 44, 0x80, 0, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

/// Opens the link to the emulator's APDU port the way the wallet does
/// (`LedgerLink::open` with a Speculos endpoint), keeping the Speculos transport inside
/// for its `discard_pending` recovery.
async fn connect(addr: &str) -> Result<SpeculosTransport, DeviceError> {
    match LedgerLink::open(&LedgerEndpoint::Speculos(addr.to_owned())).await? {
        LedgerLink::Speculos(transport) => Ok(transport),
        _ => unreachable!("a Speculos endpoint opens a Speculos link"),
    }
}

#[test]
fn speculos_boilerplate_transport_and_buttons() {
    if std::env::var_os(IN_NETNS).is_some() {
        run_in_namespace();
        return;
    }

    let missing = Prerequisites::missing();
    if !missing.is_empty() {
        let mut msg = format!("SKIPPED {TEST_NAME}: the Ledger emulator cannot run here.\n");
        for m in &missing {
            msg.push_str(&format!("  - {m}\n"));
        }
        msg.push_str(
            "  `bash scripts/setup.sh` installs Speculos, the Boilerplate app, qemu-user-static and iproute2. Set SWITCHYARD_REQUIRE_SPECULOS=1 to fail instead of skipping.\n",
        );
        if std::env::var(REQUIRE).is_ok_and(|v| v == "1") {
            panic!("{msg}");
        }
        // Written straight to stderr, not through eprintln!, so the harness does not
        // swallow it for a passing test.
        let _ = std::io::stderr().write_all(msg.as_bytes());
        return;
    }

    // Re-run just this test inside a new network namespace with loopback up.
    let exe = std::env::current_exe().expect("the test executable's path");
    let started = Instant::now();
    let out = Command::new("unshare")
        .args([
            "-n",
            "--",
            "sh",
            "-c",
            r#"ip link set lo up && exec "$@""#,
            "sh",
        ])
        .arg(&exe)
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(IN_NETNS, "1")
        .stdin(Stdio::null())
        .output()
        .expect("run the test again under `unshare -n`");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("--- the test's run inside the network namespace:");
    print!("{stdout}");
    eprint!("{stderr}");
    println!("--- end of the run inside the network namespace");
    assert!(
        out.status.success(),
        "the scenario inside the network namespace failed ({}) after {:.1?}: its output is above",
        out.status,
        started.elapsed()
    );
    // The harness exits 0 with "0 passed" if the filter matched nothing.
    assert!(
        stdout.contains("1 passed"),
        "the re-executed test did not run exactly this test:\n{stdout}"
    );
    println!(
        "speculos scenario passed in {:.1?} (namespace included)",
        started.elapsed()
    );
}

// ----------------------------------------------------------------------------------
// Prerequisites

struct Prerequisites;

impl Prerequisites {
    /// `$SWITCHYARD_HW_VENV`, else `~/.cache/switchyard/hw-venv`.
    fn venv() -> PathBuf {
        std::env::var_os("SWITCHYARD_HW_VENV")
            .map(PathBuf::from)
            .unwrap_or_else(|| home().join(".cache/switchyard/hw-venv"))
    }

    fn speculos() -> PathBuf {
        Self::venv().join("bin/speculos")
    }

    /// `$SWITCHYARD_SPECULOS_APPS/nanox#boil#2.1.0.elf`, else under
    /// `~/.cache/switchyard/speculos`.
    fn elf() -> PathBuf {
        std::env::var_os("SWITCHYARD_SPECULOS_APPS")
            .map(PathBuf::from)
            .unwrap_or_else(|| home().join(".cache/switchyard/speculos"))
            .join(ELF_NAME)
    }

    /// Each missing prerequisite, with how to get it.
    fn missing() -> Vec<String> {
        let mut missing = Vec::new();
        let speculos = Self::speculos();
        if !is_executable(&speculos) {
            missing.push(format!(
                "Speculos is not installed at {} (set SWITCHYARD_HW_VENV to another venv): `python3 -m venv {venv} && {venv}/bin/pip install speculos==0.27.1`",
                speculos.display(),
                venv = Self::venv().display()
            ));
        }
        let elf = Self::elf();
        if !elf.is_file() {
            missing.push(format!(
                "the Boilerplate app {} is missing (set SWITCHYARD_SPECULOS_APPS to its folder): it ships only in Speculos's source distribution, `pip download --no-deps --no-binary speculos speculos==0.27.1` then extract `speculos-0.27.1/apps/{ELF_NAME}` from the tarball",
                elf.display()
            ));
        }
        if find_in_path("qemu-arm-static").is_none() {
            missing.push(
                "qemu-arm-static is not on PATH (Speculos runs the app under it): `apt-get install qemu-user-static`".to_owned(),
            );
        }
        match Command::new("unshare")
            .args(["-n", "--", "sh", "-c", "ip link set lo up"])
            .stdin(Stdio::null())
            .output()
        {
            Err(e) => missing.push(format!(
                "`unshare` could not be run ({e}): `apt-get install util-linux`"
            )),
            Ok(out) if out.status.code() == Some(127) => missing.push(
                "`ip` is not on PATH (needed to bring up loopback in the namespace): `apt-get install iproute2`".to_owned(),
            ),
            Ok(out) if !out.status.success() => missing.push(format!(
                "`unshare -n` (a private network namespace, which Speculos needs because it binds 0.0.0.0) is not permitted here: {}; run as root or with CAP_SYS_ADMIN",
                String::from_utf8_lossy(&out.stderr).trim()
            )),
            Ok(_) => {}
        }
        missing
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

// ----------------------------------------------------------------------------------
// The emulator process

/// A running Speculos, killed (with its QEMU child) when dropped, panics included.
struct Speculos {
    child: Child,
    log: PathBuf,
}

impl Speculos {
    fn spawn() -> Self {
        use std::os::unix::process::CommandExt;
        let log =
            std::env::temp_dir().join(format!("switchyard-speculos-{}.log", std::process::id()));
        let log_file = fs::File::create(&log).expect("create the Speculos log file");
        let child = Command::new(Prerequisites::speculos())
            .args(["--display", "headless", "--model", "nanox"])
            .arg(Prerequisites::elf())
            .args(["--apdu-port", &APDU_PORT.to_string()])
            .args(["--api-port", &API_PORT.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("clone the log handle"))
            .stderr(log_file)
            // Its own process group, so QEMU goes down with it.
            .process_group(0)
            .spawn()
            .expect("start speculos");
        Self { child, log }
    }

    /// Panics if Speculos has exited (its output is printed on drop).
    fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().expect("poll speculos") {
            panic!("speculos exited during boot ({status})");
        }
    }

    fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for Speculos {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("--- speculos output (last lines)\n{}", self.log_tail());
        }
        // The whole group: Speculos (Python) and the qemu-arm-static running the app.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_file(&self.log);
    }
}

// ----------------------------------------------------------------------------------
// The scenario, inside the namespace

fn run_in_namespace() {
    let started = Instant::now();
    let mut speculos = Speculos::spawn();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    rt.block_on(async {
        tokio::time::timeout(SCENARIO_LIMIT, scenario(&mut speculos))
            .await
            .unwrap_or_else(|_| panic!("the scenario did not finish within {SCENARIO_LIMIT:?}"))
    });
    drop(speculos);
    println!("scenario finished in {:.1?}", started.elapsed());
}

async fn scenario(speculos: &mut Speculos) {
    let t0 = Instant::now();
    let step = |name: &str| println!("[{:>6.2?}] {name}", t0.elapsed());

    // Boot: poll the APDU port until it accepts (Speculos is then listening on both).
    let apdu_addr = format!("127.0.0.1:{APDU_PORT}");
    let mut link = loop {
        match connect(&apdu_addr).await {
            Ok(link) => break link,
            Err(e) => {
                speculos.assert_running();
                assert!(
                    t0.elapsed() < BOOT_LIMIT,
                    "speculos's APDU port did not accept within {BOOT_LIMIT:?}: {e}"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    step("APDU port accepts");
    let client = SpeculosClient::new(format!("http://127.0.0.1:{API_PORT}"))
        .expect("a REST client")
        .with_poll_interval(Duration::from_millis(50));
    let home = client
        .wait_for_text("Boilerplate", BOOT_LIMIT.saturating_sub(t0.elapsed()))
        .await
        .expect("the app's home screen in /events");
    assert_eq!(home.text, "Boilerplate");
    step("home screen shows \"Boilerplate\"");

    // GET_VERSION: three bytes of data, then 9000.
    let version = link
        .exchange(apdu(INS_GET_VERSION, 0, &[]), QUICK)
        .await
        .expect("GET_VERSION");
    assert_eq!(version.status(), StatusWord::SUCCESS);
    assert_eq!(version.data().len(), 3, "version {:02x?}", version.data());
    step(&format!("GET_VERSION -> {}", hex::encode(version.data())));

    // GET_APP_NAME.
    let name = link
        .exchange(apdu(INS_GET_APP_NAME, 0, &[]), QUICK)
        .await
        .expect("GET_APP_NAME");
    assert_eq!(name.status(), StatusWord::SUCCESS);
    assert_eq!(String::from_utf8_lossy(name.data()), "Boilerplate");
    step("GET_APP_NAME -> Boilerplate");

    // An unknown instruction: an empty reply whose status word is 0x6D00, as an error.
    match link.exchange(apdu(INS_UNKNOWN, 0, &[]), QUICK).await {
        Err(LedgerError::BadRetcode(sw)) => assert_eq!(sw, StatusWord::INVALID_INS),
        other => panic!("unknown INS: expected status 6D00, got {other:?}"),
    }
    step("unknown INS -> 6D00");

    // GET_PUBLIC_KEY without confirmation: the reference reply for the prompts below.
    let silent = link
        .exchange(apdu(INS_GET_PUBLIC_KEY, P1_SILENT, &PATH), QUICK)
        .await
        .expect("GET_PUBLIC_KEY without confirmation");
    let expected_address = check_public_key_reply(&silent);
    step(&format!(
        "GET_PUBLIC_KEY P1=00 -> 99 bytes, address {expected_address}"
    ));

    // With confirmation, approved: walk "Verify BOL address" → "Address …" → "Confirm"
    // with the right button, then both buttons. The reply waits for that.
    client.clear_events().await.expect("clear events");
    let (reply, shown) = tokio::join!(
        link.exchange(
            apdu(INS_GET_PUBLIC_KEY, P1_CONFIRM, &PATH),
            Some(Duration::from_secs(30))
        ),
        approve(&client, &expected_address)
    );
    let (shown, address_png) = shown.expect("approve on the device");
    let reply = reply.expect("GET_PUBLIC_KEY approved");
    assert_eq!(reply.status(), StatusWord::SUCCESS);
    assert_eq!(
        reply.data(),
        silent.data(),
        "approved reply differs from P1=00's"
    );
    assert_eq!(
        shown, expected_address,
        "the address on screen is not the one derived from the returned key"
    );
    client
        .wait_for_text("Address verified", SCREEN)
        .await
        .expect("the \"Address verified\" status screen");
    check_png(&address_png, 128, 64);
    let saved = save_screenshot("boilerplate-address.png", &address_png);
    step(&format!(
        "GET_PUBLIC_KEY P1=01 approved -> same 99 bytes + 9000; screen showed the key's address (screenshot{saved})"
    ));

    // With confirmation, rejected: one more right press reaches "Cancel".
    client.clear_events().await.expect("clear events");
    let (reply, pressed) = tokio::join!(
        link.exchange(
            apdu(INS_GET_PUBLIC_KEY, P1_CONFIRM, &PATH),
            Some(Duration::from_secs(30))
        ),
        reject(&client)
    );
    pressed.expect("reject on the device");
    match reply {
        Err(LedgerError::BadRetcode(sw)) => assert_eq!(sw, StatusWord::CONDITIONS_NOT_SATISFIED),
        other => panic!("rejected GET_PUBLIC_KEY: expected status 6985, got {other:?}"),
    }
    client
        .wait_for_text("cancelled", SCREEN)
        .await
        .expect("the \"Address verification cancelled\" status screen");
    step("GET_PUBLIC_KEY P1=01 rejected -> 6985");

    // Timeout while the device waits for the user.
    client.clear_events().await.expect("clear events");
    let short = Duration::from_millis(1500);
    match link
        .exchange(apdu(INS_GET_PUBLIC_KEY, P1_CONFIRM, &PATH), Some(short))
        .await
    {
        Err(LedgerError::Timeout(d)) => assert_eq!(d, short),
        other => panic!("unanswered prompt: expected a timeout, got {other:?}"),
    }
    client
        .wait_for_text("Verify BOL address", SCREEN)
        .await
        .expect("the prompt is still on screen after the timeout");
    // Its reply is still owed. coins-ledger's transport refuses every exchange
    // meanwhile; the wallet's link tells the person to finish the prompt first.
    match link.exchange(apdu(INS_GET_VERSION, 0, &[]), QUICK).await {
        Err(LedgerError::Transport(e)) => assert!(
            matches!(
                e.downcast_ref::<SpeculosError>(),
                Some(SpeculosError::PendingReply)
            ),
            "expected PendingReply, got {e:?}"
        ),
        other => panic!("exchange with a reply pending: expected PendingReply, got {other:?}"),
    }
    let mut link = LedgerLink::Speculos(link);
    match link.exchange(apdu(INS_GET_VERSION, 0, &[]), QUICK).await {
        Err(e) => assert!(
            matches!(
                status::from_ledger_error(e, status::Request::Configuration, status::Wait::Device),
                DeviceError::AwaitingApproval(_)
            ),
            "a pending prompt must read as awaiting approval"
        ),
        Ok(answer) => panic!("exchange with a reply pending answered {answer:?}"),
    }
    step("unanswered P1=01 -> Timeout; the link reports the prompt as awaiting approval");
    // Resolve the prompt on screen (reject): the link drops the stale 6985 reply by
    // itself and answers the next request in step.
    reject_from_first_screen(&client)
        .await
        .expect("reject the pending prompt");
    // The app shows its result once it has answered the pending request.
    client
        .wait_for_text("cancelled", SCREEN)
        .await
        .expect("the pending prompt's \"cancelled\" status screen");
    let again = link
        .exchange(apdu(INS_GET_VERSION, 0, &[]), QUICK)
        .await
        .expect("GET_VERSION after the prompt was resolved");
    assert_eq!(
        again.data(),
        version.data(),
        "the link is out of step after recovery"
    );
    step("prompt rejected on screen; the link drops the stale reply and GET_VERSION answers again");

    // A screenshot: a PNG of the Nano X's 128×64 screen.
    let png = client.screenshot().await.expect("GET /screenshot");
    check_png(&png, 128, 64);
    let saved = save_screenshot("boilerplate-after-recovery.png", &png);
    step(&format!(
        "screenshot: {} bytes, PNG 128x64{saved}",
        png.len()
    ));
}

/// Approve the address on screen. Returns the address shown on the "Address" screen
/// (its lines joined) and a screenshot of that screen.
async fn approve(
    client: &SpeculosClient,
    expected_address: &str,
) -> Result<(String, Vec<u8>), SpeculosError> {
    client.wait_for_text("Verify BOL address", SCREEN).await?;
    press(client, Button::Right).await?;
    client.wait_for_text("Address", SCREEN).await?;
    // Its lines are drawn after the heading: wait until they hold as many characters as
    // the address, so the screenshot shows the whole screen.
    let deadline = Instant::now() + SCREEN;
    loop {
        let events = client.events().await?;
        let after_heading = events.iter().skip_while(|e| e.text != "Address").skip(1);
        if after_heading.map(|e| e.text.len()).sum::<usize>() >= expected_address.len() {
            break;
        }
        if Instant::now() > deadline {
            panic!("the address lines were not drawn: {events:?}");
        }
        tokio::time::sleep(client.poll_interval()).await;
    }
    let png = client.screenshot().await?;
    press(client, Button::Right).await?;
    client.wait_for_text("Confirm", SCREEN).await?;
    // The texts drawn between "Address" and "Confirm" are the address's lines.
    let events = client.events().await?;
    let texts: Vec<&str> = events.iter().map(|e| e.text.as_str()).collect();
    let from = texts.iter().position(|t| *t == "Address");
    let to = texts.iter().position(|t| *t == "Confirm");
    let shown = match (from, to) {
        (Some(from), Some(to)) if from < to => texts[from + 1..to].concat(),
        _ => panic!("unexpected screen sequence: {texts:?}"),
    };
    press(client, Button::Both).await?;
    Ok((shown, png))
}

/// Walk to the last screen, "Cancel", and validate it.
async fn reject(client: &SpeculosClient) -> Result<(), SpeculosError> {
    client.wait_for_text("Verify BOL address", SCREEN).await?;
    reject_from_first_screen(client).await
}

/// From "Verify BOL address": right to "Address", "Confirm", "Cancel", then both.
async fn reject_from_first_screen(client: &SpeculosClient) -> Result<(), SpeculosError> {
    for next in ["Address", "Confirm", "Cancel"] {
        press(client, Button::Right).await?;
        client.wait_for_text(next, SCREEN).await?;
    }
    press(client, Button::Both).await
}

async fn press(client: &SpeculosClient, button: Button) -> Result<(), SpeculosError> {
    client
        .button(button, Action::PressAndRelease { delay: None })
        .await
}

/// CLA E0 with this instruction, P1, P2 = 0 and data.
fn apdu(ins: u8, p1: u8, data: &[u8]) -> coins_ledger::ApduCommand {
    CommandBuilder::new()
        .cla(CLA)
        .ins(ins)
        .p1(p1)
        .data(data)
        .build()
        .expect("a valid APDU")
}

/// GET_PUBLIC_KEY's reply: 65 ‖ uncompressed key ‖ 32 ‖ chain code, then 9000. Returns
/// the app's address for that key as it displays it: the last 20 bytes of the key's
/// Keccak-256 hash, in upper-case hex.
fn check_public_key_reply(reply: &ApduAnswer) -> String {
    assert_eq!(reply.status(), StatusWord::SUCCESS);
    let data = reply.data();
    assert_eq!(data.len(), 99, "reply {}", hex::encode(data));
    assert_eq!(data[0], 65, "public key length");
    assert_eq!(data[1], 0x04, "uncompressed public key");
    assert_eq!(data[66], 32, "chain code length");
    hex::encode_upper(&keccak256(&data[2..66])[12..])
}

fn check_png(png: &[u8], width: u32, height: u32) {
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG: {:02x?}",
        &png[..png.len().min(16)]
    );
    // The first chunk is IHDR: width and height, u32 BE.
    assert!(
        png.len() > 24 && &png[12..16] == b"IHDR",
        "PNG without IHDR"
    );
    let w = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
    let h = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
    assert_eq!((w, h), (width, height), "screenshot size");
}

/// Save under `$CARGO_TARGET_DIR/speculos-screens/` if that is writable; says where
/// (as a suffix for the step's line).
fn save_screenshot(name: &str, png: &[u8]) -> String {
    let Some(target) = std::env::var_os("CARGO_TARGET_DIR") else {
        return String::new();
    };
    let dir = PathBuf::from(target).join("speculos-screens");
    let path = dir.join(name);
    match fs::create_dir_all(&dir).and_then(|()| fs::write(&path, png)) {
        Ok(()) => format!(": {}", path.display()),
        Err(e) => format!(": not saved ({e})"),
    }
}
