//! The Switchyard desktop app: a Tauri v2 shell whose commands are thin adapters over
//! `switchyard_core::Wallet`. The UI lives in `ui/` and is embedded from `ui/dist`.

pub mod commands;

/// Builds and runs the app; returns when the last window closes.
///
/// # Panics
/// If the window or webview cannot be created (e.g. no display).
pub fn run() {
    tauri::Builder::default()
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the Switchyard window could not start");
}
