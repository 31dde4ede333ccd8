#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private
# D-Bus session, so keychain tests exercise the real OS keychain. The keyring lives
# in a throwaway XDG_DATA_HOME and disappears with the session.
#   usage: scripts/with-keyring.sh COMMAND [ARGS…]
set -euo pipefail
if [ -z "${SWITCHYARD_IN_KEYRING_SESSION:-}" ]; then
  export SWITCHYARD_IN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
eval "$(printf 'switchyard-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
