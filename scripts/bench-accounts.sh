#!/usr/bin/env bash
# Many accounts at once: the release CLI's `account add --count 1000` next to foundry's
# `cast wallet address` (a loop of 1,000) and `cast wallet derive --accounts 255`, per
# address. Writes $CARGO_TARGET_DIR/bench-reports/accounts.json; figures in
# docs/benchmarks.md.
#
#   scripts/bench-accounts.sh [RUNS]     (default 3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"
cargo build --release --locked -p switchyard-cli
mkdir -p "$CARGO_TARGET_DIR/bench-reports"
report="$CARGO_TARGET_DIR/bench-reports/accounts.json"
python3 bench/accounts.py "$report" "$CARGO_TARGET_DIR/release/switchyard" \
  tools/node_modules/@foundry-rs/cast-linux-amd64/bin/cast "${1:-3}"
echo "report: $report"
