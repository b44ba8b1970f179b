#!/usr/bin/env bash
# Style and package checks, part of the test command: swift-format's strict lint over every Swift file (the rules
# are in .swift-format; `scripts/format.sh` fixes most findings), then every imported module declared in
# Package.swift (scripts/check-imports.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift format lint --strict --recursive --parallel Sources Tests bench Package.swift
echo "lint: swift-format --strict found nothing in Sources, Tests, bench and Package.swift"
scripts/check-imports.py
