"""Shared helpers of the interop suite: emulator process, SAS tokens, raw HTTP calls, failure reports.

The suite talks to `dpsbulk emulator` through Microsoft's official Python client
(`azure-iot-deviceprovisioning`, used unchanged). Raw HTTP (requests) is used only where the client cannot go:
the emulator-only registration endpoint, response headers of query pages, hand-made tokens and api-versions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import select
import signal
import ssl
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, quote_plus

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / "samples"
API_VERSION = "2021-10-01"
# A fixed, valid base64 key (32 bytes) so raw calls can sign; the emulator gets it via DPS_EMULATOR_KEY or --key.
TEST_KEY = base64.b64encode(hashlib.sha256(b"dpsbulk interop test key").digest()).decode()
STARTUP_TIMEOUT = 30.0
CONNECTION_STRING_RE = re.compile(
    r"^HostName=(?P<scheme>https?)://(?P<host>[^;:/]+):(?P<port>\d+);"
    r"SharedAccessKeyName=(?P<policy>[^;]+);SharedAccessKey=(?P<key>[^;]+)$"
)


def binary_path() -> Path:
    configured = os.environ.get("DPSBULK_BINARY", ".build/debug/dpsbulk")
    path = Path(configured)
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


def unique(prefix: str) -> str:
    """A fresh registration / group id (lowercase alphanumerics and hyphens, valid under every DPS rule)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


# --------------------------------------------------------------------------------------------------------------
# Emulator process
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Emulator:
    """One running `dpsbulk emulator` process, started on --port 0."""

    args: list[str]
    env_key: Optional[str] = TEST_KEY
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="dpsbulk-interop-log-")))
    process: Optional[subprocess.Popen] = None
    connection_string: str = ""
    base_url: str = ""
    policy: str = ""
    key: str = ""
    stderr_path: Optional[Path] = None
    stdout_rest: list[str] = field(default_factory=list)

    def start(self) -> "Emulator":
        binary = binary_path()
        if not binary.exists():
            raise RuntimeError(
                f"emulator binary {binary} does not exist: build it (swift build) or set DPSBULK_BINARY"
            )
        env = dict(os.environ)
        env.pop("DPS_EMULATOR_KEY", None)
        if self.env_key is not None:
            env["DPS_EMULATOR_KEY"] = self.env_key
        cmd = [str(binary), "emulator", "--host", "127.0.0.1", "--port", "0", *self.args]
        self.stderr_path = self.log_dir / f"emulator-{uuid.uuid4().hex[:6]}.stderr.log"
        stderr = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, env=env, cwd=REPO_ROOT
        )
        stderr.close()
        line = self._read_first_line(STARTUP_TIMEOUT)
        match = CONNECTION_STRING_RE.match(line)
        if not match:
            self.stop()
            raise RuntimeError(
                f"emulator's first stdout line is not a connection string: {line!r}\n"
                f"command: {cmd}\nstderr:\n{self.stderr_text()}"
            )
        self.connection_string = line
        self.base_url = f"{match['scheme']}://{match['host']}:{match['port']}"
        self.policy = match["policy"]
        self.key = match["key"]
        # Keep draining stdout so a chatty process can never block on a full pipe.
        threading.Thread(target=self._drain_stdout, daemon=True).start()
        return self

    def _read_first_line(self, timeout: float) -> str:
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        buffer = b""
        deadline = time.monotonic() + timeout
        while b"\n" not in buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise RuntimeError(
                    f"emulator printed no connection string within {timeout}s\nstderr:\n{self.stderr_text()}"
                )
            ready, _, _ = select.select([fd], [], [], min(remaining, 0.2))
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    code = self.process.wait(timeout=5)
                    raise RuntimeError(
                        f"emulator exited (code {code}) before printing a connection string; "
                        f"stdout so far {buffer!r}\nstderr:\n{self.stderr_text()}"
                    )
                buffer += chunk
        first, _, rest = buffer.partition(b"\n")
        if rest.strip():
            self.stdout_rest.append(rest.decode(errors="replace"))
        return first.decode().strip()

    def _drain_stdout(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for raw in self.process.stdout:
            self.stdout_rest.append(raw.decode(errors="replace"))

    def stderr_text(self, tail: int = 4000) -> str:
        if self.stderr_path and self.stderr_path.exists():
            return self.stderr_path.read_text(errors="replace")[-tail:]
        return ""

    def stop(self, timeout: float = 10.0) -> Optional[int]:
        """SIGTERM, wait; SIGKILL only if it does not stop. Returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
                raise RuntimeError(f"emulator did not stop within {timeout}s of SIGTERM (killed)")
        return self.process.returncode

    # -- clients ---------------------------------------------------------------------------------------------

    def client(self, **kwargs: Any):
        from azure.iot.deviceprovisioning import DeviceProvisioningClient

        kwargs.setdefault("retry_total", 0)  # surface every emulator answer as is, no silent retries
        kwargs.setdefault("connection_timeout", 10)
        kwargs.setdefault("read_timeout", 30)
        return DeviceProvisioningClient.from_connection_string(self.connection_string, **kwargs)

    def raw(self, method: str, path: str, *, params: Optional[dict] = None, headers: Optional[dict] = None,
            json_body: Any = None, data: Any = None, token: Optional[str] = None, auth: bool = True,
            verify: Any = True) -> requests.Response:
        """A hand-made HTTP call, SAS-signed like the official client signs (audience = HostName value)."""
        all_params = {"api-version": API_VERSION}
        if params:
            all_params.update(params)
        all_headers = {"Accept": "application/json"}
        if auth:
            all_headers["Authorization"] = token or sas_token(self.base_url, self.policy, self.key)
        if headers:
            all_headers.update(headers)
        return requests.request(
            method, self.base_url + path, params={k: v for k, v in all_params.items() if v is not None},
            headers=all_headers, json=json_body, data=data, timeout=30, verify=verify,
        )

    def create_registration(self, registration_id: str, group_id: str, hub: str, device_id: str,
                            verify: Any = True) -> requests.Response:
        """The emulator-only endpoint that stands in for a device registering through the device API."""
        return self.raw(
            "PUT", f"/emulator/registrations/{quote(registration_id, safe='')}",
            params={"enrollmentGroupId": group_id, "assignedHub": hub, "deviceId": device_id}, verify=verify,
        )


# --------------------------------------------------------------------------------------------------------------
# SAS tokens (NOTES.md "Authentication")
# --------------------------------------------------------------------------------------------------------------


def sas_token(audience: str, policy: Optional[str], key: str, *, expiry: Optional[int] = None, ttl: int = 3600,
              sig_override: Optional[str] = None) -> str:
    """`SharedAccessSignature sr=..&sig=..&se=..&skn=..`, signed over the URL-encoded sr + "\\n" + se."""
    sr = quote_plus(audience)
    se = str(expiry if expiry is not None else int(time.time()) + ttl)
    signature = base64.b64encode(
        hmac.new(base64.b64decode(key), f"{sr}\n{se}".encode(), hashlib.sha256).digest()
    ).decode()
    if sig_override is not None:
        signature = sig_override
    token = f"SharedAccessSignature sr={sr}&sig={quote_plus(signature)}&se={se}"
    if policy:
        token += f"&skn={policy}"
    return token


# --------------------------------------------------------------------------------------------------------------
# Failure reports: every assertion about an emulator answer carries the exact exchange
# --------------------------------------------------------------------------------------------------------------


def _fmt_headers(headers: Any) -> str:
    out = []
    for k, v in dict(headers or {}).items():
        if k.lower() == "authorization":
            v = v[:40] + "...(redacted)"
        out.append(f"    {k}: {v}")
    return "\n".join(out)


def _fmt_body(body: Any, limit: int = 3000) -> str:
    if body is None:
        return "    <none>"
    if isinstance(body, bytes):
        body = body.decode(errors="replace")
    text = body if isinstance(body, str) else json.dumps(body)
    return "    " + (text[:limit] + ("...(truncated)" if len(text) > limit else ""))


def describe_exchange(request_method: str, request_url: str, request_headers: Any, request_body: Any,
                      status: Any, response_headers: Any, response_body: Any) -> str:
    return (
        f"\n--- request ---\n  {request_method} {request_url}\n{_fmt_headers(request_headers)}\n"
        f"  body:\n{_fmt_body(request_body)}\n"
        f"--- response ---\n  HTTP {status}\n{_fmt_headers(response_headers)}\n  body:\n{_fmt_body(response_body)}\n"
    )


def describe_azure(response: Any) -> str:
    """Exchange of an azure.core response (HttpResponseError.response or a pipeline http_response)."""
    if response is None:
        return "\n<no HTTP response: transport-level failure>"
    req = response.request
    try:
        req_body = req.content
    except Exception:  # noqa: BLE001 - older request objects
        req_body = getattr(req, "data", None)
    try:
        resp_body = response.text()
    except Exception:  # noqa: BLE001
        resp_body = getattr(response, "content", None)
    return describe_exchange(req.method, req.url, req.headers, req_body, response.status_code,
                             response.headers, resp_body)


def describe_requests(response: requests.Response) -> str:
    req = response.request
    return describe_exchange(req.method, req.url, req.headers, req.body, response.status_code,
                             response.headers, response.text)


def describe_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:500]}" + describe_azure(getattr(exc, "response", None))


def with_response(operation, *args, **kwargs):
    """Call a generated client operation and keep the raw exchange: returns (http_response, deserialized body)."""
    return operation(*args, cls=lambda pipeline_response, body, _headers: (pipeline_response.http_response, body),
                     **kwargs)


def expect_http_error(operation, *args, status: int, exception=None, **kwargs):
    """Run an operation that must fail with `status`; returns the raised azure.core error.

    If it succeeds, or fails differently, the assertion message shows the whole exchange."""
    from azure.core.exceptions import HttpResponseError

    try:
        http_response, body = with_response(operation, *args, **kwargs)
    except HttpResponseError as exc:
        got = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
        assert got == status, f"expected HTTP {status}, the emulator answered {got}; " + describe_error(exc)
        if exception is not None:
            assert isinstance(exc, exception), (
                f"the official client raised {type(exc).__name__}, expected {exception.__name__}; "
                + describe_error(exc)
            )
        return exc
    raise AssertionError(f"expected HTTP {status}, the call succeeded;" + describe_azure(http_response))


ISO_UTC_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|\+00:00)$")


def assert_error_body(response_json: Any, headers: Any, status: int, context: str = "") -> None:
    """ProvisioningServiceErrorDetails {errorCode (int), trackingId, message, timestampUtc} + x-ms-error-code."""
    assert isinstance(response_json, dict), f"error body is not a JSON object: {response_json!r}{context}"
    for name in ("errorCode", "trackingId", "message", "timestampUtc"):
        assert name in response_json, f"error body lacks {name}: {response_json!r}{context}"
    assert isinstance(response_json["errorCode"], int), f"errorCode must be an integer{context}"
    assert str(response_json["errorCode"]).startswith(str(status)), (
        f"errorCode {response_json['errorCode']} does not match HTTP {status} (expected {status}xxx){context}"
    )
    lower = {k.lower(): v for k, v in dict(headers).items()}
    assert "x-ms-error-code" in lower, f"response lacks the x-ms-error-code header{context}"


# --------------------------------------------------------------------------------------------------------------
# Certificates (openssl CLI: no extra Python packages)
# --------------------------------------------------------------------------------------------------------------


def cert_facts(pem_path: Path) -> dict:
    pem = pem_path.read_text()
    der = ssl.PEM_cert_to_DER_cert(pem)
    out = subprocess.run(
        ["openssl", "x509", "-in", str(pem_path), "-noout", "-serial", "-subject", "-issuer", "-dates",
         "-nameopt", "RFC2253"],
        check=True, capture_output=True, text=True,
    ).stdout
    facts = dict(line.split("=", 1) for line in out.strip().splitlines())
    return {
        "pem": pem,
        "sha1": hashlib.sha1(der).hexdigest().upper(),
        "sha256": hashlib.sha256(der).hexdigest().upper(),
        "serial": facts["serial"].upper(),
        "subject": facts["subject"],
        "issuer": facts["issuer"],
        "notBefore": facts["notBefore"],
        "notAfter": facts["notAfter"],
    }


def make_self_signed_cert(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "tls-cert.pem", directory / "tls-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,digitalSignature,keyCertSign"],
        check=True, capture_output=True,
    )
    return cert, key
