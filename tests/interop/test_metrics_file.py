"""`--metrics-file` read by Prometheus's own parser: the real binary imports into and exports from an emulator, and
`prometheus_client.parser.text_string_to_metric_families` reads the node_exporter textfile it wrote; the values
must be the run's own `--summary-json` counts."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import time

from prometheus_client.parser import text_string_to_metric_families

from interop_helpers import binary_path, unique


def run_dpsbulk(args: list[str], connection_string: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DPS_CONNECTION_STRING=connection_string)
    return subprocess.run([str(binary_path()), *args], env=env, capture_output=True, text=True, timeout=120)


def samples(path) -> dict:
    """{(sample name, frozenset of labels): value}, and the families' types, as prometheus_client parses them."""
    values, types = {}, {}
    for family in text_string_to_metric_families(path.read_text()):
        types[family.name] = family.type
        for sample in family.samples:
            values[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return values, types


def manifest(directory, prefix: str, valid: int, invalid: int):
    rows = ["registrationId,attestation,primaryKey,iotHubHostName"]
    for index in range(valid):
        key = base64.b64encode(bytes((index * 7 + i) % 256 for i in range(32))).decode()
        rows.append(f"{prefix}-{index},symmetricKey,{key},hub.azure-devices.net")
    rows += [f"{prefix}-bad {index},symmetricKey,," for index in range(invalid)]
    path = directory / f"{prefix}.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_import_metrics_file_parses_with_the_summary_counts(fresh_emulator, tmp_dir):
    path = manifest(tmp_dir, unique("prom"), valid=27, invalid=2)
    metrics, summary_path = tmp_dir / "dpsbulk.prom", tmp_dir / "summary.json"
    started = time.time()
    result = run_dpsbulk(
        ["import", "--quiet", str(path), "--journal", str(tmp_dir / "j.journal"),
         "--summary-json", str(summary_path), "--metrics-file", str(metrics)],
        fresh_emulator.connection_string,
    )
    assert result.returncode == 1, result.stderr  # the invalid rows make the run incomplete
    summary = json.loads(summary_path.read_text())
    values, types = samples(metrics)
    command = ("command", "import")
    for outcome, key in [("succeeded", "succeeded"), ("failed", "failed"), ("conflict", "conflicts"),
                         ("skipped", "skipped")]:
        labels = frozenset([command, ("outcome", outcome)])
        assert values[("dpsbulk_records_total", labels)] == summary[key], outcome
    assert summary["succeeded"] == 27 and summary["skipped"] == 2
    only_command = frozenset([command])
    assert values[("dpsbulk_requests_total", only_command)] == summary["requests"]
    assert values[("dpsbulk_throttled_requests_total", only_command)] == summary["throttled"]
    assert values[("dpsbulk_retries_total", only_command)] == summary["retries"]
    assert values[("dpsbulk_bytes_total", frozenset([command, ("direction", "sent")]))] > 0
    assert 0 < values[("dpsbulk_run_duration_seconds", only_command)] <= time.time() - started
    # Exit status 1: not a success, and no earlier one to carry over.
    assert ("dpsbulk_last_success_timestamp_seconds", only_command) not in values
    assert types["dpsbulk_records"] == "counter" and types["dpsbulk_run_duration_seconds"] == "gauge"
    assert oct(metrics.stat().st_mode & 0o777) == "0o644"


def test_export_metrics_file_counts_what_it_wrote(fresh_emulator, tmp_dir):
    path = manifest(tmp_dir, unique("promx"), valid=12, invalid=0)
    imported = run_dpsbulk(["import", "--quiet", str(path), "--journal", str(tmp_dir / "j.journal")],
                           fresh_emulator.connection_string)
    assert imported.returncode == 0, imported.stderr
    metrics, summary_path = tmp_dir / "export.prom", tmp_dir / "export.json"
    started = time.time()
    result = run_dpsbulk(
        ["export", "--quiet", "--out", str(tmp_dir / "backup.jsonl"), "--summary-json", str(summary_path),
         "--metrics-file", str(metrics)],
        fresh_emulator.connection_string,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(summary_path.read_text())
    values, _ = samples(metrics)
    command = ("command", "export")
    assert values[("dpsbulk_records_total", frozenset([command, ("outcome", "exported")]))] == 12
    assert summary["enrollments"] + summary["groups"] == 12
    assert values[("dpsbulk_requests_total", frozenset([command]))] == summary["requests"]
    assert values[("dpsbulk_bytes_total", frozenset([command, ("direction", "received")]))] > 0
    assert started <= values[("dpsbulk_last_success_timestamp_seconds", frozenset([command]))] <= time.time()
