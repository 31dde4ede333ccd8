#!/usr/bin/env python3
"""Many accounts at once: `switchyard account add --count N` next to foundry's cast.

Run by scripts/bench-accounts.sh (release CLI, cast from tools/). Each figure is the
median wall time of RUNS runs of a whole command, from exec to exit:
  - switchyard: `account add --count 1000` on a fresh wallet (created from anvil's test
    phrase before the timing; the timing includes the one vault unlock, with Argon2id at
    its full cost, the derivations, and the one database transaction);
  - cast_address_loop: `cast wallet address --mnemonic-index i` for i in 0..1000, one
    process each (how a script derives many addresses with cast);
  - cast_derive: `cast wallet derive --accounts 255` (its one-process path).
It checks that switchyard's 1000th address equals cast's (BIP44 m/44'/60'/0'/0/999).

Usage: accounts.py REPORT.json SWITCHYARD CAST [RUNS]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PHRASE = "test test test test test test test test test test test junk"
COUNT = 1000
DERIVE = 255
PASSWORD = "bench-password"


def timed(argv, **kw):
    start = time.monotonic()
    out = subprocess.run(argv, check=True, capture_output=True, text=True, **kw)
    return time.monotonic() - start, out.stdout


def switchyard_run(binary):
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, SWITCHYARD_PASSWORD=PASSWORD)
        env.pop("SWITCHYARD_NETWORK", None)
        base = [binary, "--data-dir", data]
        subprocess.run(base + ["wallet", "init", "--import"], input=PHRASE + "\n", env=env,
                       check=True, capture_output=True, text=True)
        seconds, _ = timed(base + ["account", "add", "--count", str(COUNT)], env=env)
        accounts = json.loads(subprocess.run(base + ["--json", "account", "list"], env=env,
                                             check=True, capture_output=True, text=True).stdout)
        return seconds, accounts


def main():
    report_path, switchyard, cast = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    results = {"switchyard": [], "cast_address_loop": [], "cast_derive": []}
    last_accounts = None
    for i in range(runs):
        seconds, last_accounts = switchyard_run(switchyard)
        results["switchyard"].append(seconds)
        start = time.monotonic()
        last_cast = None
        for index in range(COUNT):
            last_cast = subprocess.run(
                [cast, "wallet", "address", "--mnemonic", PHRASE, "--mnemonic-index", str(index)],
                check=True, capture_output=True, text=True).stdout.strip()
        results["cast_address_loop"].append(time.monotonic() - start)
        seconds, _ = timed([cast, "wallet", "derive", PHRASE, "--accounts", str(DERIVE)])
        results["cast_derive"].append(seconds)
        print(f"run {i + 1}/{runs}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in results.items()),
              file=sys.stderr)
    # The same 1000th address (the wallet's first account is index 0, added by init).
    listed = last_accounts if isinstance(last_accounts, list) else last_accounts["accounts"]
    addresses = [a["address"].lower() for a in listed]
    assert last_cast.lower() in addresses, "cast's address 999 is not among switchyard's accounts"
    per = {"switchyard": COUNT, "cast_address_loop": COUNT, "cast_derive": DERIVE}
    summary = {
        name: {
            "addresses": per[name],
            "seconds_median": round(statistics.median(v), 3),
            "ms_per_address": round(statistics.median(v) * 1000 / per[name], 3),
            "runs_seconds": [round(x, 3) for x in v],
        }
        for name, v in results.items()
    }
    report = {"benchmark": "many accounts at once", "runs": runs, "cpus": os.cpu_count(),
              "results": summary}
    with open(report_path, "w") as f:
        json.dump(report, f, indent=2)
    for name, s in summary.items():
        print(f"{name}: {s['addresses']} addresses in {s['seconds_median']} s "
              f"({s['ms_per_address']} ms each)")


if __name__ == "__main__":
    main()
