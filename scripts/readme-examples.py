#!/usr/bin/env python3
"""Runs every `sh` example in README.md against local emulators and fails on an example that errors.

    scripts/readme-examples.py [--binary PATH] [--keep] [--list]

The rules (README.md, "Examples in this README", says the same for readers):
- Every fenced block opened with ```sh is run, in README order, one command line at a time (a line ending in a
  backslash continues on the next), in one scratch directory that holds a copy of `samples/` and `line7.csv` (a
  copy of `samples/factory-symmetric.csv`). Files an example writes stay there for the later ones.
- A block whose opening fence follows the line `<!-- example: not run: REASON -->` is not run (REASON is shown).
- Each command must exit 0, unless its trailing comment says `(exits N` (then N), e.g. `(exits 1)`.
- The commands run with `dpsbulk` on PATH (the binary under test; `swift run [-c release] dpsbulk` means the same
  binary), HOME in the scratch directory, and two emulators started with `dpsbulk emulator --port 0`: "A" (reached
  as `localhost`, so that it is another host than the embedded emulator's 127.0.0.1, as a real instance is) is
  DPS_CONNECTION_STRING and DPS_SOURCE_CONNECTION_STRING (also in ~/dps.conn and ~/old-dps.conn), "B" is
  DPS_TARGET_CONNECTION_STRING (also in ~/new-dps.conn). `--emulator` uses the embedded one, as for a user.

Exit status: 0 when every example ran as documented, 1 when one did not, 2 on a problem of this script's own.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOT_RUN = re.compile(r"^<!--\s*example:\s*not run:\s*(.+?)\s*-->$")
EXPECTED = re.compile(r"\(exits (\d+)\b")
SWIFT_RUN = re.compile(r"^swift run( -c (release|debug))? dpsbulk\b")
COMMAND_TIMEOUT = 300


class Example:
    def __init__(self, line, command, expected):
        self.line = line  # README line number of the command
        self.command = command
        self.expected = expected


def parse(readme):
    """The examples to run and the blocks not run, in README order."""
    lines = open(readme, encoding="utf-8").read().split("\n")
    examples, skipped = [], []
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```sh":
            index += 1
            continue
        previous = next((lines[k].strip() for k in range(index - 1, -1, -1) if lines[k].strip()), "")
        marker = NOT_RUN.match(previous)
        start = index + 1
        end = start
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if end == len(lines):
            raise SystemExit(f"README.md:{index + 1}: an sh block that is never closed")
        if marker:
            skipped.append((index + 1, marker.group(1)))
        else:
            pending, first = "", None
            for number in range(start, end):
                text = lines[number]
                if not pending and (not text.strip() or text.lstrip().startswith("#")):
                    continue
                first = first if pending else number + 1
                if text.endswith("\\"):
                    pending += text[:-1] + " "
                    continue
                command = pending + text
                pending = ""
                expected = EXPECTED.search(command.split(" #", 1)[1]) if " #" in command else None
                command = SWIFT_RUN.sub("dpsbulk", command.strip())
                examples.append(Example(first, command, int(expected.group(1)) if expected else 0))
        index = end + 1
    return examples, skipped


class Emulator:
    """A `dpsbulk emulator --port 0` process and its connection string."""

    def __init__(self, binary, log, host=None):
        self.process = subprocess.Popen(
            [binary, "emulator", "--port", "0"], stdout=subprocess.PIPE, stderr=log, text=True
        )
        deadline = time.time() + 60
        self.connection = None
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            if line.startswith("HostName="):
                self.connection = line.strip()
                if host:  # the same server under another name, as a real instance's name differs
                    self.connection = self.connection.replace("://127.0.0.1:", f"://{host}:", 1)
                break
        if self.connection is None:
            self.stop()
            raise SystemExit("error: `dpsbulk emulator --port 0` printed no connection string")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def default_binary():
    path = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    return os.path.join(path, "dpsbulk")


def prepare(work, emulators):
    shutil.copytree(os.path.join(ROOT, "samples"), os.path.join(work, "samples"))
    shutil.copyfile(os.path.join(ROOT, "samples", "factory-symmetric.csv"), os.path.join(work, "line7.csv"))
    home = os.path.join(work, "home")
    os.makedirs(home)
    for name, emulator in [("dps.conn", "A"), ("old-dps.conn", "A"), ("new-dps.conn", "B")]:
        with open(os.path.join(home, name), "w") as file:
            file.write(emulators[emulator].connection + "\n")
    return home


def run(example, work, env, out_dir, number):
    """Runs one command in bash in `work`; returns (status, seconds, output)."""
    out = os.path.join(out_dir, f"{number}.out")
    started = time.time()
    with open(out, "w") as sink:
        try:
            status = subprocess.run(
                ["bash", "-c", example.command], cwd=work, env=env, stdout=sink, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT
            ).returncode
        except subprocess.TimeoutExpired:
            status = f"timeout after {COMMAND_TIMEOUT} s"
    return status, time.time() - started, open(out, encoding="utf-8", errors="replace").read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="the dpsbulk to test (default: the debug build's)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--list", action="store_true", help="list the examples and exit")
    args = parser.parse_args()

    examples, skipped = parse(os.path.join(ROOT, "README.md"))
    if args.list:
        for example in examples:
            print(f"README.md:{example.line}: {example.command}   [expect exit {example.expected}]")
        for line, reason in skipped:
            print(f"README.md:{line}: not run: {reason}")
        return 0
    binary = os.path.abspath(args.binary or default_binary())
    if not os.access(binary, os.X_OK):
        print(f"error: {binary} is not an executable; build first (swift build)", file=sys.stderr)
        return 2

    work = tempfile.mkdtemp(prefix="dpsbulk-readme-")
    out_dir = tempfile.mkdtemp(prefix="dpsbulk-readme-out-")
    log = open(os.path.join(out_dir, "emulators.log"), "w")
    emulators = {}
    failures = 0
    started = time.time()
    try:
        # A is reached as `localhost`: a journal records the target's host name (not its port), so a journal of the
        # embedded emulator (127.0.0.1) must be refused for A as it is for a real instance.
        emulators = {"A": Emulator(binary, log, host="localhost"), "B": Emulator(binary, log)}
        home = prepare(work, emulators)
        bin_dir = os.path.join(out_dir, "bin")
        os.makedirs(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "dpsbulk"))
        env = {key: value for key, value in os.environ.items() if not key.startswith("DPS_")}
        env.update(
            PATH=bin_dir + os.pathsep + env.get("PATH", "/usr/bin:/bin"),
            HOME=home,
            DPS_CONNECTION_STRING=emulators["A"].connection,
            DPS_SOURCE_CONNECTION_STRING=emulators["A"].connection,
            DPS_TARGET_CONNECTION_STRING=emulators["B"].connection,
        )
        for number, example in enumerate(examples, 1):
            status, seconds, output = run(example, work, env, out_dir, number)
            ok = status == example.expected
            print(f"{'ok  ' if ok else 'FAIL'} README.md:{example.line} ({seconds:.1f} s, exit {status}): "
                  f"{example.command}", flush=True)
            if not ok:
                failures += 1
                print(f"     expected exit {example.expected}; its output:", flush=True)
                for text in output.rstrip().split("\n")[-25:]:
                    print(f"     | {text}", flush=True)
        for line, reason in skipped:
            print(f"skip README.md:{line}: {reason}")
    finally:
        for emulator in emulators.values():
            emulator.stop()
        log.close()
        if args.keep:
            print(f"scratch directory kept: {work} (outputs in {out_dir})")
        else:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(out_dir, ignore_errors=True)
    total = time.time() - started
    print(f"{len(examples) - failures} of {len(examples)} README examples ran as documented, "
          f"{len(skipped)} blocks not run, in {total:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
