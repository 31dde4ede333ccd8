//! The Switchyard desktop app: a Tauri v2 shell whose commands are thin adapters over
//! `switchyard_core::Wallet`, run on one wallet thread ([`host`]). The UI lives in `ui/`
//! and is embedded from `ui/dist`.

pub mod bindings;
pub mod commands;
mod ctx;
mod error;
mod events;
mod host;
mod launch;
mod prompter;
mod recorder;
mod rendering;
mod watch;

use std::sync::Arc;

use tauri::Manager;

/// Builds and runs the app; returns when the last window closes.
///
/// # Panics
/// If the window or webview cannot be created (e.g. no display).
pub fn run() {
    let started = commands::app::Started(std::time::Instant::now());
    let cpu_rendering = rendering::configure();
    let options = launch::Options::from_env_and_args();
    let paths = options.paths();
    let specta = commands::specta_builder();
    tauri::Builder::default()
        // First: a second launch focuses the running window instead of opening the same
        // wallet (and database) twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(launch::log_plugin(&paths))
        // Explorer links open in the system browser (capabilities allow https URLs only).
        .plugin(tauri_plugin_opener::init())
        // Notifications are shown by the watcher (Rust side) when an update needs the person.
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            app.manage(started);
            log::info!(
                "Switchyard {} starting; data in {}",
                env!("CARGO_PKG_VERSION"),
                paths.data_dir.display()
            );
            if cpu_rendering {
                log::info!(
                    "no GPU render node: the web view paints on the CPU ({}=1)",
                    rendering::CPU_RENDERING_ENV
                );
            }
            let handle = app.handle().clone();
            let prompter = Arc::new(prompter::DesktopPrompter::new(handle.clone()));
            app.manage(prompter.clone());
            let devnet_dir = options.devnet_dir.clone();
            let host = host::Host::start(
                move || ctx::WalletCtx::open(paths, devnet_dir, handle, prompter),
                |ctx| Box::pin(watch::run(ctx)),
                recorder::Recorder::from_env(),
            );
            app.manage(host);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Switchyard window could not start");
}
