#!/usr/bin/env python3
"""Runs a command and prints one JSON line: wall seconds, user and system CPU seconds, peak RSS in MB, exit code.

Usage: measure.py [--stdout FILE] -- COMMAND...
"""
import json
import os
import resource
import subprocess
import sys
import time

args = sys.argv[1:]
stdout_path = os.devnull
if args and args[0] == "--stdout":
    stdout_path, args = args[1], args[2:]
if args and args[0] == "--":
    args = args[1:]
with open(stdout_path, "wb") as out:
    start = time.monotonic()
    process = subprocess.Popen(args, stdout=out)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
print(json.dumps({
    "wall": round(wall, 3),
    "user": round(usage.ru_utime, 3),
    "sys": round(usage.ru_stime, 3),
    "cpuPercent": round(100 * (usage.ru_utime + usage.ru_stime) / wall) if wall > 0 else 0,
    "maxRssMB": round(usage.ru_maxrss / 1024, 1),
    "exit": os.waitstatus_to_exitcode(status),
}))
