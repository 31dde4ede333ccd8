#!/usr/bin/env bash
# Start-up and idle memory of the desktop app next to a bare Tauri 2 app built from the
# template in bench/bare-tauri (same tauri, same features), both in release, run
# alternately under Xvfb in one private D-Bus session: once as shipped, once with both
# painting on the CPU. Writes two JSON reports.
#
#   scripts/bench-desktop.sh [RUNS]      (default 5 runs of each)
#
# Reports: $CARGO_TARGET_DIR/bench-reports/desktop*.json; figures in docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"
runs="${1:-5}"
(cd ui && npm run --silent build)
cargo build --release --locked -p switchyard-desktop -p bare-tauri
mkdir -p "$CARGO_TARGET_DIR/bench-reports"
bench() {
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
    python3 bench/desktop.py "$1" "$runs" \
      "switchyard=$CARGO_TARGET_DIR/release/switchyard-desktop" \
      "bare-tauri=$CARGO_TARGET_DIR/release/bare-tauri"
}
# As shipped: each app decides how to draw (without a GPU, Switchyard has Skia paint on
# the CPU; the bare app keeps WebKitGTK's default).
unset WEBKIT_DISABLE_COMPOSITING_MODE WEBKIT_SKIA_ENABLE_CPU_RENDERING
bench "$CARGO_TARGET_DIR/bench-reports/desktop.json"
# Like for like: both apps told to paint on the CPU.
WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 bench "$CARGO_TARGET_DIR/bench-reports/desktop-cpu-rendering.json"
echo "reports: $CARGO_TARGET_DIR/bench-reports/desktop.json, desktop-cpu-rendering.json"
