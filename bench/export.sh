#!/usr/bin/env bash
# Benchmark: exporting N TPM enrollments (default 1,000,000) from one unthrottled emulator (release build, state in
# SQLite under a temporary --data-dir), side by side in one run on the same instance:
#   dpsbulk export --out FILE.jsonl     (pages of 1000, pacing off)
#   dpsbulk export --out FILE.jsonl.gz  (the same, gzip one member per page)
#   the official Python client (azure-iot-deviceprovisioning, client.enrollment.query(top=1000), one JSON line each)
# The emulator is loaded first with `dpsbulk import` of bench/out/tpm-N.csv (not measured, only reported). Then RUNS
# rounds (default 2) of dpsbulk, dpsbulk .gz, Python, alternating; each output is checked to hold N lines. Prints a
# Markdown table with the median of each (rate, wall, peak RSS) and the ratio dpsbulk / Python.
# The emulator serves from the same 2 cores as the client measured: its CPU time per run is reported too.
# Usage: bench/export.sh [N]   or N=20000 bench/export.sh   (needs ~2 KB of disk per enrollment under $TMPDIR)
#        BINARY=path/to/dpsbulk bench/export.sh [N]   (measure that binary instead of building one)
#        RUNS=3 bench/export.sh                      (rounds; default 2)
#        BASELINE_BINARY=path/to/older/dpsbulk bench/export.sh   (also measure that build's plain export, the
#                                                     "before" of a change, in the same rounds)
# CPU per enrollment (user + sys of the client process) is the figure to compare on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-${N:-1000000}}
runs=${RUNS:-2}
binary=${BINARY:-.build-bench/release/dpsbulk}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --scratch-path .build-bench --product dpsbulk >/dev/null
if [[ ! -x .venv-interop/bin/python ]]; then   # as scripts/interop.sh creates it
  python3 -m venv .venv-interop
  printf '*\n' > .venv-interop/.gitignore
  .venv-interop/bin/python -m pip install --quiet --disable-pip-version-check --pre azure-iot-deviceprovisioning
fi

mkdir -p bench/out
manifest=bench/out/tpm-$rows.csv
if [[ ! -f $manifest ]]; then
  if [[ -f bench/out/tpm-1000000.csv && $rows -le 1000000 ]]; then
    head -n $((rows + 1)) bench/out/tpm-1000000.csv > "$manifest"   # the generator is seeded: the same rows
  else
    python3 bench/gen_tpm_manifest.py "$rows" "$manifest"
  fi
fi

out=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$out"' EXIT
"$binary" emulator --port 0 --data-dir "$out/data" --operations-per-minute 0 --log-level error \
  >"$out/emulator.out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do grep -q '^HostName=' "$out/emulator.out" 2>/dev/null && break; sleep 0.1; done
connection=$(grep '^HostName=' "$out/emulator.out")
export DPS_CONNECTION_STRING=$connection

load=$(python3 bench/measure.py -- "$binary" import --quiet --concurrency 8 --operations-per-minute 1000000 \
  --journal :memory: --summary-json "$out/load.json" "$manifest")
echo "loaded: $load" >&2

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }   # all processes, all cores
results="$out/results.jsonl"
measure() {  # NAME FILE COUNT-COMMAND -- COMMAND...
  local name=$1 file=$2 count=$3; shift 4
  rm -f "$file" "$file".*
  local before after busy_before busy_after line lines
  before=$(ticks); busy_before=$(busy)
  line=$(python3 bench/measure.py --stdout "$out/stdout.txt" -- "$@")
  after=$(ticks); busy_after=$(busy)
  lines=$($count "$file" 2>/dev/null) || lines=-1
  python3 - "$name" "$line" "$lines" "$before" "$after" "$(getconf CLK_TCK)" "$(stat -c %s "$file" 2>/dev/null || echo 0)" \
    "$(tail -n 1 "$out/stdout.txt")" "$busy_before" "$busy_after" >>"$results" <<'PY'
import json, sys
name, r, lines, before, after, hz, size, note, busy_before, busy_after = sys.argv[1:]
r = json.loads(r)
hz = int(hz)
emulator = (int(after) - int(before)) / hz
# CPU used by anything other than the client measured and the emulator (other tenants of the machine): noise
other = (int(busy_after) - int(busy_before)) / hz - emulator - r["user"] - r["sys"]
r.update(name=name, lines=int(lines), emulatorCPU=round(emulator, 2), otherCPU=round(max(other, 0), 2),
         bytes=int(size), note=note)
print(json.dumps(r))
PY
  tail -n 1 "$results" >&2
  rm -f "$file" "$file".*
}
plain_lines() { wc -l < "$1"; }
gz_lines() { gzip -dc "$1" | wc -l; }

for round in $(seq "$runs"); do
  if [[ -n ${BASELINE_BINARY:-} ]]; then
    measure "dpsbulk export (baseline binary)" "$out/b.jsonl" plain_lines -- "$BASELINE_BINARY" export \
      --out "$out/b.jsonl" --page-size 1000 --operations-per-minute 1000000
  fi
  measure "dpsbulk export" "$out/e.jsonl" plain_lines -- "$binary" export --out "$out/e.jsonl" --page-size 1000 \
    --operations-per-minute 1000000
  measure "dpsbulk export .gz" "$out/e.jsonl.gz" gz_lines -- "$binary" export --out "$out/e.jsonl.gz" \
    --page-size 1000 --operations-per-minute 1000000
  measure "official Python client" "$out/p.jsonl" plain_lines -- .venv-interop/bin/python bench/python_export.py \
    "$connection" "$out/p.jsonl" 1000
done
emulator_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
data_mb=$(du -sm "$out/data" | cut -f1)

python3 - "$rows" "$runs" "$load" "$out/load.json" "$results" "$emulator_rss_kb" "$data_mb" <<'PY'
import json, os, statistics, sys
rows, runs = int(sys.argv[1]), int(sys.argv[2])
load, summary = json.loads(sys.argv[3]), json.load(open(sys.argv[4]))
results = [json.loads(line) for line in open(sys.argv[5])]
names = ["dpsbulk export", "dpsbulk export .gz", "official Python client"]
if any(r["name"] == "dpsbulk export (baseline binary)" for r in results):
    names.insert(0, "dpsbulk export (baseline binary)")
print(f"export benchmark: {rows:,} TPM enrollments, pages of 1000, one unthrottled emulator (release, SQLite "
      f"--data-dir, {sys.argv[7]} MB), {runs} rounds alternating; {os.cpu_count()} cores shared by the client "
      f"and the emulator")
print(f"load (not measured): dpsbulk import {summary.get('succeeded', '?'):,} succeeded in {load['wall']} s "
      f"({rows / load['wall']:,.0f}/s); emulator peak RSS at the end {int(sys.argv[6]) / 1024:.0f} MB")
print()
print("| client | runs | median wall s | median enrollments/s | walls s | user s | sys s | CPU µs/item | "
      "emulator CPU s | wall / emulator CPU | other processes CPU s | peak RSS MB (max) | file MB | lines ok |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
median = {}
for name in names:
    rs = [r for r in results if r["name"] == name]
    walls = [r["wall"] for r in rs]
    median[name] = statistics.median(walls)
    ok = all(r["lines"] == rows and r["exit"] == 0 for r in rs)
    print(f"| {name} | {len(rs)} | {median[name]:.2f} | {rows / median[name]:,.0f} | "
          f"{', '.join(f'{w:.2f}' for w in walls)} | {statistics.median(r['user'] for r in rs):.2f} | "
          f"{statistics.median(r['sys'] for r in rs):.2f} | "
          f"{statistics.median((r['user'] + r['sys']) / rows * 1e6 for r in rs):.1f} | "
          f"{statistics.median(r['emulatorCPU'] for r in rs):.2f} | "
          f"{statistics.median(r['wall'] / max(r['emulatorCPU'], 0.01) for r in rs):.2f} | "
          f"{statistics.median(r['otherCPU'] for r in rs):.2f} | "
          f"{max(r['maxRssMB'] for r in rs)} | {rs[0]['bytes'] / 1e6:.0f} | {'yes' if ok else 'NO'} |")
print()
py = median["official Python client"]
py_cpu = statistics.median(r["user"] + r["sys"] for r in results if r["name"] == "official Python client")
for name in names:
    if name == "official Python client":
        continue
    cpu = statistics.median(r["user"] + r["sys"] for r in results if r["name"] == name)
    print(f"ratio {name} / Python client: rate {py / median[name]:.2f}x, CPU per item {cpu / py_cpu:.2f}")
worst = max(r["maxRssMB"] for r in results if r["name"].startswith("dpsbulk"))
print(f"dpsbulk export peak RSS {worst} MB (target <= 64 MB: {'met' if worst <= 64 else 'NOT met'})")
for r in results:
    if r["name"] == "official Python client":
        print(f"python: {r['note']}")
PY
