#!/usr/bin/env bash
# Benchmark: importing 20,000 rows into an unthrottled emulator (release build, in memory), side by side in one run:
#   dpsbulk import (validation and journal on, bulk operations of 10, --concurrency C, pacing off)
#   dpsbulk import of BASELINE_BINARY, when given (an earlier build: the "before" of a change), the same way
#   the official Python client (azure-iot-deviceprovisioning, bulk operations of 10, a thread pool of C)
# and, to split dpsbulk's own CPU into its parts, in the same run:
#   the transport floor (bench/TransportFloor): the same bulk creates sent through dpsbulk's DPSServiceClient
#     (async-http-client) at C in flight, built in memory first, nothing else: CPU of the sending alone
#   dpsbulk import --dry-run: reading and validating the manifest, no journal, no request
# Each gets its own fresh emulator (all from the measured binary). Reports wall time, CPU seconds (user + sys) and
# CPU microseconds per row of each client, and the ratios to the Python client's CPU; dpsbulk's peak RSS and journal
# size. Wall times are noisy on a shared machine; CPU per row is the figure to compare.
# Usage: bench/import.sh [ROWS] [CONCURRENCY]   (defaults 20000 and 16; needs the venv of scripts/interop.sh)
#        BINARY=path/to/dpsbulk BASELINE_BINARY=path/to/older/dpsbulk bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
concurrency=${2:-16}
binary=${BINARY:-.build/release/dpsbulk}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
swift build -c release --static-swift-stdlib --product TransportFloor >/dev/null
floor_binary=$(swift build -c release --static-swift-stdlib --show-bin-path)/TransportFloor
baseline=${BASELINE_BINARY:-}
[[ -x .venv-interop/bin/python ]] || { echo "run scripts/interop.sh once to create .venv-interop" >&2; exit 2; }
out=$(mktemp -d)
trap 'stop_emulators; rm -rf "$out"' EXIT

source bench/emulator-lib.sh

dpsbulk_import() {  # NAME BINARY: prints measure.py's JSON line plus the journal's size
  python3 bench/gen_symmetric_manifest.py "$rows" "$out/$1.csv" "$1"
  local target line
  target=$(start_emulator "$1")
  line=$(DPS_CONNECTION_STRING="$target" python3 bench/measure.py -- "$2" import --quiet \
    --concurrency "$concurrency" --operations-per-minute 10000000 --journal "$out/$1.journal" "$out/$1.csv")
  python3 -c 'import json, sys; r = json.loads(sys.argv[1]); r["journalBytes"] = int(sys.argv[2]); print(json.dumps(r))' \
    "$line" "$(stat -c %s "$out/$1.journal")"
}

dps=$(dpsbulk_import dps "$binary")
# The same without the host's shared quota state (read and written under a lock per request; see README "One
# quota, many runs"): what sharing costs a run that paces far above any quota.
dps_alone=$(DPSBULK_SHARED_QUOTA=off dpsbulk_import alone "$binary")
before=null
[[ -z $baseline ]] || before=$(dpsbulk_import before "$baseline")

floor_target=$(start_emulator floor)
floor=$("$floor_binary" "$floor_target" "$rows" "$concurrency")
python3 bench/gen_symmetric_manifest.py "$rows" "$out/dry.csv" dry
dry=$(python3 bench/measure.py -- "$binary" import --dry-run --quiet "$out/dry.csv")

python3 bench/gen_symmetric_manifest.py "$rows" "$out/py.csv" py
py_target=$(start_emulator py)
py=$(python3 bench/measure.py --stdout "$out/py.txt" -- .venv-interop/bin/python bench/python_bulk_import.py \
  "$py_target" "$out/py.csv" "$concurrency")

python3 - "$rows" "$concurrency" "$dps" "$before" "$py" "$(cat "$out/py.txt")" "$dps_alone" "$floor" "$dry" <<'PY'
import json, sys
rows, conc = int(sys.argv[1]), sys.argv[2]
dps, before, py = json.loads(sys.argv[3]), json.loads(sys.argv[4]), json.loads(sys.argv[5])
alone, floor, dry = json.loads(sys.argv[7]), json.loads(sys.argv[8]), json.loads(sys.argv[9])
py_cpu = py["user"] + py["sys"]
print(f"import benchmark: {rows:,} symmetric-key rows, bulk operations of 10, concurrency {conc}, unthrottled "
      f"emulator; CPU = user + sys of the client process only")
print()
print("| client | wall s | rows/s | user s | sys s | CPU µs/row | CPU vs Python | peak RSS MB | notes |")
print("|---|---|---|---|---|---|---|---|---|")
def row(name, r, notes):
    cpu = r["user"] + r["sys"]
    print(f"| {name} | {r['wall']:.2f} | {rows / r['wall']:,.0f} | {r['user']:.2f} | {r['sys']:.2f} | "
          f"{cpu / rows * 1e6:.0f} | {cpu / py_cpu:.2f}x | {r['maxRssMB']} | {notes} |")
if before:
    row("dpsbulk import (baseline binary)", before,
        f"validation + journal ({before['journalBytes'] / 1e6:.1f} MB), exit {before['exit']}")
row("dpsbulk import", dps, f"validation + journal ({dps['journalBytes'] / 1e6:.1f} MB), exit {dps['exit']}")
row("dpsbulk import, --shared-quota off", alone,
    f"validation + journal ({alone['journalBytes'] / 1e6:.1f} MB), exit {alone['exit']}")
row("official Python client", py, sys.argv[6].strip())
row("transport floor (DPSServiceClient alone)", {**floor, "maxRssMB": "-"},
    f"{floor['requests']} bulk requests, {floor['failedRequests']} failed; CPU of the sending only")
row("dpsbulk import --dry-run", dry, f"reading + validation only, exit {dry['exit']}")
print()
per_row = lambda r: (r["user"] + r["sys"]) / rows * 1e6
goal = py_cpu / rows * 1e6 / 10
print(f"Split of dpsbulk's CPU per row (--shared-quota off, {per_row(alone):.1f} µs): the transport alone "
      f"{per_row(floor):.1f} µs ({(floor['user'] + floor['sys']) / py_cpu:.3f}x the Python client), reading + "
      f"validating {per_row(dry):.1f}, the rest (journal, engine) {per_row(alone) - per_row(floor) - per_row(dry):.1f}. "
      f"A tenth of the Python client is {goal:.1f} µs/row in this run.")
print(f"dpsbulk CPU per row / Python's = {(dps['user'] + dps['sys']) / py_cpu:.2f} (goal <= 0.10); "
      f"with --shared-quota off {(alone['user'] + alone['sys']) / py_cpu:.2f}")
PY
