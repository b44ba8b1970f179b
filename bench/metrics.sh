#!/usr/bin/env bash
# Benchmark: what --metrics-file and --log-format json cost an import, against a plain import in the same run.
#   baseline:       dpsbulk import --quiet                        (swift-metrics not bootstrapped: no-op handlers)
#   metrics:        dpsbulk import --quiet --metrics-file F       (Prometheus registry, the file written at the end)
#   json logs:      dpsbulk import --log-format json              (a progress record every 5 s on stderr)
# ROWS symmetric-key rows into a fresh unthrottled in-memory emulator each time (release build, journal on disk,
# concurrency 8, pacing off); ROUNDS rounds, the three interleaved; the best CPU time (user + sys) of each is
# compared with the baseline's. CPU time, not wall time, because the machine is shared.
# Usage: bench/metrics.sh [ROWS] [ROUNDS]   (defaults 20000 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
rounds=${2:-3}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
binary=${BINARY:-.build/release/dpsbulk}
out=$(mktemp -d)
trap 'stop_emulators; rm -rf "$out"' EXIT

source bench/emulator-lib.sh

python3 bench/gen_symmetric_manifest.py "$rows" "$out/m.csv" bench >/dev/null

run() {  # NAME ROUND EXTRA-ARGS...: one import, its measure.py line appended to $out/NAME.jsonl
  local name=$1 round=$2
  shift 2
  local target
  target=$(start_emulator "$name-$round")
  DPS_CONNECTION_STRING="$target" python3 bench/measure.py -- "$binary" import --concurrency 8 \
    --operations-per-minute 10000000 --journal "$out/$name-$round.journal" "$@" "$out/m.csv" \
    2>>"$out/$name.stderr" >>"$out/$name.jsonl"
  kill "$(cat "$out/$name-$round.pid")" 2>/dev/null || true
}

for round in $(seq "$rounds"); do
  run baseline "$round" --quiet
  run metrics "$round" --quiet --metrics-file "$out/metrics-$round.prom"
  run json "$round" --log-format json
done

python3 - "$rows" "$out" <<'PY'
import json, pathlib, sys
rows, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
def best(name):
    runs = [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]
    assert all(r["exit"] == 0 for r in runs), runs
    return min(runs, key=lambda r: r["user"] + r["sys"]), min(r["wall"] for r in runs)
base, base_wall = best("baseline")
base_cpu = base["user"] + base["sys"]
prom = (out / "metrics-1.prom").read_text()
records = [l for l in prom.splitlines() if l.startswith('dpsbulk_records_total{command="import",outcome="succeeded"}')]
json_lines = (out / "json.stderr").read_text().splitlines()
print(f"metrics and JSON logs: import of {rows:,} symmetric-key rows, concurrency 8, unthrottled emulator, best of "
      f"{len(list((out / 'baseline.jsonl').read_text().splitlines()))} rounds")
print()
print("| run | CPU s (user+sys) | CPU ratio | wall s | peak RSS MB |")
print("|---|---|---|---|---|")
for name, label in [("baseline", "import --quiet (baseline)"), ("metrics", "+ --metrics-file"),
                    ("json", "--log-format json (progress records)")]:
    r, wall = best(name)
    cpu = r["user"] + r["sys"]
    print(f"| {label} | {cpu:.2f} | {cpu / base_cpu:.3f} | {wall:.2f} | {r['maxRssMB']} |")
print()
print(f"metrics file: {records[0] if records else 'NO RECORDS LINE'}; json stderr: {len(json_lines)} lines, "
      f"all objects: {all(l.startswith('{') and l.endswith('}') for l in json_lines)}")
PY
