#!/usr/bin/env bash
# Benchmark: importing 20,000 rows into an unthrottled emulator (release build, in memory), side by side in one run:
#   dpsbulk import (validation and journal on, bulk operations of 10, --concurrency C, pacing off)
#   the official Python client (azure-iot-deviceprovisioning, bulk operations of 10, a thread pool of C)
# Each gets its own fresh emulator. Also reports dpsbulk's peak RSS and the journal's size.
# Usage: bench/import.sh [ROWS] [CONCURRENCY]   (defaults 20000 and 8; needs the venv of scripts/interop.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
concurrency=${2:-8}
swift build -c release --product dpsbulk >/dev/null
binary=${BINARY:-.build/release/dpsbulk}
[[ -x .venv-interop/bin/python ]] || { echo "run scripts/interop.sh once to create .venv-interop" >&2; exit 2; }
out=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"' EXIT

start_emulator() {  # prints the connection string
  "$binary" emulator --port 0 --log-level error >"$out/$1.out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^HostName=' "$out/$1.out" 2>/dev/null && break; sleep 0.1; done
  grep '^HostName=' "$out/$1.out"
}

python3 bench/gen_symmetric_manifest.py "$rows" "$out/dps.csv" dps
python3 bench/gen_symmetric_manifest.py "$rows" "$out/py.csv" py

dps_target=$(start_emulator dps)
dps=$(DPS_CONNECTION_STRING="$dps_target" python3 bench/measure.py -- "$binary" import --quiet \
  --concurrency "$concurrency" --operations-per-minute 10000000 --journal "$out/dps.journal" "$out/dps.csv")

py_target=$(start_emulator py)
start=$(date +%s.%N)
py_line=$(.venv-interop/bin/python bench/python_bulk_import.py "$py_target" "$out/py.csv" "$concurrency")
end=$(date +%s.%N)

python3 - "$rows" "$concurrency" "$dps" "$py_line" "$start" "$end" "$(stat -c %s "$out/dps.journal")" <<'PY'
import json, sys
rows, conc = int(sys.argv[1]), sys.argv[2]
dps = json.loads(sys.argv[3])
py_wall = float(sys.argv[6]) - float(sys.argv[5])
journal_mb = int(sys.argv[7]) / 1e6
print(f"import benchmark: {rows:,} symmetric-key rows, bulk operations of 10, concurrency {conc}, unthrottled emulator")
print()
print("| client | wall s | rows/s | peak RSS MB | notes |")
print("|---|---|---|---|---|")
print(f"| dpsbulk import | {dps['wall']} | {rows/dps['wall']:,.0f} | {dps['maxRssMB']} | validation + journal ({journal_mb:.1f} MB), exit {dps['exit']} |")
print(f"| official Python client | {py_wall:.2f} | {rows/py_wall:,.0f} | - | {sys.argv[4]} |")
print()
print(f"ratio (Python wall / dpsbulk wall) = {py_wall/dps['wall']:.1f}x (target >= 10x)")
PY
