#!/usr/bin/env bash
# Builds Switchyard's release packages with the Tauri bundler. On Linux, a Debian package (the
# desktop app as `switchyard-desktop`, the CLI as `switchyard`, the desktop entry and
# icons, the hardware-wallet udev rules in /usr/share/switchyard/udev/) and, where the
# bundler's AppImage tools can be fetched, an AppImage; on macOS an .app and a .dmg; on
# Windows (Git Bash) an NSIS installer. Prints the paths of what it made.
#
#   scripts/package.sh [--allow-dirty] [--appimage] [--debug]
#
# A package is built from a commit: a tree with uncommitted changes is refused, or, with
# --allow-dirty, packaged with "+dirty" in its version so it says so. --appimage also
# builds the AppImage (the bundler downloads linuxdeploy from github.com for it).
# --debug packages the debug build instead (the same package, layout and contents; no
# release build to wait for when trying a packaging change).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHYARD_ROOT"

# What this platform builds (macOS and Windows: untested here, see docs/packaging.md).
exe=""
case "$(uname -s)" in
  Linux) bundles=deb ;;
  Darwin) bundles=app,dmg ;;
  MINGW* | MSYS* | CYGWIN*) bundles=nsis; exe=".exe" ;;
  *) echo "package.sh: no package format for $(uname -s)" >&2; exit 1 ;;
esac
allow_dirty=0
appimage=0
profile=release
for arg in "$@"; do
  case "$arg" in
    --allow-dirty) allow_dirty=1 ;;
    --appimage) appimage=1 ;;
    --debug) profile=debug ;;
    *) echo "package.sh: unknown option $arg (options: --allow-dirty, --appimage, --debug)" >&2; exit 2 ;;
  esac
done
cargo_profile=(--release)
tauri_profile=()
if [ "$profile" = debug ]; then cargo_profile=(); tauri_profile=(--debug); fi

version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json)"
[ -n "$version" ] || { echo "package.sh: no version in src-tauri/tauri.conf.json" >&2; exit 1; }
dirty="$(git status --porcelain --untracked-files=normal)"
if [ -n "$dirty" ]; then
  if [ "$allow_dirty" -eq 0 ]; then
    echo "package.sh: the working tree has uncommitted changes ($(echo "$dirty" | wc -l) path(s)), so a package would not match any commit. Commit or stash them, or pass --allow-dirty to build one whose version says +dirty:" >&2
    echo "$dirty" | head -10 >&2
    exit 1
  fi
  version="$version+dirty"
  echo "package.sh: building from a tree with uncommitted changes: version $version" >&2
fi

# The web UI the app embeds, then the CLI, which rides along as the app's external
# binary (the bundler installs it beside the app, without the target-triple suffix).
(cd ui && npm run --silent build)
cargo build "${cargo_profile[@]}" --locked -p switchyard-cli
triple="$(rustc -vV | sed -n 's/^host: //p')"
stage="$CARGO_TARGET_DIR/package"
rm -rf "$stage" && mkdir -p "$stage"
cp "$CARGO_TARGET_DIR/$profile/switchyard$exe" "$stage/switchyard-$triple$exe"

# Only the packaging build sets the version and the external binary: a plain `cargo
# build` of the app must not need the release CLI.
config="$(printf '{"version":"%s","bundle":{"externalBin":["%s"]}}' "$version" "$stage/switchyard")"
rm -rf "$CARGO_TARGET_DIR/$profile/bundle"
(cd src-tauri && ../ui/node_modules/.bin/tauri build "${tauri_profile[@]}" --ci --bundles "$bundles" --config "$config" -- --locked)
# The AppImage last and on its own: the bundler downloads AppRun and linuxdeploy from
# github.com for it, and a failed download must not take the other packages with it.
if [ "$appimage" -eq 1 ]; then
  if ! (cd src-tauri && ../ui/node_modules/.bin/tauri bundle "${tauri_profile[@]}" --ci --bundles appimage --config "$config"); then
    echo "package.sh: the AppImage could not be built: the Tauri bundler fetches AppRun and linuxdeploy from github.com (see its error above). The other packages are built:" >&2
    find "$CARGO_TARGET_DIR/$profile/bundle" -maxdepth 2 -name '*.deb' >&2
    exit 1
  fi
fi

find "$CARGO_TARGET_DIR/$profile/bundle" -maxdepth 2 \( -name '*.deb' -o -name '*.AppImage' -o -name '*.dmg' -o -name '*.app' -o -name '*-setup.exe' \) -print
