# Shared settings for Switchyard's scripts (sourced, not run).
# Keep cargo's build outside the checkout so fresh clones (CI) reuse a warm build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/switchyard/target}"
SWITCHYARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SWITCHYARD_ROOT
# tauri-driver (WebDriver for the desktop app's end-to-end tests), installed by setup.sh.
export SWITCHYARD_TAURI_DRIVER="${SWITCHYARD_TAURI_DRIVER:-$HOME/.cache/switchyard/tools/bin/tauri-driver}"
