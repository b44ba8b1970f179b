#!/usr/bin/env bash
# Benchmark (issue 14.2): dpsbulk processes that run at once against one quota-limited emulator, with the shared
# quota (--shared-quota on, the default) and with it off (separate controllers), in the same run:
#   (a) two imports at once (ROWS rows each)
#   (b) an import (ROWS rows) beside a keyed export (KEYED symmetric-key enrollments read one by one, plus pages)
# Each scenario gets a fresh emulator (--operations-per-minute QUOTA, a token bucket: a minute's burst, then QUOTA/60
# a second). Its burst is spent first by an unpaced warm-up import (not measured) of QUOTA bulk requests, which also
# loads the export's enrollments, so the runs meet the steady quota at once and a scenario lasts about 40 s instead of
# minutes. "Quota used" is accepted operations over QUOTA/60 * the wall time from the warm-up's end to the last
# process's end (as bench/quota.sh counts, with the burst already spent). CPU is user+sys of the measured dpsbulk
# processes. Ratios are shared / off, measured in the same run.
# Usage: bench/shared-quota.sh [QUOTA] [ROWS] [KEYED]   (defaults 900, 2500, 300: about 3 minutes in all)
#        BINARY=path/to/dpsbulk bench/shared-quota.sh    (measure that binary instead of building one)
set -euo pipefail
cd "$(dirname "$0")/.."
quota=${1:-900}
rows=${2:-2500}
keyed=${3:-300}
binary=${BINARY:-.build/release/dpsbulk}
[[ -n ${BINARY:-} ]] || swift build -c release --static-swift-stdlib --product dpsbulk >/dev/null
exec python3 bench/shared_quota.py "$binary" "$quota" "$rows" "$keyed"
