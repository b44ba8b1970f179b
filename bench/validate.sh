#!/usr/bin/env bash
# Benchmark: `dpsbulk validate` on a generated 1,000,000-row TPM manifest, against `wc -l` on the same file,
# both measured in this run on a warm page cache. Prints a Markdown table for BENCHMARKS.md.
# Usage: bench/validate.sh [ROWS]   (default 1000000; needs ~450 MB in bench/out/)
#        BINARY=path/to/dpsbulk bench/validate.sh [ROWS]   (measure that binary instead of building one)
#        BEFORE=path/to/old/dpsbulk bench/validate.sh [ROWS]   (also measure an older build, in the same run)
# Ratios are given for wall time and for CPU time (user + sys): on a shared machine the CPU ratio is the steadier.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
manifest="$out/tpm-$rows.csv"

binary=${BINARY:-.build/release/dpsbulk}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
[[ -f $manifest ]] || python3 bench/gen_tpm_manifest.py "$rows" "$manifest"
cat "$manifest" >/dev/null   # warm the page cache for both contenders

best() {  # best wall time of 3 runs, with the other figures of that run
  local bestline="" bestwall=""
  for _ in 1 2 3; do
    line=$(python3 bench/measure.py "$@")
    wall=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["wall"])' "$line")
    if [[ -z $bestwall ]] || python3 -c "import sys; sys.exit(0 if $wall < $bestwall else 1)"; then
      bestwall=$wall; bestline=$line
    fi
  done
  echo "$bestline"
}

wc_result=$(best -- wc -l "$manifest")
before_result=null
if [[ -n ${BEFORE:-} ]]; then
  before_result=$(best --stdout "$out/validate-output-before.txt" -- "$BEFORE" validate --errors-only "$manifest")
fi
dps_result=$(best --stdout "$out/validate-output.txt" -- "$binary" validate --errors-only "$manifest")
if [[ -n ${BEFORE:-} ]] && ! cmp -s "$out/validate-output-before.txt" "$out/validate-output.txt"; then
  echo "warning: the two builds printed different output" >&2
fi
python3 - "$rows" "$(stat -c %s "$manifest")" "$wc_result" "$dps_result" "$before_result" <<'PY'
import json, os, sys
rows, size = int(sys.argv[1]), int(sys.argv[2])
wc, dps, before = json.loads(sys.argv[3]), json.loads(sys.argv[4]), json.loads(sys.argv[5])
print(f"validate benchmark: {rows:,} rows, {size/1e6:.0f} MB, {os.cpu_count()} cores")
print()
print("| command | wall s | user s | sys s | CPU % | peak RSS MB | rows/s | exit | wall / wc | CPU / wc |")
print("|---|---|---|---|---|---|---|---|---|---|")
cpu = lambda r: r["user"] + r["sys"]
runs = [("wc -l", wc)] + ([("dpsbulk validate (BEFORE)", before)] if before else []) + [("dpsbulk validate", dps)]
for name, r in runs:
    wall_ratio = r["wall"] / wc["wall"] if wc["wall"] else float("inf")
    cpu_ratio = cpu(r) / cpu(wc) if cpu(wc) else float("inf")
    print(f"| {name} | {r['wall']} | {r['user']} | {r['sys']} | {r['cpuPercent']} | {r['maxRssMB']} | "
          f"{rows / r['wall']:,.0f} | {r['exit']} | {wall_ratio:.1f}x | {cpu_ratio:.1f}x |")
print()
ratio = dps["wall"] / wc["wall"] if wc["wall"] else float("inf")
print(f"ratio dpsbulk validate / wc -l = {ratio:.1f}x wall, {cpu(dps) / cpu(wc):.1f}x CPU (target <= 15x); "
      f"peak RSS {dps['maxRssMB']} MB (target <= 64 MB)")
PY
