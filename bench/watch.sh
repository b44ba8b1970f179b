#!/usr/bin/env bash
# Benchmark: `dpsbulk watch --once` on an inbox of 4 manifests against the baseline of the same 4 imported one after
# another with `dpsbulk import`, in one run (release build, an unthrottled emulator each, pacing off):
#   baseline     4 x `dpsbulk import` in sequence
#   watch -j1    `dpsbulk watch --once --max-jobs 1`: the watcher's own cost (claiming, hashing, filing, reports)
#   watch -j2    `dpsbulk watch --once --max-jobs 2`: two manifests at once
# Reports wall and CPU (user + sys) seconds and their ratios to the baseline. CPU is the number to trust on a shared
# machine; wall is noisy there.
# Usage: bench/watch.sh [ROWS_PER_MANIFEST]   (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null   # BINARY=PATH: a release build made elsewhere
binary=${BINARY:-.build/release/dpsbulk}
out=$(mktemp -d)
trap 'stop_emulators; rm -rf "$out"' EXIT

source bench/emulator-lib.sh

for side in base j1 j2; do
  mkdir -p "$out/$side"
  for n in 1 2 3 4; do python3 bench/gen_symmetric_manifest.py "$rows" "$out/$side/line$n.csv" "$side-$n"; done
done

base_target=$(start_emulator base)
base=$(DPS_CONNECTION_STRING="$base_target" python3 bench/measure.py -- bash -c '
  for f in "$0"/line*.csv; do "$1" import --quiet --operations-per-minute 10000000 "$f" || exit 1; done' \
  "$out/base" "$binary")

j1_target=$(start_emulator j1)
j1=$(DPS_CONNECTION_STRING="$j1_target" python3 bench/measure.py -- "$binary" watch --once --max-jobs 1 \
  --operations-per-minute 10000000 "$out/j1" 2>"$out/j1.log")

j2_target=$(start_emulator j2)
j2=$(DPS_CONNECTION_STRING="$j2_target" python3 bench/measure.py -- "$binary" watch --once --max-jobs 2 \
  --operations-per-minute 10000000 "$out/j2" 2>"$out/j2.log")

for side in j1 j2; do
  [[ $(ls "$out/$side/done" | grep -c 'summary.json$') == 4 ]] || { echo "$side: not every manifest is done" >&2; exit 1; }
done

python3 - "$rows" "$base" "$j1" "$j2" <<'PY'
import json, sys
rows = int(sys.argv[1])
runs = [("4 x import, in sequence (baseline)", json.loads(sys.argv[2])),
        ("watch --once --max-jobs 1", json.loads(sys.argv[3])),
        ("watch --once --max-jobs 2", json.loads(sys.argv[4]))]
base = runs[0][1]
base_cpu = base["user"] + base["sys"]
print(f"watch benchmark: 4 manifests x {rows:,} symmetric-key rows, concurrency 4 per job, unthrottled emulator")
print()
print("| run | wall s | CPU s (user+sys) | wall / baseline | CPU / baseline | exit |")
print("|---|---|---|---|---|---|")
for name, run in runs:
    cpu = run["user"] + run["sys"]
    print(f"| {name} | {run['wall']:.2f} | {cpu:.2f} | {run['wall'] / base['wall']:.2f} | {cpu / base_cpu:.2f} | {run['exit']} |")
PY
