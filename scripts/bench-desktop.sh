#!/usr/bin/env bash
# Start-up and idle memory of the desktop app next to a bare Tauri 2 app built from the
# template in bench/bare-tauri (same tauri, same features), both in release, run
# alternately under Xvfb in one private D-Bus session. Writes a JSON report.
#
#   scripts/bench-desktop.sh [RUNS]      (default 5 runs of each)
#
# Report: $CARGO_TARGET_DIR/bench-reports/desktop.json; figures in docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"
runs="${1:-5}"
(cd ui && npm run --silent build)
cargo build --release --locked -p switchyard-desktop -p bare-tauri
mkdir -p "$CARGO_TARGET_DIR/bench-reports"
report="$CARGO_TARGET_DIR/bench-reports/desktop.json"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  python3 bench/desktop.py "$report" "$runs" \
    "switchyard=$CARGO_TARGET_DIR/release/switchyard-desktop" \
    "bare-tauri=$CARGO_TARGET_DIR/release/bare-tauri"
echo "report: $report"
