#!/usr/bin/env bash
# Interop suite: drives `dpsbulk emulator` with Microsoft's official Python clients, unchanged: the current
# azure-iot-deviceprovisioning and the legacy azure-iothub-provisioningserviceclient 1.2.0 (which imports `six`
# without declaring it, so `six` is installed next to it). Creates/reuses a venv at .venv-interop, installs the
# clients, pytest, requests, azure-identity (for the Entra tests) and prometheus_client (whose parser reads
# --metrics-file), runs tests/interop. The fixtures start the emulator themselves (DPSBULK_BINARY, default .build/debug/dpsbulk).
# Extra arguments go to pytest (e.g. scripts/interop.sh -k paging).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

venv="$repo_root/.venv-interop"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
# Keep the venv out of `git status` without touching the repository's .gitignore.
[[ -f "$venv/.gitignore" ]] || printf '*\n' > "$venv/.gitignore"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --pre \
    azure-iot-deviceprovisioning azure-iothub-provisioningserviceclient==1.2.0 six pytest requests azure-identity \
    prometheus_client

export DPSBULK_BINARY="${DPSBULK_BINARY:-.build/debug/dpsbulk}"
export PYTHONDONTWRITEBYTECODE=1
if [[ ! -x "$DPSBULK_BINARY" && ! -x "$repo_root/$DPSBULK_BINARY" ]]; then
    echo "interop: emulator binary $DPSBULK_BINARY not found (swift build, or set DPSBULK_BINARY)" >&2
fi

exec "$venv/bin/python" -m pytest -q tests/interop "$@"
