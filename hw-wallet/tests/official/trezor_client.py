#!/usr/bin/env python3
"""Trezor's official host library (trezorlib, PyPI `trezor` 0.20.2) against a Trezor
endpoint on UDP: the Switchyard simulator in tests (hw-wallet/tests/trezor_official_client.rs).

Runs trezorlib's own Ethereum calls on the `all all ...` seed fixtures and prints one JSON
object with what trezorlib got. Non-interactive: no PIN, no passphrase (standard wallet),
button requests are acknowledged by trezorlib itself.

usage: trezor_client.py udp:127.0.0.1:PORT FIXTURE_DIR
"""

import json
import sys
from pathlib import Path

from trezorlib import ethereum
from trezorlib.client import AppManifest, get_client
from trezorlib.tools import parse_path
from trezorlib.transport import get_transport


def load(fixture_dir: Path, name: str) -> dict:
    return json.loads((fixture_dir / name).read_text())


def as_int(value: str) -> int:
    return int(value, 16)


def main() -> None:
    device_path, fixture_dir = sys.argv[1], Path(sys.argv[2])
    transport = get_transport(device_path, prefix_search=False)

    def no_pin(_request):  # a PIN would need a person: fail loudly instead of hanging
        raise RuntimeError("the simulator asked for a PIN")

    client = get_client(AppManifest(app_name="switchyard-tests", pin_callback=no_pin), transport)
    session = client.get_session(passphrase="")
    features = session.features
    out = {
        "features": {
            "vendor": features.vendor,
            "internal_model": features.internal_model,
            "version": [features.major_version, features.minor_version, features.patch_version],
            "model": client.model.internal_name,
        },
        "addresses": [],
        "eip155": [],
        "eip1559": [],
        "messages": [],
        "typed_data": [],
    }

    for case in load(fixture_dir, "getaddress.json")["tests"]:
        path = case["parameters"]["path"]
        out["addresses"].append(
            {"path": path, "address": ethereum.get_address(session, parse_path(path))}
        )

    for case in load(fixture_dir, "sign_tx_eip155.json")["tests"]:
        p = case["parameters"]
        v, r, s = ethereum.sign_tx(
            session,
            parse_path(p["path"]),
            nonce=as_int(p["nonce"]),
            gas_price=as_int(p["gas_price"]),
            gas_limit=as_int(p["gas_limit"]),
            to=p["to_address"],
            value=as_int(p["value"]),
            data=bytes.fromhex(p["data"]),
            chain_id=p["chain_id"],
            tx_type=p["tx_type"],
        )
        out["eip155"].append({"name": case["name"], "v": str(v), "r": r.hex(), "s": s.hex()})

    for case in load(fixture_dir, "sign_tx_eip1559.json")["tests"]:
        p = case["parameters"]
        v, r, s = ethereum.sign_tx_eip1559(
            session,
            parse_path(p["path"]),
            nonce=as_int(p["nonce"]),
            gas_limit=as_int(p["gas_limit"]),
            to=p["to_address"],
            value=as_int(p["value"]),
            data=bytes.fromhex(p["data"]),
            chain_id=p["chain_id"],
            max_gas_fee=as_int(p["max_gas_fee"]),
            max_priority_fee=as_int(p["max_priority_fee"]),
        )
        out["eip1559"].append({"name": case["name"], "v": str(v), "r": r.hex(), "s": s.hex()})

    for case in load(fixture_dir, "signmessage.json")["tests"]:
        p = case["parameters"]
        signed = ethereum.sign_message(session, parse_path(p["path"]), p["msg"])
        out["messages"].append(
            {"msg": p["msg"], "sig": signed.signature.hex(), "address": signed.address}
        )

    for case in load(fixture_dir, "sign_typed_data.json")["tests"]:
        p = case["parameters"]
        show = p.get("show_message_hash")
        signed = ethereum.sign_typed_data(
            session,
            parse_path(p["path"]),
            p["data"],
            metamask_v4_compat=p["metamask_v4_compat"],
            show_message_hash=bytes.fromhex(show[2:]) if show else None,
        )
        out["typed_data"].append(
            {"name": case["name"], "sig": "0x" + signed.signature.hex(), "address": signed.address}
        )

    print(json.dumps(out))


if __name__ == "__main__":
    main()
