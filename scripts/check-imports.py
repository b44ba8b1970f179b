#!/usr/bin/env python3
"""Checks that every module a target imports is declared in Package.swift.

For each target of `swift package dump-package`, reads the `import` lines of its Swift files and fails when one
names a module that is neither a declared dependency (target or product) nor part of the toolchain. A module that
arrives only transitively (NIOPosix through AsyncHTTPClient, say) builds today and breaks when that package
changes its own dependencies; declaring it keeps the package honest.

Usage: scripts/check-imports.py   (from anywhere; exit 0 clean, 1 with a line per undeclared import)
"""

import json
import pathlib
import re
import subprocess
import sys

# Modules the toolchain provides; no Package.swift line can declare them.
TOOLCHAIN_MODULES = {
    "Foundation",
    "FoundationEssentials",
    "FoundationInternationalization",
    "FoundationNetworking",
    "Dispatch",
    "Glibc",
    "Musl",
    "Darwin",
    "Synchronization",
    "Testing",
    "XCTest",
    "_Concurrency",
    "os",
    "PackageDescription",
    "PackagePlugin",
}

IMPORT_LINE = re.compile(
    r"^\s*(?:@[\w]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"
)


def declared_modules(target: dict) -> set[str]:
    names = {target["name"]}
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def target_directory(root: pathlib.Path, target: dict) -> pathlib.Path:
    if target.get("path"):
        return root / target["path"]
    folder = "Tests" if target["type"] == "test" else "Sources"
    return root / folder / target["name"]


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    manifest = json.loads(
        subprocess.run(
            ["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True
        ).stdout
    )
    problems = []
    for target in manifest["targets"]:
        allowed = declared_modules(target) | TOOLCHAIN_MODULES
        for source in sorted(target_directory(root, target).rglob("*.swift")):
            in_multiline_string = False
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
                # An `import` inside a multi-line string literal (a Python snippet a test runs) is not Swift's.
                if line.count('"""') % 2 == 1:
                    in_multiline_string = not in_multiline_string
                    continue
                match = None if in_multiline_string else IMPORT_LINE.match(line)
                if match and match.group(1) not in allowed:
                    relative = source.relative_to(root)
                    problems.append(
                        f"{relative}:{number}: imports {match.group(1)}, "
                        f"which Package.swift does not declare for target {target['name']}"
                    )
    for problem in problems:
        print(problem)
    if problems:
        print(f"check-imports: {len(problems)} undeclared import(s)", file=sys.stderr)
        return 1
    print(f"check-imports: every import of {len(manifest['targets'])} targets is declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
