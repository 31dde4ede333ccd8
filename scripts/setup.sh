#!/usr/bin/env bash
# Installs everything Switchyard needs on Debian 12, then builds it. Idempotent: a
# second run installs nothing and rebuilds only what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"

# System packages: WebKitGTK for the desktop app, Xvfb + WebKitWebDriver for its
# end-to-end tests, hidapi/udev/libusb for hardware wallets, gnome-keyring + D-Bus for
# the OS keychain, qemu + python3-venv + iproute2 for the Ledger emulator (Speculos) and
# the official hardware-wallet clients the tests run.
APT_PACKAGES="libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev xvfb webkit2gtk-driver libudev-dev libhidapi-dev \
  libusb-1.0-0-dev gnome-keyring dbus-x11 qemu-user-static python3-venv iproute2"
missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing system packages:$missing"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  # The first attempt can fail while dpkg upgrades systemd in several passes (Debian
  # image's docker-clean hook deletes the debs between passes): repair and retry.
  $SUDO apt-get install -y -q --no-install-recommends $missing \
    || { $SUDO apt-get -f install -y -q && $SUDO apt-get install -y -q --no-install-recommends $missing; }
fi

# Command-line tools from npm (anvil, cast), pinned by tools/package-lock.json.
# (`npm install`, not `npm ci`: npm ci rejects lock files that omit other platforms'
# optional binary packages, which is how npm writes them.)
if [ ! -x tools/node_modules/@foundry-rs/cast-linux-amd64/bin/cast ] \
   || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  (cd tools && npm install --no-audit --no-fund --loglevel=error)
fi

# solc-js and OpenZeppelin for the project's own contracts (contracts/build.mjs).
if [ ! -d contracts/node_modules/solc ] \
   || [ contracts/package-lock.json -nt contracts/node_modules/.package-lock.json ]; then
  (cd contracts && npm install --no-audit --no-fund --loglevel=error)
fi

# The desktop app's web UI (the Tauri build embeds ui/dist).
if [ -f ui/package.json ]; then
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm install --no-audit --no-fund --loglevel=error)
  fi
  (cd ui && npm run --silent build)
fi

# tauri-driver for the desktop end-to-end tests (scripts/e2e.sh), outside the checkout.
# It has no --version flag, so cargo's install record tells which version is there.
TOOLS_ROOT="$HOME/.cache/switchyard/tools"
if [ ! -x "$TOOLS_ROOT/bin/tauri-driver" ] \
   || ! grep -q '^"tauri-driver 2\.1\.0 ' "$TOOLS_ROOT/.crates.toml" 2>/dev/null; then
  echo "setup: installing tauri-driver 2.1.0 into $TOOLS_ROOT"
  cargo install tauri-driver --locked --version 2.1.0 --root "$TOOLS_ROOT"
fi

# Hardware-wallet test tools, outside the checkout: official reference clients
# (trezorlib, Ledger's Python client) and the Speculos emulator, pinned in
# tools/python/requirements.txt; reinstalled only when that file changes.
HW_VENV="${SWITCHYARD_HW_VENV:-$HOME/.cache/switchyard/hw-venv}"
want="$(sha256sum tools/python/requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$HW_VENV/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the hardware-wallet reference clients into $HW_VENV"
  python3 -m venv "$HW_VENV"
  "$HW_VENV/bin/pip" install -q --disable-pip-version-check -r tools/python/requirements.txt
  echo "$want" > "$HW_VENV/.requirements.sha256"
fi
# Speculos's Boilerplate demo app ships only in its source distribution (no registry has
# the Ethereum app): the real-emulator test runs it. Checked against its published hash.
SPECULOS_APPS="${SWITCHYARD_SPECULOS_APPS:-$HOME/.cache/switchyard/speculos}"
if [ ! -f "$SPECULOS_APPS/nanox#boil#2.1.0.elf" ]; then
  tmp="$(mktemp -d)"
  "$HW_VENV/bin/pip" download -q --disable-pip-version-check --no-deps --no-binary speculos -d "$tmp" speculos==0.27.1
  echo "7059bff0e2bda4cf3bbf765d197b76ff4fb75353ba8081863fbe86c7304fc3c5  $tmp/speculos-0.27.1.tar.gz" | sha256sum -c --quiet
  mkdir -p "$SPECULOS_APPS"
  tar -xzf "$tmp/speculos-0.27.1.tar.gz" -C "$tmp" 'speculos-0.27.1/apps/nanox#boil#2.1.0.elf'
  mv "$tmp/speculos-0.27.1/apps/nanox#boil#2.1.0.elf" "$SPECULOS_APPS/"
  rm -rf "$tmp"
fi

scripts/prune-target.sh
cargo build --workspace --all-targets
