"""`dpsbulk watch --metrics-address` scraped over HTTP and read by Prometheus's own parser: a manifest dropped into
the inbox is imported into an emulator, and `/metrics` then shows the job filed in done/, its records by outcome and
the watcher's last success."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from interop_helpers import binary_path, unique
from test_metrics_file import manifest


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scrape(port: int) -> dict:
    """{(sample name, frozenset of labels): value} of one scrape, as prometheus_client parses it."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_watch_serves_metrics_a_prometheus_parser_reads(fresh_emulator, tmp_dir):
    inbox = tmp_dir / "inbox"
    inbox.mkdir()
    port = free_loopback_port()
    env = dict(os.environ, DPS_CONNECTION_STRING=fresh_emulator.connection_string)
    watcher = subprocess.Popen(
        [str(binary_path()), "watch", str(inbox), "--poll-interval", "0.2", "--metrics-address", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        name = unique("watched")
        written = manifest(tmp_dir, name, valid=9, invalid=0)
        os.rename(written, inbox / written.name)  # written elsewhere, renamed in: complete
        deadline, values = time.time() + 60, {}
        while time.time() < deadline:
            try:
                values = scrape(port)
            except OSError:
                values = {}
            if values.get(("dpsbulk_watch_jobs", frozenset([("state", "done")]))) == 1:
                break
            time.sleep(0.2)
        assert values.get(("dpsbulk_watch_jobs", frozenset([("state", "done")]))) == 1, values
        assert values[("dpsbulk_watch_jobs", frozenset([("state", "rejected")]))] == 0
        assert values[("dpsbulk_watch_jobs", frozenset([("state", "importing")]))] == 0
        succeeded = frozenset([("command", "import"), ("outcome", "succeeded")])
        assert values[("dpsbulk_records_total", succeeded)] == 9
        assert values[("dpsbulk_requests_total", frozenset([("command", "import")]))] >= 1
        last_success = values[("dpsbulk_last_success_timestamp_seconds", frozenset([("command", "watch")]))]
        assert time.time() - 120 < last_success <= time.time()
        assert any(path.name.startswith(name) for path in (inbox / "done").iterdir())
    finally:
        watcher.send_signal(signal.SIGTERM)
        _, stderr = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, stderr
