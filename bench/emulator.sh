#!/usr/bin/env bash
# Benchmark: bulk-create throughput of `dpsbulk emulator` (release build, quota off, in memory) on loopback,
# driven by wrk with bulk bodies of 10 new TPM enrollments each. Reports, per emulator binary: enrollments/s,
# wrk's p50/p99 latency, the emulator's CPU seconds (user+sys) per 1,000 enrollments, its peak RSS and that RSS per
# enrollment held, and wrk's own CPU.
#
# Usage: bench/emulator.sh [SECONDS] [CONNECTIONS]   (defaults 15 and 16; needs wrk: apt-get install wrk)
# BASELINE=path/to/dpsbulk also runs that binary first, in the same run, and adds ratios against it: build it from
# an older commit in a scratch directory, e.g.
#   mkdir /tmp/before && git archive main | tar -x -C /tmp/before
#   (cd /tmp/before && swift build -c release --static-swift-stdlib --product dpsbulk)
#   BASELINE=/tmp/before/.build/release/dpsbulk bench/emulator.sh
# ROUNDS=N alternates baseline and current N times (default 1), so that load from elsewhere hits both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-16}
rounds=${ROUNDS:-1}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [[ -z "${BINARY:-}" ]]; then swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null; fi
binary=${BINARY:-.build/release/dpsbulk}
baseline=${BASELINE:-}
out=$(mktemp -d)
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$out"' EXIT
ek=$(cat samples/tpm/device-01-ek.b64)
ticks_per_second=$(getconf CLK_TCK)

# run LABEL BINARY: one wrk run against a fresh emulator; appends one JSON line to $out/results.
run() {
  local label=$1 program=$2
  "$program" emulator --port 0 --log-level warning >"$out/emulator.out" 2>"$out/emulator.err" &
  pid=$!
  for _ in $(seq 100); do grep -q '^HostName=' "$out/emulator.out" 2>/dev/null && break; sleep 0.1; done
  local connection url auth start_ticks end_ticks idle_kb peak_kb
  connection=$(grep '^HostName=' "$out/emulator.out")
  url=$(echo "$connection" | sed -E 's/^HostName=([^;]+);.*/\1/')
  auth=$(python3 - "$connection" <<'PY'
import base64, hashlib, hmac, sys, time, urllib.parse
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";"))
host = urllib.parse.urlparse(parts["HostName"]).hostname
sr = urllib.parse.quote(host, safe="")
se = str(int(time.time()) + 3600)
sig = base64.b64encode(hmac.new(base64.b64decode(parts["SharedAccessKey"]), f"{sr}\n{se}".encode(), hashlib.sha256).digest()).decode()
print(f"SharedAccessSignature sr={sr}&sig={urllib.parse.quote(sig, safe='')}&se={se}&skn={parts['SharedAccessKeyName']}")
PY
  )
  idle_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  start_ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  DPS_AUTH="$auth" DPS_EK="$ek" python3 bench/measure.py --stdout "$out/wrk.txt" -- \
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/emulator-bulk.lua "$url" >"$out/wrk-usage.json"
  end_ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  python3 - "$label" "$out/wrk.txt" "$out/wrk-usage.json" "$seconds" "$start_ticks" "$end_ticks" \
    "$ticks_per_second" "$idle_kb" "$peak_kb" >>"$out/results" <<'PY'
import json, re, sys
label, wrk_path, usage_path = sys.argv[1:4]
seconds, start, end, hz, idle, peak = float(sys.argv[4]), *map(int, sys.argv[5:10])
text = open(wrk_path).read()
usage = json.load(open(usage_path))
def millis(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
requests = int(re.search(r"(\d+) requests in", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
enrollments = requests * 10
cpu = (end - start) / hz
print(json.dumps({
    "label": label, "enrollments": enrollments, "perSecond": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)) * 10,
    "p50": millis(re.search(r"50%\s+(\S+)", text).group(1)), "p99": millis(re.search(r"99%\s+(\S+)", text).group(1)),
    "non2xx": int(non2xx.group(1)) if non2xx else 0, "cpu": cpu, "cpuPer1000": 1000 * cpu / max(enrollments, 1),
    "cpuPercent": 100 * cpu / seconds, "peakMB": peak / 1024,
    "bytesPerEnrollment": (peak - idle) * 1024 / max(enrollments, 1), "wrkCPU": usage["user"] + usage["sys"],
}))
PY
}

for _ in $(seq "$rounds"); do
  if [[ -n "$baseline" ]]; then run baseline "$baseline"; fi
  run current "$binary"
done

python3 - "$out/results" "$seconds" "$connections" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"emulator bulk-create benchmark: {float(sys.argv[2]):.0f} s per run, wrk 1 thread, {sys.argv[3]} connections, "
      "bodies of 10 TPM enrollments, quota off, in memory")
print()
print("| binary | enrollments/s | p50 ms | p99 ms | non-2xx | emulator CPU s | CPU s per 1,000 | emulator CPU % "
      "| peak RSS MB | RSS bytes per enrollment held | wrk CPU s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['label']} | {r['perSecond']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['non2xx']} | {r['cpu']:.2f} "
          f"| {r['cpuPer1000']:.3f} | {r['cpuPercent']:.0f} | {r['peakMB']:.0f} | {r['bytesPerEnrollment']:,.0f} "
          f"| {r['wrkCPU']:.2f} |")
base = [r for r in rows if r["label"] == "baseline"]
current = [r for r in rows if r["label"] == "current"]
if base and current:
    def mean(items, key): return sum(r[key] for r in items) / len(items)
    print()
    print("current ÷ baseline (means over the rounds): "
          f"enrollments/s ×{mean(current, 'perSecond') / mean(base, 'perSecond'):.2f}, "
          f"CPU per 1,000 ×{mean(current, 'cpuPer1000') / mean(base, 'cpuPer1000'):.2f}, "
          f"p99 ×{mean(current, 'p99') / mean(base, 'p99'):.2f}, "
          f"peak RSS ×{mean(current, 'peakMB') / mean(base, 'peakMB'):.2f}, "
          f"RSS per enrollment ×{mean(current, 'bytesPerEnrollment') / mean(base, 'bytesPerEnrollment'):.2f}")
PY
