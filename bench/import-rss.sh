#!/usr/bin/env bash
# Benchmark: peak RSS of `dpsbulk import` on a 1,000,000-row manifest into an unthrottled emulator (release, in
# memory). Target: <= 64 MB for dpsbulk whatever the manifest size.
# Usage: bench/import-rss.sh [ROWS]   (default 1000000; the emulator needs a few GB of memory)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
binary=${BINARY:-.build/release/dpsbulk}
out=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
"$binary" emulator --port 0 --log-level error >"$out/emulator.out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do grep -q '^HostName=' "$out/emulator.out" 2>/dev/null && break; sleep 0.1; done
python3 bench/gen_symmetric_manifest.py "$rows" "$out/m.csv" rss
result=$(DPS_CONNECTION_STRING=$(grep '^HostName=' "$out/emulator.out") python3 bench/measure.py -- "$binary" import \
  --quiet --concurrency 8 --operations-per-minute 100000000 --journal "$out/j" --summary-json "$out/s.json" "$out/m.csv")
python3 - "$result" "$out/s.json" "$rows" "$(stat -c %s "$out/j")" <<'PY'
import json, sys
r, s, rows, journal = json.loads(sys.argv[1]), json.load(open(sys.argv[2])), int(sys.argv[3]), int(sys.argv[4])
print(f"import RSS benchmark: {rows:,} symmetric-key rows into an unthrottled emulator, concurrency 8")
print()
print("| wall s | rows/s | user s | peak RSS MB | succeeded | requests | journal MB |")
print("|---|---|---|---|---|---|---|")
print(f"| {r['wall']} | {rows / r['wall']:,.0f} | {r['user']} | {r['maxRssMB']} | {s['succeeded']:,} | {s['requests']:,} | {journal / 1e6:.0f} |")
PY
