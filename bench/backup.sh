#!/usr/bin/env bash
# Benchmark: a full and an incremental keyed, age-encrypted export of N symmetric-key enrollments (default 100,000)
# with 1% changed in between, side by side in one run on one unthrottled emulator (release build, quota off,
# state in SQLite under a temporary --data-dir).
#   full:        dpsbulk export --include-keys --encrypt-to KEY --out full.jsonl.gz.age
#   (1% of the enrollments updated with new keys: dpsbulk import --mode update)
#   incremental: the same with --keys-from full.jsonl.gz.age --identity KEY
# Prints a Markdown table: operations (requests), keys fetched and reused, wall time, and the time the same
# operations take at one DPS unit's quota (1,000 a minute).
# Usage: bench/backup.sh [N]    BINARY=path/to/dpsbulk bench/backup.sh [N]    (needs age-keygen: Debian package age)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-${N:-100000}}
changed=$((rows / 100))
binary=${BINARY:-.build/release/dpsbulk}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
out=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$out"' EXIT
python3 bench/gen_symmetric_manifest.py "$rows" "$out/all.csv" bk
{ head -n 1 "$out/all.csv"; sed -n "2,$((changed + 1))p" "$out/all.csv" \
  | sed -E 's/^([^,]+),symmetricKey,[^,]+,[^,]+,/\1,symmetricKey,QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=,YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXpBQkNERUY=,/'; } \
  > "$out/changed.csv"
age-keygen -o "$out/key.txt" 2>/dev/null
recipient=$(age-keygen -y "$out/key.txt")

"$binary" emulator --port 0 --data-dir "$out/data" --operations-per-minute 0 --log-level error \
  >"$out/emulator.out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do grep -q '^HostName=' "$out/emulator.out" 2>/dev/null && break; sleep 0.1; done
export DPS_CONNECTION_STRING=$(grep '^HostName=' "$out/emulator.out")
"$binary" import --quiet --concurrency 8 --operations-per-minute 1000000 --journal :memory: "$out/all.csv" >/dev/null

full=$(python3 bench/measure.py -- "$binary" export --quiet --include-keys --operations-per-minute 1000000 \
  --encrypt-to "$recipient" --out "$out/full.jsonl.gz.age" --summary-json "$out/full.json")
"$binary" import --quiet --mode update --operations-per-minute 1000000 --journal :memory: "$out/changed.csv" \
  >/dev/null
incremental=$(python3 bench/measure.py -- "$binary" export --quiet --include-keys --operations-per-minute 1000000 \
  --encrypt-to "$recipient" --keys-from "$out/full.jsonl.gz.age" --identity "$out/key.txt" \
  --out "$out/incremental.jsonl.gz.age" --summary-json "$out/incremental.json")
"$binary" verify --identity "$out/key.txt" "$out/incremental.jsonl.gz.age" >/dev/null

python3 - "$rows" "$changed" "$full" "$out/full.json" "$incremental" "$out/incremental.json" <<'PY'
import json, sys
rows, changed = int(sys.argv[1]), int(sys.argv[2])
print(f"{rows:,} symmetric-key enrollments, {changed:,} changed between the two exports; pages of 1000.\n")
print("| export | operations | keys fetched | keys reused | wall s | user s | peak RSS MB | at 1,000 ops/min |")
print("|---|---|---|---|---|---|---|---|")
for name, measured, summary in (("full keyed", sys.argv[3], sys.argv[4]), ("incremental", sys.argv[5], sys.argv[6])):
    m, s = json.loads(measured), json.load(open(summary))
    assert m["exit"] == 0, m
    seconds = s["requests"] * 60 / 1000
    quota = f"{seconds / 60:,.1f} min" if seconds >= 120 else f"{seconds:,.0f} s"
    print(f"| {name} | {s['requests']:,} | {s['keysFetched']:,} | {s['keysReused']:,} | {m['wall']} | {m['user']} "
          f"| {m['maxRssMB']} | {quota} |")
PY
