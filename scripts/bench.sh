#!/usr/bin/env bash
# Runs the benchmarks (a devnet is started and stopped by each) and prints where the JSON
# reports are. Figures are recorded in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
cargo bench -p switchyard-tests --bench chain_reads
cargo bench -p switchyard-tests --bench devnet_start
cargo bench -p switchyard-tests --bench journeys
# The desktop app's start-up and memory next to a bare Tauri app, and many accounts at
# once next to cast (release builds; JSON reports beside the others).
./scripts/bench-desktop.sh
./scripts/bench-accounts.sh
