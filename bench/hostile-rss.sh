#!/usr/bin/env bash
# Benchmark: peak RSS of `dpsbulk validate` and `import --dry-run` on inputs that claim far more than they hold
# (README "Limits"): a gzip bomb (10 MB that expands to ~10 GB of `a,symmetricKey` rows), a sparse 100 GB file (a
# few rows, then a hole), and rows of 10^6 empty fields with --allow-unknown-columns. Each run gets SECONDS
# (default 20) and is then stopped; the peak RSS (VmHWM) must stay under the README bound.
# Usage: bench/hostile-rss.sh [SECONDS]   (BINARY=.build/debug/dpsbulk to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
if [ -z "${BINARY:-}" ]; then swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null; fi
binary=${BINARY:-.build/release/dpsbulk}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$out" <<'PY'
import gzip, os, sys, zlib
out = sys.argv[1]
# Gzip bomb: a header member, then one 100 MB member of identical rows repeated 100 times (gzip allows many members).
row = b"a,symmetricKey\n"
member = gzip.compress(row * (100_000_000 // len(row)), compresslevel=9, mtime=0)
with open(os.path.join(out, "bomb.csv.gz"), "wb") as f:
    f.write(gzip.compress(b"registrationId,attestation\n", mtime=0))
    for _ in range(100):
        f.write(member)
# Sparse: 100,000 good rows (past the first batches, so the table is sized), then a 100 GB hole.
with open(os.path.join(out, "sparse.csv"), "wb") as f:
    f.write(b"registrationId,attestation\n")
    f.write(b"".join(b"dev-%d,symmetricKey\n" % i for i in range(100_000)))
    f.truncate(100_000_000_000)
# Wide rows: 300 rows of 10^6 empty fields each (the unknown columns are allowed).
with open(os.path.join(out, "wide.csv"), "wb") as f:
    f.write(b"registrationId,attestation\n")
    for i in range(300):
        f.write(b"w-%d,symmetricKey" % i + b"," * 1_000_000 + b"\n")
PY
run() {  # NAME COMMAND...: runs for at most $seconds, prints peak RSS and how it ended
  local name=$1; shift
  python3 - "$seconds" "$name" "$@" <<'PY'
import subprocess, sys, time
limit, name, args = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak, start = 0, time.monotonic()
while p.poll() is None and time.monotonic() - start < limit:
    try:
        for line in open(f"/proc/{p.pid}/status"):
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    except FileNotFoundError:
        break
    time.sleep(0.05)
ended = "ran out of time (stopped)" if p.poll() is None else f"exit {p.returncode}"
if p.poll() is None:
    p.kill()
    p.wait()
err = p.stderr.read().decode(errors="replace").strip().splitlines()
print(f"| {name} | {peak / 1024:.1f} | {time.monotonic() - start:.1f} | {ended} | {(err[-1] if err else '')[:70]} |")
PY
}
echo "| input | peak RSS MB | s | ended | last stderr line |"
echo "|---|---|---|---|---|"
run "validate gzip bomb (10 GB claimed)" "$binary" validate "$out/bomb.csv.gz"
run "import --dry-run gzip bomb" "$binary" import --dry-run "$out/bomb.csv.gz"
run "validate sparse 100 GB" "$binary" validate "$out/sparse.csv"
run "import --dry-run sparse 100 GB" "$binary" import --dry-run "$out/sparse.csv"
run "validate --allow-unknown-columns 300 x 10^6 fields" "$binary" validate --allow-unknown-columns "$out/wide.csv"
