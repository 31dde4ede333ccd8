#!/usr/bin/env bash
# Installs everything Switchyard needs on Debian 12, then builds it. Idempotent: a
# second run installs nothing and rebuilds only what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"

# System packages: WebKitGTK for the desktop app, Xvfb + WebKitWebDriver for its
# end-to-end tests, hidapi/udev/libusb for hardware wallets, gnome-keyring + D-Bus for
# the OS keychain.
APT_PACKAGES="libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev xvfb webkit2gtk-driver libudev-dev libhidapi-dev \
  libusb-1.0-0-dev gnome-keyring dbus-x11"
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

cargo build --workspace --all-targets
