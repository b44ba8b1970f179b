#!/usr/bin/env python3
"""Writes an N-row symmetric-key manifest (explicit keys) for import benchmarks.
Usage: gen_symmetric_manifest.py ROWS OUT.csv PREFIX"""
import base64
import random
import sys

rows, out, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(7)
with open(out, "w") as f:
    f.write("registrationId,attestation,primaryKey,secondaryKey,iotHubHostName\n")
    for i in range(rows):
        keys = [base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode() for _ in range(2)]
        f.write(f"{prefix}-{i:06d},symmetricKey,{keys[0]},{keys[1]},bench-hub.azure-devices.net\n")
