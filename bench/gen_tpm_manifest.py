#!/usr/bin/env python3
"""Writes a realistic N-row TPM factory manifest (CSV) for benchmarks.

Each row has a distinct, structurally valid standard RSA-2048 endorsement key (TCG template L-1: the fixed
TPM2B_PUBLIC header from NOTES.md followed by a random 256-byte modulus, odd, top bit set), a registration ID,
a device ID, a hub and a provisioning status; every 10th row has a small initial twin.
Usage: gen_tpm_manifest.py ROWS OUT.csv
"""
import base64
import os
import random
import sys

HEADER = bytes.fromhex(
    "013a0001000b000300b20020"
    "837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa"
    "00060080004300100800000000000100"
)


def endorsement_key(rng: random.Random) -> str:
    modulus = bytearray(rng.getrandbits(8) for _ in range(256))
    modulus[0] |= 0x80
    modulus[-1] |= 0x01
    return base64.b64encode(HEADER + bytes(modulus)).decode()


def main() -> None:
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261121)
    twin = '"{""tags"":{""line"":""3"",""batch"":""2026-11""},""properties"":{""desired"":{""telemetryInterval"":30}}}"'
    with open(out, "w", buffering=1 << 20) as f:
        f.write("registrationId,deviceId,attestation,endorsementKey,iotHubHostName,provisioningStatus,initialTwin\n")
        for i in range(rows):
            rid = f"tpm-line3-{i:07d}"
            f.write(f"{rid},{rid},tpm,{endorsement_key(rng)},factory-hub.azure-devices.net,enabled,"
                    f"{twin if i % 10 == 0 else ''}\n")


if __name__ == "__main__":
    assert len(HEADER) == 60, len(HEADER)
    main()
