#!/usr/bin/env bash
# Installs everything (idempotent), builds, starts the local devnet and opens the
# Switchyard desktop app on the Devnet profile. Arguments, if any, go to the `switchyard`
# CLI instead: `./scripts/run.sh account list`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$SWITCHYARD_ROOT/scripts/setup.sh"
CLI="$CARGO_TARGET_DIR/debug/switchyard"
if [ $# -gt 0 ]; then exec "$CLI" "$@"; fi

# The devnet lives in the wallet's data directory (SWITCHYARD_DATA_DIR or the platform
# default), so the app opens on the Devnet profile. `up` reuses a running devnet.
"$CLI" devnet up --detach
echo "Devnet running (stop it with: $CLI devnet down)."
echo "Funded test accounts: choose \"Import a recovery phrase\" and paste anvil's test phrase"
echo "  test test test test test test test test test test test junk"
echo "(never for real funds)."

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
No display: the desktop app needs X11 or Wayland. On a headless machine, run it inside a
virtual display instead (nothing is shown, but the app runs, logs and can be driven by
WebDriver as the end-to-end tests do):
  xvfb-run -a ./scripts/run.sh
MSG
  exit 1
fi
exec "$CARGO_TARGET_DIR/debug/switchyard-desktop"
