//! The Switchyard desktop app: a Tauri v2 shell whose commands are thin adapters over
//! `switchyard_core::Wallet`. The desktop issue fills in the commands and the UI.

mod commands;

/// Builds and runs the app.
pub fn run() {
    tauri::Builder::default()
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the Switchyard window could not start");
}
