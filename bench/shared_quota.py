#!/usr/bin/env python3
"""The driver of bench/shared-quota.sh (see there). Usage: shared_quota.py BINARY QUOTA ROWS KEYED"""
import json
import os
import subprocess
import sys
import tempfile
import time

binary, quota, rows, keyed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
here = os.path.dirname(os.path.abspath(__file__))


def generate(script, *args):
    subprocess.run([sys.executable, os.path.join(here, script), *map(str, args)], check=True,
                   stdout=subprocess.DEVNULL)


def start_emulator(work):
    out = open(os.path.join(work, "emulator.out"), "w+")
    process = subprocess.Popen([binary, "emulator", "--port", "0", "--log-level", "error",
                                "--operations-per-minute", str(quota)], stdout=out, stderr=subprocess.DEVNULL)
    for _ in range(200):
        out.seek(0)
        line = out.readline()
        if line.startswith("HostName="):
            return process, line.strip()
        time.sleep(0.05)
    process.kill()
    raise SystemExit("the emulator did not start")


def run_all(commands, env):
    """Starts every command at once; returns (wall seconds, CPU seconds summed, exit codes)."""
    started = time.monotonic()
    processes = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
    cpu, codes = 0.0, []
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        cpu += usage.ru_utime + usage.ru_stime
        codes.append(os.waitstatus_to_exitcode(status))
        err = process.stderr.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.stderr.write(err)
    return time.monotonic() - started, cpu, codes


def scenario(kind, shared):
    with tempfile.TemporaryDirectory() as work:
        emulator, connection = start_emulator(work)
        try:
            env = dict(os.environ, DPS_CONNECTION_STRING=connection, DPSBULK_HOME=os.path.join(work, "home"),
                       DPSBULK_SHARED_QUOTA="on" if shared else "off")
            # The warm-up: QUOTA bulk requests, unpaced, spend the burst (and load the export's enrollments).
            filler = quota * 10 - keyed
            generate("gen_tpm_manifest.py", filler, os.path.join(work, "filler.csv"))
            generate("gen_symmetric_manifest.py", keyed, os.path.join(work, "keyed.csv"), "keyed")
            for name in ["filler", "keyed"]:
                subprocess.run([binary, "import", "--quiet", "--shared-quota", "off", "--operations-per-minute",
                                "100000000", "--journal", ":memory:", os.path.join(work, name + ".csv")],
                               env=env, check=True, stdout=subprocess.DEVNULL)
            commands, summaries = [], []
            for name in (["a", "b"] if kind == "imports" else ["a"]):
                manifest = os.path.join(work, f"{name}.csv")
                generate("gen_symmetric_manifest.py", rows, manifest, f"run-{name}")
                summaries.append(manifest + ".json")
                commands.append([binary, "import", "--quiet", "--concurrency", "4", "--journal", ":memory:",
                                 "--summary-json", summaries[-1], manifest])
            if kind == "export":
                summaries.append(os.path.join(work, "export.json"))
                commands.append([binary, "export", "--include-keys", "--out", os.path.join(work, "export.jsonl"),
                                 "--summary-json", summaries[-1]])
            wall, cpu, codes = run_all(commands, env)
            if any(codes):
                raise SystemExit(f"a run failed: exit codes {codes}")
            loaded = [json.load(open(path)) for path in summaries]
            requests = sum(s["requests"] for s in loaded)
            throttled = sum(s["throttled"] for s in loaded)
            return {
                "requests": requests,
                "throttled": throttled,
                "used": (requests - throttled) / (quota / 60 * wall),
                "wall": wall,
                "cpu": cpu,
            }
        finally:
            emulator.terminate()
            emulator.wait()


print(f"shared quota benchmark: emulator quota {quota}/min (burst spent first), imports of {rows:,} rows, "
      f"export with keys of {keyed} symmetric-key and {quota * 10 - keyed:,} TPM enrollments, concurrency 4, "
      f"--operations-per-minute auto; {os.cpu_count()} cores")
print()
print("| scenario | controller | quota used | throttled share | requests | CPU s | wall s | CPU ratio | wall ratio |")
print("|---|---|---|---|---|---|---|---|---|")
for kind, label in [("imports", "two imports at once"), ("export", "an import beside a keyed export")]:
    off = scenario(kind, shared=False)
    on = scenario(kind, shared=True)
    for name, r in [("separate (--shared-quota off)", off), ("shared (default)", on)]:
        print(f"| {label} | {name} | {100 * r['used']:.1f}% | {100 * r['throttled'] / max(1, r['requests']):.2f}% | "
              f"{r['requests']} | {r['cpu']:.2f} | {r['wall']:.1f} | {r['cpu'] / off['cpu']:.2f} | "
              f"{r['wall'] / off['wall']:.2f} |", flush=True)
