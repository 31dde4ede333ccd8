//! The app's own life, which has no wallet or CLI counterpart.

use std::io::Write;
use std::time::Instant;

use tauri::State;

/// When the process started running (the first thing [`crate::run`] does).
pub struct Started(pub Instant);

/// Environment variable that makes [`app_ready`] print `ready` on stdout.
pub const REPORT_READY_ENV: &str = "SWITCHYARD_REPORT_READY";

/// The page has painted its first screen (onboarding, lock screen or portfolio, or the
/// start-up error): logs the time since start and, with `SWITCHYARD_REPORT_READY=1`,
/// prints `ready` on stdout, which the start-up benchmark (scripts/bench-desktop.sh)
/// times. Reported once per page load.
#[tauri::command]
#[specta::specta]
pub fn app_ready(started: State<'_, Started>) {
    log::info!(
        "first screen painted {} ms after start",
        started.0.elapsed().as_millis()
    );
    if std::env::var(REPORT_READY_ENV).as_deref() == Ok("1") {
        let mut stdout = std::io::stdout().lock();
        // No stdout (a Windows GUI build) is not worth an error.
        let _ = writeln!(stdout, "ready");
        let _ = stdout.flush();
    }
}
