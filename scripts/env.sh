# Shared settings for Switchyard's scripts (sourced, not run).
# Keep cargo's build outside the checkout so fresh clones (CI) reuse a warm build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/switchyard/target}"
# No incremental caches: every fresh clone (CI) lives at a new path and would add another
# set of them (tens of GB over time) that no later build reuses.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
SWITCHYARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SWITCHYARD_ROOT
# tauri-driver (WebDriver for the desktop app's end-to-end tests), installed by setup.sh.
export SWITCHYARD_TAURI_DRIVER="${SWITCHYARD_TAURI_DRIVER:-$HOME/.cache/switchyard/tools/bin/tauri-driver}"
