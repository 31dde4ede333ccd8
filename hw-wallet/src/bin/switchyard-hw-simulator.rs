//! Runs the Ledger and Trezor simulators on sockets until interrupted, for trying
//! hardware accounts without a device and for the desktop end-to-end tests:
//!
//! ```text
//! switchyard-hw-simulator [--ledger HOST:PORT] [--trezor HOST:PORT]
//! ```
//!
//! The Ledger simulator (Speculos's default seed) answers on a Speculos-compatible APDU
//! port; the Trezor simulator (`all all …` seed) on UDP. They are simulators, not
//! devices: every request is approved. Point the wallet at them with
//! `switchyard hw endpoint ledger HOST:PORT` / `switchyard hw endpoint trezor HOST:PORT`.

use switchyard_hw::simulator::{ledger::LedgerSimulator, trezor::TrezorSimulator};

const USAGE: &str = "usage: switchyard-hw-simulator [--ledger HOST:PORT] [--trezor HOST:PORT]";

fn main() -> std::io::Result<()> {
    let mut ledger_at = "127.0.0.1:9999".to_owned();
    let mut trezor_at = "127.0.0.1:21324".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--ledger", Some(v)) => ledger_at = v,
            ("--trezor", Some(v)) => trezor_at = v,
            _ => {
                eprintln!("{USAGE}");
                std::process::exit(2);
            }
        }
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let ledger = LedgerSimulator::speculos_seed();
    ledger.set_blind_signing(true);
    let ledger_server = runtime.block_on(ledger.serve_speculos(&ledger_at))?;
    let trezor = TrezorSimulator::all_seed();
    let trezor_server = trezor.serve_udp(&trezor_at)?;
    // One line each, so a script can read the ports chosen for `:0`.
    println!("ledger {}", ledger_server.local_addr());
    println!("trezor {}", trezor_server.local_addr());
    runtime.block_on(tokio::signal::ctrl_c())?;
    Ok(())
}
