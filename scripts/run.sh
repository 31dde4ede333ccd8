#!/usr/bin/env bash
# Installs everything, builds, and starts Switchyard. Until the desktop app lands this
# shows the wallet's status and what to do next; arguments go to the `switchyard` CLI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$SWITCHYARD_ROOT/scripts/setup.sh"
if [ $# -eq 0 ]; then set -- wallet status; fi
exec "$CARGO_TARGET_DIR/debug/switchyard" "$@"
