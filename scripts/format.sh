#!/usr/bin/env bash
# Formats the Swift sources with the checked-in .swift-format (swift-nio's house style), or with --lint only
# reports what differs (exit 1 when something does).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --lint ]]; then
    swift format lint --strict --recursive --parallel Package.swift Sources Tests bench
else
    swift format format --in-place --recursive --parallel Package.swift Sources Tests bench
fi
