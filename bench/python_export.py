#!/usr/bin/env python3
"""Baseline for bench/export.sh: the same export done with Microsoft's official Python client.

Pages through every individual enrollment with `client.enrollment.query` (the SDK's ItemPaged, which follows
`x-ms-continuation`; `top` is the page size, sent as `x-ms-max-item-count`) and writes each enrollment as one
compact JSON line. No checkpoint, no checksum, no retries beyond the SDK's own policy.
Usage: python_export.py CONNECTION_STRING OUT.jsonl [PAGE_SIZE]   (page size default 1000)
"""
import json
import sys
import time

from azure.iot.deviceprovisioning import DeviceProvisioningClient

connection, out = sys.argv[1], sys.argv[2]
page_size = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
client = DeviceProvisioningClient.from_connection_string(connection)

start = time.monotonic()
count = pages = 0
with open(out, "w", buffering=1 << 20) as f:
    for page in client.enrollment.query({"query": "SELECT * FROM enrollments"}, top=page_size).by_page():
        pages += 1
        for enrollment in page:
            f.write(json.dumps(enrollment, separators=(",", ":")))
            f.write("\n")
            count += 1
elapsed = time.monotonic() - start
print(f"{count} enrollments in {pages} pages, {elapsed:.2f} s inside Python, {count / elapsed:.0f}/s")
