#!/usr/bin/env python3
"""Start-up and memory of Switchyard's desktop app next to a bare Tauri 2 app.

Run by scripts/bench-desktop.sh (which builds both in release and provides Xvfb and a
D-Bus session). Each run starts one app with fresh, empty data and web-view folders and
measures, from exec:
  - ready_ms: until the app reports its first screen painted (it prints `ready` when
    SWITCHYARD_REPORT_READY=1, from its `app_ready` command, which the page calls two
    animation frames after that screen is on the DOM);
  - pss_mib: 10 s after exec, the proportional set size of the whole process tree (the
    app, its web and network processes), from /proc/PID/smaps_rollup.
The apps run alternately (which goes first alternates too), one at a time.

Usage: desktop.py REPORT.json RUNS APP=BINARY [APP=BINARY ...]
"""
import json
import os
import platform
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

IDLE_AFTER_S = 10.0
READY_TIMEOUT_S = 60.0


def children(pid):
    """Every descendant of pid (from /proc's parent links)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                # The command name is in parentheses and may hold spaces.
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                parents.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in parents.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once(name, binary):
    scratch = tempfile.mkdtemp(prefix=f"bench-{name}-")
    env = dict(os.environ)
    env.update(
        SWITCHYARD_REPORT_READY="1",
        XDG_DATA_HOME=f"{scratch}/data",
        XDG_CACHE_HOME=f"{scratch}/cache",
        XDG_CONFIG_HOME=f"{scratch}/config",
        SWITCHYARD_DATA_DIR=f"{scratch}/switchyard",
    )
    start = time.monotonic()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    ready = None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    buf = b""
    while ready is None and time.monotonic() - start < READY_TIMEOUT_S:
        if not sel.select(timeout=0.5):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
        if b"ready\n" in buf:
            ready = time.monotonic()
    if ready is None:
        proc.kill()
        raise SystemExit(f"{name} ({binary}) never reported its first screen (exit {proc.poll()})")
    time.sleep(max(0.0, start + IDLE_AFTER_S - time.monotonic()))
    tree = [proc.pid] + children(proc.pid)
    per_process = {}
    for pid in tree:
        try:
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
        except OSError:
            continue
        per_process[comm] = per_process.get(comm, 0) + pss_kib(pid)
    os.killpg(proc.pid, 15)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()
    # The web processes leave with the app; wait so the next run starts alone.
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{p}") for p in tree[1:]) and time.monotonic() < deadline:
        time.sleep(0.05)
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "ready_ms": round((ready - start) * 1000, 1),
        "pss_mib": round(sum(per_process.values()) / 1024, 1),
        "pss_mib_by_process": {k: round(v / 1024, 1) for k, v in sorted(per_process.items())},
    }


def main():
    report_path, runs = sys.argv[1], int(sys.argv[2])
    apps = [a.split("=", 1) for a in sys.argv[3:]]
    results = {name: [] for name, _ in apps}
    for i in range(runs):
        order = apps if i % 2 == 0 else list(reversed(apps))
        for name, binary in order:
            r = run_once(name, binary)
            print(f"run {i + 1}/{runs} {name}: ready {r['ready_ms']} ms, PSS {r['pss_mib']} MiB",
                  file=sys.stderr)
            results[name].append(r)
    summary = {}
    for name, binary in apps:
        rs = results[name]
        summary[name] = {
            "binary": binary,
            "binary_bytes": os.path.getsize(binary),
            "ready_ms_median": statistics.median(r["ready_ms"] for r in rs),
            "pss_mib_median": statistics.median(r["pss_mib"] for r in rs),
            "runs": rs,
        }
    names = [n for n, _ in apps]
    report = {
        "benchmark": "desktop start-up and idle memory",
        "runs_per_app": runs,
        "idle_after_s": IDLE_AFTER_S,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "apps": summary,
    }
    if len(names) == 2:
        a, b = summary[names[0]], summary[names[1]]
        report["ratios"] = {
            f"{names[0]}/{names[1]}": {
                "ready": round(a["ready_ms_median"] / b["ready_ms_median"], 2),
                "pss": round(a["pss_mib_median"] / b["pss_mib_median"], 2),
                "binary": round(a["binary_bytes"] / b["binary_bytes"], 2),
            }
        }
    with open(report_path, "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps({k: v for k, v in report.items() if k != "apps"}, indent=2))
    for name in names:
        s = summary[name]
        print(f"{name}: ready {s['ready_ms_median']} ms, PSS {s['pss_mib_median']} MiB, "
              f"binary {s['binary_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
