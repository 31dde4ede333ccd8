#!/usr/bin/env bash
# Builds the Debian package (scripts/package.sh), unpacks it into an empty root with
# `dpkg -x` and uses only what it installed, with an empty home: the app starting and
# painting its first screen, `switchyard --version`,
# the devnet refusing to start without its tools and naming what to run, `devnet
# install-tools`, `devnet up`, a wallet and a send on the devnet, `devnet down`. Also checks
# the package's metadata, desktop entry, icons and udev rules. A broken package fails.
#
#   scripts/test-package.sh [--allow-dirty]   (run inside scripts/with-keyring.sh: the
#                                              wallet uses the OS keychain)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"

deb="$(scripts/package.sh "$@" | grep '\.deb$' | tail -1)"
[ -f "$deb" ] || { echo "test-package: package.sh made no .deb" >&2; exit 1; }
echo "== installing $deb into an empty root"
root="$(mktemp -d)"
trap 'if [ -x "$root/usr/bin/switchyard" ]; then HOME="$root/home" "$root/usr/bin/switchyard" --data-dir "$root/home/wallet" devnet down >/dev/null 2>&1 || true; fi; rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
fail() { echo "test-package: $*" >&2; exit 1; }

# What the package declares and ships.
info="$(dpkg-deb -f "$deb" Package Version Depends)"
echo "$info"
grep -q '^Package: switchyard$' <<<"$info" || fail "the package is not named switchyard"
grep -q 'libwebkit2gtk-4.1-0' <<<"$info" || fail "the package does not depend on WebKitGTK"
grep -q 'libudev1' <<<"$info" || fail "the package does not depend on libudev (hardware wallets)"
for f in usr/bin/switchyard usr/bin/switchyard-desktop \
         usr/share/applications/Switchyard.desktop \
         usr/share/icons/hicolor/128x128/apps/switchyard-desktop.png \
         usr/share/switchyard/udev/51-switchyard-hw.rules; do
  [ -e "$root/$f" ] || { find "$root" -type f | sed "s|$root/||" >&2; fail "$f is not in the package"; }
done
grep -q '^Exec=switchyard-desktop' "$root/usr/share/applications/Switchyard.desktop" \
  || fail "the desktop entry does not start switchyard-desktop"
cmp -s "$root/usr/share/switchyard/udev/51-switchyard-hw.rules" hw-wallet/udev/51-switchyard-hw.rules \
  || fail "the packaged udev rules differ from hw-wallet/udev/"

# From here on only the installed files: an empty home, no source tree on the way. (npm
# keeps using the machine's download cache: a cache, not an install.)
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
export HOME="$root/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME SWITCHYARD_DEVNET_TOOLS SWITCHYARD_ANVIL SWITCHYARD_DATA_DIR
mkdir -p "$HOME"
cd "$HOME"
sy() { "$root/usr/bin/switchyard" --data-dir "$HOME/wallet" "$@"; }
export SWITCHYARD_PASSWORD="package-test-password"

echo "== switchyard --version"
sy --version | grep -q "^switchyard " || fail "--version printed no version"

echo "== the installed app starts and paints its first screen (under Xvfb)"
# It prints `ready` once its first screen is painted (app_ready); then it is stopped.
out="$root/app.out"
SWITCHYARD_REPORT_READY=1 setsid xvfb-run -a -s "-screen 0 1280x800x24" \
  "$root/usr/bin/switchyard-desktop" --data-dir "$HOME/app-data" >"$out" 2>"$root/app.err" &
app=$!
for _ in $(seq 600); do grep -q '^ready$' "$out" && break; sleep 0.1; done
kill -TERM -- "-$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
grep -q '^ready$' "$out" || { tail -20 "$root/app.err" >&2; fail "the installed app did not paint its first screen within 60 s"; }
grep -q "first screen painted" "$HOME/app-data/logs/switchyard.log" || fail "the installed app did not log its start-up"

echo "== devnet up without the tools is refused with what to run"
if out="$(sy devnet up --detach 2>&1)"; then fail "devnet up started without its tools: $out"; fi
grep -q "switchyard devnet install-tools" <<<"$out" || fail "the refusal does not say what to run: $out"
echo "$out"

echo "== devnet install-tools (from the npm registry), twice"
sy devnet install-tools
[ -x "$HOME/.local/share/switchyard/devnet-tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" ] \
  || fail "install-tools did not install anvil into the user's folder"
sy devnet install-tools 2>&1 | grep -q "already" || fail "a second install-tools fetched again"

echo "== devnet up, a wallet, a send on an OP chain, devnet down"
sy devnet up --detach --block-time 0 >/dev/null
echo "test test test test test test test test test test test junk" | sy wallet init --import >/dev/null
to="0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
sent="$(sy --json send --chain op-a --to "$to" --amount 0.25 --yes)"
grep -q '"status": *"included"' <<<"$sent" || fail "the send was not included: $sent"
echo "$sent" | head -5
sy devnet down
echo "test-package: the installed package works"
