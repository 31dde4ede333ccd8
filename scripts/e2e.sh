#!/usr/bin/env bash
# Desktop end-to-end tests: builds the UI, the desktop app (embedded UI), the CLI and the
# hardware-wallet simulator, then drives the app over WebDriver (tauri-driver +
# WebKitWebDriver) under Xvfb, inside a private D-Bus session with an unlocked
# throwaway gnome-keyring (scripts/with-keyring.sh). Run scripts/setup.sh once first.
#   usage: scripts/e2e.sh [TEST_FILE…]    (default: every ui/e2e/*.test.mjs, one at a time)
# Screenshots and process logs land in target-e2e/ (SWITCHYARD_E2E_ARTIFACTS,
# SWITCHYARD_E2E_SCREENSHOTS override); SWITCHYARD_E2E_KEEP=1 keeps the temp dirs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"

if [ ! -x "$SWITCHYARD_TAURI_DRIVER" ] || [ ! -d ui/node_modules/webdriverio ]; then
  echo "e2e: tauri-driver or webdriverio is missing: run scripts/setup.sh first" >&2
  exit 1
fi

echo "== e2e: build the UI"
(cd ui && npm run --silent build)
echo "== e2e: build switchyard-desktop, switchyard, switchyard-hw-simulator"
# One cargo run for the three binaries. With the simulator feature on, switchyard-hw (and
# so the CLI) has the features `cargo build/test --workspace --all-targets` gives it, so
# these reuse that build instead of compiling a second variant. The desktop app embeds
# the UI through its default `custom-protocol` feature.
cargo build -p switchyard-desktop -p switchyard-cli -p switchyard-hw --bins --features switchyard-hw/simulator

if [ $# -eq 0 ]; then set -- ui/e2e/*.test.mjs; fi
export SWITCHYARD_E2E_ARTIFACTS="${SWITCHYARD_E2E_ARTIFACTS:-$SWITCHYARD_ROOT/target-e2e}"
mkdir -p "$SWITCHYARD_E2E_ARTIFACTS"
rm -rf "$SWITCHYARD_E2E_ARTIFACTS/logs"

# The harness (ui/e2e/harness.mjs) notes every process group and devnet it starts in
# this directory; if a test process dies before its own cleanup ran (SIGKILL, timeout),
# the sweep below stops what it left.
# The tests' TMPDIR is inside it too, so temp dirs (wallets, devnets, app profiles, the
# keyring, xvfb-run's) go with it even when a killed process could not remove its own.
SWITCHYARD_E2E_STATE="$(mktemp -d -t switchyard-e2e-run.XXXXXX)"
export SWITCHYARD_E2E_STATE
mkdir -p "$SWITCHYARD_E2E_STATE/tmp"
# Whether process group $1 still has a live (not zombie) process. Orphans stay zombies
# until PID 1 reaps them, and pgrep counts zombies.
group_alive() { ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'; }
sweep() {
  local pgid exe dir
  if [ -f "$SWITCHYARD_E2E_STATE/pgids" ]; then
    while read -r pgid exe; do
      # Only a group that still holds a process we started (PIDs are reused).
      if pgrep -g "$pgid" -f "^($exe|/usr/bin/WebKitWebDriver|$CARGO_TARGET_DIR/debug/switchyard-desktop)( |\$)" >/dev/null 2>&1 \
         && group_alive "$pgid"; then
        kill -TERM -- "-$pgid" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do group_alive "$pgid" || break; sleep 0.2; done
        kill -KILL -- "-$pgid" 2>/dev/null || true
        echo "e2e: swept process group $pgid ($exe)" >&2
      fi
    done < "$SWITCHYARD_E2E_STATE/pgids"
  fi
  if [ -f "$SWITCHYARD_E2E_STATE/devnets" ]; then
    while read -r dir; do
      if [ -f "$dir/devnet.json" ]; then
        "$CARGO_TARGET_DIR/debug/switchyard" devnet --dir "$dir" down >/dev/null 2>&1 || true
        echo "e2e: swept devnet $dir" >&2
      fi
    done < "$SWITCHYARD_E2E_STATE/devnets"
  fi
  if [ -n "${SWITCHYARD_E2E_KEEP:-}" ]; then
    echo "e2e: kept $SWITCHYARD_E2E_STATE/tmp" >&2
  else
    rm -rf "$SWITCHYARD_E2E_STATE"
  fi
}
trap sweep EXIT

echo "== e2e: node --test $*"
# Test files run one at a time (one display, one app at a time); each test has its own
# timeout, and the whole run is bounded by `timeout`, which signals its whole process
# group (D-Bus session, Xvfb, node and the test processes, whose handlers stop what
# they started). Ctrl-C / SIGTERM here is passed on the same way.
TMPDIR="$SWITCHYARD_E2E_STATE/tmp" timeout -k 10 "${SWITCHYARD_E2E_TIMEOUT:-1200}" \
  scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=300000 "$@" &
runner=$!
trap 'kill -TERM "$runner" 2>/dev/null || true' INT TERM
status=0
while :; do
  wait "$runner" && status=0 || status=$?
  kill -0 "$runner" 2>/dev/null || break  # `wait` returns early when a trap ran
done
# `timeout` leads its own process group; after a signal, let the test processes in it
# finish stopping what they started before the sweep looks.
for _ in $(seq 100); do group_alive "$runner" || break; sleep 0.2; done
echo "e2e: screenshots and logs in $SWITCHYARD_E2E_ARTIFACTS"
exit "$status"
