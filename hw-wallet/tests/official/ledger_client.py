"""Ledger's official Python client against Switchyard's Ledger simulator.

Drives the simulator's Speculos-framed TCP port with ragger's LedgerCommBackend (plain
ledgercomm TCP, no emulator) and `ledger_app_clients.ethereum` (Ledger's own command
builder and EthAppClient, the client app-ethereum's tests use), then prints one JSON
object with the address and the raw `v, r, s` the device returned for each request.
The Rust test `ledger_official_client.rs` compares them with Switchyard's own client.

Usage: python ledger_client.py --port N --message 0.json [--message 17.json ...]
"""

import argparse
import contextlib
import json
import sys

import ledger_app_clients.ethereum as eth
from ledger_app_clients.ethereum import client as eth_client
from ledger_app_clients.ethereum import keychain, ledger_pki, status_word
from ledger_app_clients.ethereum.client import EthAppClient
from ledger_app_clients.ethereum.response_parser import pk_addr, signature
from ledgered.devices import Devices, DeviceType
from ragger.backend import LedgerCommBackend
from web3 import Web3

# InputData.py (the EIP-712 streamer shipped in the package) still imports its
# modules under the name they have in the app-ethereum repository ("client.*").
sys.modules.setdefault("client", eth)
sys.modules.setdefault("client.client", eth_client)
sys.modules.setdefault("client.keychain", keychain)
sys.modules.setdefault("client.ledger_pki", ledger_pki)
sys.modules.setdefault("client.status_word", status_word)
from ledger_app_clients.ethereum.eip712.InputData import process_data  # noqa: E402

PATH = "m/44'/60'/0'/0/0"
TO = Web3.to_checksum_address("0xb2bb2b958afa2e96dab3f3ce7162b87daea39017")

# The same inputs as the Rust test (ledger_official_client.rs).
TXS = {
    "eip1559": {
        "nonce": 3,
        "maxFeePerGas": 30_000_000_000,
        "maxPriorityFeePerGas": 1_000_000_000,
        "gas": 60_000,
        "to": TO,
        "value": 1_234_567,
        "chainId": 8453,
        "data": "0x" + "ab" * 300,
    },
    "legacy": {
        "nonce": 7,
        "gasPrice": 20_000_000_000,
        "gas": 21_000,
        "to": TO,
        "value": 10**16,
        "chainId": 7_777_777,
    },
}
PERSONAL = bytes(range(256)) + b"Switchyard official client check"


def sig_json(data: bytes) -> dict:
    v, r, s = signature(bytes(data))
    return {"v": v, "r": f"{r:064x}", "s": f"{s:064x}"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--message", action="append", default=[])
    args = parser.parse_args()

    out: dict = {}
    device = Devices.get_by_type(DeviceType.NANOSP)
    backend = LedgerCommBackend(device, interface="tcp", host="127.0.0.1", port=args.port)
    # The package prints notices ("Only Speculos supports test PKI certificates") on
    # stdout: keep stdout for the JSON.
    with backend, contextlib.redirect_stdout(sys.stderr):
        client = EthAppClient(backend)

        with client.get_public_addr(display=False, bip32_path=PATH):
            pass
        _, addr, _ = pk_addr(client.response().data)
        out["address"] = "0x" + addr.hex()

        out["txs"] = {}
        for name, params in TXS.items():
            unsigned, _ = client.serialize_tx(params)
            with client.sign(PATH, params):
                pass
            out["txs"][name] = {"unsigned": unsigned.hex(), **sig_json(client.response().data)}

        with client.personal_sign(PATH, PERSONAL):
            pass
        out["personal"] = {"message": PERSONAL.hex(), **sig_json(client.response().data)}

        out["eip712"] = {}
        for path in args.message:
            with open(path, encoding="utf-8") as f:
                message = json.load(f)
            process_data(client, message)
            with client.eip712_sign_new(PATH):
                pass
            out["eip712"][path] = sig_json(client.response().data)

    print(json.dumps(out))


if __name__ == "__main__":
    main()
