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
