#!/usr/bin/env bash
# The shared build folder ($CARGO_TARGET_DIR) keeps every build's copy of Switchyard's own
# crates and test binaries: each fresh clone (CI) sits at a new path, so cargo names them
# anew (~0.5 GB per clone for the desktop binary alone) and the disk fills up. This keeps
# the newest copy of each and removes copies hours older; third-party crates are left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
deps="$CARGO_TARGET_DIR/debug/deps"
[ -d "$deps" ] || exit 0
python3 - "$deps" "$SWITCHYARD_ROOT" <<'PY'
import collections, glob, os, re, sys
deps, root = sys.argv[1], sys.argv[2]
# Our test binaries are named after their files (tests/*.rs).
stems = {os.path.basename(p)[:-3] for p in glob.glob(f"{root}/*/tests/*.rs")}
groups = collections.defaultdict(list)
for name in os.listdir(deps):
    m = re.match(r"(.+)-[0-9a-f]{16}(\..*)?$", name)
    path = os.path.join(deps, name)
    if not m or not os.path.isfile(path):
        continue
    crate, ext = m.group(1), m.group(2) or ""
    if "switchyard" in crate or crate in stems:
        groups[(crate, ext)].append((os.stat(path).st_mtime, path))
# A copy built within three hours of the newest may be a feature variant the current
# build still uses: only copies left behind by earlier builds go.
KEEP_SECS = 3 * 3600
freed = 0
for copies in groups.values():
    copies.sort(reverse=True)
    newest = copies[0][0]
    for mtime, path in copies[1:]:
        if newest - mtime > KEEP_SECS:
            freed += os.stat(path).st_size
            os.remove(path)
if freed:
    print(f"prune-target: removed {freed / 1e9:.1f} GB of older builds of Switchyard's crates")
PY
