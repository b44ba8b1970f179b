#!/usr/bin/env bash
# Benchmark: how well `dpsbulk import --operations-per-minute auto` uses a service quota it does not know.
# An emulator with --operations-per-minute Q (a token bucket: a minute's burst, then Q/60 per second) receives
# an import of ROWS rows; reports the share of the quota used and the share of requests throttled (429).
# The most any client can get through in T seconds is Q (the burst) + Q/60 * T; "quota used" is accepted
# operations divided by that.
# Usage: bench/quota.sh [QUOTA] [ROWS]   (defaults 300 and 6000: about one minute of steady state)
set -euo pipefail
cd "$(dirname "$0")/.."
quota=${1:-300}
rows=${2:-6000}
swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
binary=${BINARY:-.build/release/dpsbulk}
out=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
"$binary" emulator --port 0 --log-level error --operations-per-minute "$quota" >"$out/emulator.out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do grep -q '^HostName=' "$out/emulator.out" 2>/dev/null && break; sleep 0.1; done
python3 bench/gen_symmetric_manifest.py "$rows" "$out/m.csv" quota
DPS_CONNECTION_STRING=$(grep '^HostName=' "$out/emulator.out") "$binary" import --quiet --concurrency 4 \
  --journal "$out/j" --summary-json "$out/s.json" "$out/m.csv" >/dev/null
python3 - "$out/s.json" "$quota" "$rows" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
quota, rows = int(sys.argv[2]), int(sys.argv[3])
accepted = s["requests"] - s["throttled"]
possible = quota + quota / 60 * s["elapsedSeconds"]
print(f"quota benchmark: emulator quota {quota}/min, {rows:,} rows, dpsbulk --operations-per-minute auto, concurrency 4")
print()
print("| elapsed s | requests | accepted | throttled | throttled share | quota used | rows done |")
print("|---|---|---|---|---|---|---|")
print(f"| {s['elapsedSeconds']:.1f} | {s['requests']} | {accepted} | {s['throttled']} | "
      f"{100 * s['throttled'] / max(1, s['requests']):.2f}% | {100 * accepted / possible:.1f}% | {s['succeeded']}/{s['total']} |")
PY
