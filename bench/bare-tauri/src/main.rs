//! A bare Tauri 2 app: one window, one static page, one command and no plugins, built from
//! the same tauri (and features) as the Switchyard desktop app. Switchyard's desktop
//! start-up and memory benchmark (`scripts/bench-desktop.sh`) measures it as the baseline:
//! what any Tauri app costs before the wallet adds anything.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::Write;

/// Called by the page once it has been painted. With `SWITCHYARD_REPORT_READY=1` it prints
/// the line `ready` to stdout (flushed at once), which the benchmark harness timestamps.
#[tauri::command]
fn app_ready() {
    if std::env::var("SWITCHYARD_REPORT_READY").as_deref() == Ok("1") {
        let mut stdout = std::io::stdout().lock();
        // No stdout to write to (e.g. a Windows GUI build) is not an error worth reporting.
        let _ = writeln!(stdout, "ready");
        let _ = stdout.flush();
    }
}

/// Opens the window and runs until it is closed.
fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![app_ready])
        .run(tauri::generate_context!())
        .expect("the bare Tauri window could not start");
}
