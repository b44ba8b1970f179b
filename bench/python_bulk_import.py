#!/usr/bin/env python3
"""Baseline for bench/import.sh: the same import done with Microsoft's official Python client.

Reads the CSV manifest written by gen_symmetric_manifest.py and creates its enrollments with
`client.enrollment.run_bulk_operation` in batches of 10 from a thread pool (no validation, no journal).
Usage: python_bulk_import.py CONNECTION_STRING MANIFEST.csv CONCURRENCY
"""
import csv
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from azure.iot.deviceprovisioning import DeviceProvisioningClient

connection, manifest, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = DeviceProvisioningClient.from_connection_string(connection)
with open(manifest, newline="") as f:
    rows = list(csv.DictReader(f))
batches = [rows[i:i + 10] for i in range(0, len(rows), 10)]


def send(batch):
    enrollments = [{
        "registrationId": row["registrationId"],
        "attestation": {"type": "symmetricKey",
                        "symmetricKey": {"primaryKey": row["primaryKey"], "secondaryKey": row["secondaryKey"]}},
        "iotHubHostName": row["iotHubHostName"],
    } for row in batch]
    result = client.enrollment.run_bulk_operation(bulk_operation={"mode": "create", "enrollments": enrollments})
    return len(result.get("errors") or []) if isinstance(result, dict) else 0


start = time.monotonic()
with ThreadPoolExecutor(max_workers=concurrency) as pool:
    errors = sum(pool.map(send, batches))
elapsed = time.monotonic() - start
print(f"{len(rows)} rows in {elapsed:.2f} s, {len(rows) / elapsed:.0f} rows/s, {errors} item errors")
