#!/usr/bin/env bash
# Benchmark: bulk-create throughput of `dpsbulk emulator` (release build, quota off, in memory) on loopback,
# driven by wrk with bulk bodies of 10 new TPM enrollments each. Reports enrollments/s and the emulator's CPU use.
# Usage: bench/emulator.sh [SECONDS] [CONNECTIONS]   (defaults 15 and 16; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
swift build -c release --product dpsbulk >/dev/null
binary=${BINARY:-.build/release/dpsbulk}
out=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT

"$binary" emulator --port 0 --log-level warning >"$out/emulator.out" 2>"$out/emulator.err" &
pid=$!
for _ in $(seq 100); do grep -q '^HostName=' "$out/emulator.out" 2>/dev/null && break; sleep 0.1; done
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
ek=$(cat samples/tpm/device-01-ek.b64)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
start_ticks=$(cpu_ticks)
DPS_AUTH="$auth" DPS_EK="$ek" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/emulator-bulk.lua "$url" \
  >"$out/wrk.txt"
end_ticks=$(cpu_ticks)
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")

python3 - "$out/wrk.txt" "$seconds" "$start_ticks" "$end_ticks" "$ticks_per_second" "$rss_kb" "$connections" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
seconds, start, end, hz, rss, conns = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
p50 = re.search(r"50%\s+(\S+)", text).group(1)
p99 = re.search(r"99%\s+(\S+)", text).group(1)
cpu = (end - start) / hz / seconds * 100
print(f"emulator bulk-create benchmark: {seconds:.0f} s, wrk 1 thread, {conns} connections, quota off, in memory")
print()
print("| requests/s | enrollments/s | p50 | p99 | non-2xx | emulator CPU % (of 1 core) | emulator peak RSS MB |")
print("|---|---|---|---|---|---|---|")
print(f"| {rps:,.0f} | {rps*10:,.0f} | {p50} | {p99} | {non2xx.group(1) if non2xx else 0} | {cpu:.0f} | {rss/1024:.0f} |")
PY
