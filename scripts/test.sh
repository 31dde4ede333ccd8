#!/usr/bin/env bash
# Installs everything, then runs every check and test: formatting, clippy with
# -D warnings, svelte-check, the UI's Vitest suite, the whole Rust test suite against a
# real OS keychain, the desktop app's end-to-end tests, and the Debian package installed
# into an empty root and used.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"
# Setup must not change the checkout (a lock file npm rewrites, a generated file): what it
# installs goes to ignored folders. Compared before and after, so local edits are fine.
tree_state() { git status --porcelain --untracked-files=all 2>/dev/null; }
before="$(tree_state)"
scripts/setup.sh
if [ "$(tree_state)" != "$before" ]; then
  echo "scripts/setup.sh changed the checkout; commit or ignore what it writes:" >&2
  diff <(echo "$before") <(tree_state) >&2 || true
  exit 1
fi
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== svelte-check"
(cd ui && npm run --silent check)
echo "== vitest (UI components and stores)"
(cd ui && npm run --silent test)
echo "== cargo test (inside a private D-Bus session with gnome-keyring)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
scripts/with-keyring.sh cargo test --workspace --no-fail-fast 2>&1 | tee "$log" || status=$?
# One closing line for the whole suite (cargo prints one per test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
echo "== desktop end-to-end tests (the real app over WebDriver, under Xvfb)"
scripts/e2e.sh || status=$?
echo "== the Debian package, installed into an empty root and used (scripts/test-package.sh)"
# --allow-dirty: a developer's uncommitted edits are packaged too (version +dirty).
scripts/with-keyring.sh scripts/test-package.sh --allow-dirty || status=$?
exit "$status"
