"""Concurrency, id rules, mixed-attestation bulk and fault injection, as the official client meets them."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor

from azure.core.exceptions import (
    HttpResponseError,
    IncompleteReadError,
    ResourceExistsError,
    ServiceRequestError,
    ServiceResponseError,
)

from interop_helpers import (
    SAMPLES,
    Emulator,
    assert_error_body,
    describe_azure,
    describe_error,
    expect_http_error,
    sas_token,
    unique,
    with_response,
)


def sym(rid: str, **extra) -> dict:
    body = {"registrationId": rid, "attestation": {"type": "symmetricKey"}}
    body.update(extra)
    return body


def test_concurrent_clients(emulator):
    """8 official clients in parallel threads: 40 creates, then 40 conditional replaces, all consistent."""
    ids = [unique("conc") for _ in range(40)]

    def work(chunk):
        with emulator.client() as c:
            out = []
            for rid in chunk:
                created = c.enrollment.create_or_update(rid, sym(rid))
                replaced = c.enrollment.create_or_update(rid, sym(rid, deviceId="r"), if_match=created["etag"])
                out.append((rid, created["etag"], replaced["etag"]))
            return out

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for chunk in pool.map(work, [ids[i::8] for i in range(8)]) for r in chunk]
    assert sorted(r[0] for r in results) == sorted(ids)
    etags = [e for r in results for e in r[1:]]
    assert len(set(etags)) == len(etags), "every write must get its own etag"
    with emulator.client() as c:
        for rid, _, last in results:
            got = c.enrollment.get(rid)
            assert got["etag"] == last and got["deviceId"] == "r", got


def test_id_length_and_characters(client):
    """NOTES.md: up to 128 chars of A-Z a-z 0-9 - . _ : (docs rule)."""
    longest = ("a" * 115 + unique("x")[-13:])[:128]
    assert len(longest) == 128
    http, created = with_response(client.enrollment.create_or_update, longest, sym(longest))
    assert http.status_code == 200 and created["registrationId"] == longest, describe_azure(http)
    too_long = "b" * 129
    exc = expect_http_error(client.enrollment.create_or_update, too_long, sym(too_long), status=400)
    assert_error_body(exc.response.json(), exc.response.headers, 400, describe_error(exc))
    for bad in ("bad*id-" + unique("c")[-6:], "has space-" + unique("c")[-6:]):
        exc = expect_http_error(client.enrollment.create_or_update, bad, sym(bad), status=400)


def test_body_id_differs_from_path_id(client):
    """The id in the URL and in the body disagree: either refuse (400) or store under the URL id, never the body id."""
    path_id, body_id = unique("pathid"), unique("bodyid")
    try:
        http, created = with_response(client.enrollment.create_or_update, path_id, sym(body_id))
    except HttpResponseError as exc:
        assert exc.status_code == 400, describe_error(exc)
        return
    assert created["registrationId"] == path_id, "stored under the body id, not the URL id" + describe_azure(http)
    expect_http_error(client.enrollment.get, body_id, status=404)


def test_bulk_mixed_attestations(client):
    ek = (SAMPLES / "tpm" / "device-05-ek.b64").read_text().strip()
    cert = SAMPLES / "x509" / "devices" / "x509-line7-000205.pem"
    tpm_id, sym_id, x509_id = unique("btpm"), unique("bsym"), cert.stem
    items = [
        {"registrationId": tpm_id, "attestation": {"type": "tpm", "tpm": {"endorsementKey": ek}}},
        sym(sym_id, initialTwin={"tags": {"a": 1}}),
        {"registrationId": x509_id, "attestation": {"type": "x509", "x509": {
            "clientCertificates": {"primary": {"certificate": cert.read_text()}}}}},
    ]
    http, result = with_response(client.enrollment.run_bulk_operation, {"mode": "create", "enrollments": items})
    try:
        assert http.status_code == 200 and result["isSuccessful"] is True, describe_azure(http)
        assert client.enrollment.get_attestation_mechanism(tpm_id)["tpm"]["endorsementKey"] == ek
        assert client.enrollment.get(sym_id)["initialTwin"]["tags"]["a"] == 1
        primary = client.enrollment.get(x509_id)["attestation"]["x509"]["clientCertificates"]["primary"]
        assert primary.get("info") and not primary.get("certificate"), primary
    finally:
        client.enrollment.run_bulk_operation({"mode": "delete", "enrollments": items})


def test_bulk_invalid_endorsement_key_is_a_per_item_or_request_error(client):
    """A bad EK inside a bulk create is refused (per item, or the whole request with 400); never stored."""
    rid, good = unique("bbadek"), unique("bgood")
    items = [{"registrationId": rid, "attestation": {"type": "tpm", "tpm": {"endorsementKey": "AAAA"}}}, sym(good)]
    try:
        http, result = with_response(client.enrollment.run_bulk_operation, {"mode": "create", "enrollments": items})
    except HttpResponseError as exc:
        assert exc.status_code == 400, describe_error(exc)
    else:
        ctx = describe_azure(http)
        assert result["isSuccessful"] is False, ctx
        codes = {e["registrationId"]: e["errorCode"] for e in result["errors"] if e.get("errorCode") not in (200,)}
        assert str(codes.get(rid, "")).startswith("400"), f"expected a 400xxx per-item error for {rid}" + ctx
    expect_http_error(client.enrollment.get, rid, status=404)


def test_fault_injection_is_survivable_with_the_clients_retries():
    """--fault-rate: faults are 500/503 with DPS error bodies or dropped connections; the client's own retry
    policy (GET/PUT/DELETE) gets through."""
    emu = Emulator(args=["--log-level", "error", "--fault-rate", "0.3", "--seed", "7"]).start()
    try:
        bare = emu.client(read_timeout=10)
        outcomes = []
        for n in range(30):
            try:
                bare.enrollment.get(f"fault-missing-{n}")
                outcomes.append("200?")
            except IncompleteReadError:  # status line sent, body cut: see test_dropped_connection_wire_shape
                outcomes.append("dropped")
            except HttpResponseError as exc:
                outcomes.append(exc.status_code)
                if exc.status_code in (500, 503):
                    assert_error_body(exc.response.json(), exc.response.headers, exc.status_code, describe_error(exc))
            except (ServiceRequestError, ServiceResponseError):
                outcomes.append("dropped")
        assert set(outcomes) <= {404, 500, 503, "dropped"}, outcomes
        assert set(outcomes) - {404}, f"a 0.3 fault rate produced no fault in 30 calls: {outcomes}"

        retrying = emu.client(retry_total=10, retry_backoff_factor=0.01, read_timeout=10)
        ids = [unique("fault") for _ in range(8)]
        for rid in ids:
            try:
                retrying.enrollment.create_or_update(rid, sym(rid))
            except ResourceExistsError:
                pass  # applied-but-lost then retried: the write had landed (the real-world ambiguity)
        for rid in ids:
            assert retrying.enrollment.get(rid)["registrationId"] == rid
    finally:
        emu.stop()


def _raw_exchange(port: int, request: bytes) -> bytes:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        sock.sendall(request)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
    finally:
        sock.close()


def test_dropped_connection_wire_shape(tmp_dir):
    """The emulator documents droppedConnection / appliedButLost as "the connection closes without a response".
    On the wire that means no status line at all (the client sees a connection error). A truncated response
    that starts with `HTTP/1.1 200 OK` tells a status-first client that a request which was NOT applied
    (droppedConnection) succeeded."""
    emu = Emulator(args=["--log-level", "error", "--fault-rate", "1", "--seed", "7"]).start()
    port = int(emu.base_url.rsplit(":", 1)[1])
    truncated = []
    try:
        for n in range(12):
            rid = f"wire-{n}"
            body = json.dumps({"registrationId": rid, "attestation": {"type": "symmetricKey"}}).encode()
            token = sas_token(emu.base_url, emu.policy, emu.key)
            request = (
                f"PUT /enrollments/{rid}?api-version=2021-10-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: {token}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                f"Connection: close\r\n\r\n"
            ).encode() + body
            data = _raw_exchange(port, request)
            head, sep, rest = data.partition(b"\r\n\r\n")
            lengths = [int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")]
            if data and (not sep or (lengths and len(rest) < lengths[0])):
                truncated.append(f"PUT /enrollments/{rid} -> {data[:200]!r}")
    finally:
        emu.stop()
    assert not truncated, (
        "with --fault-rate 1 --seed 7 some faults answer a status line and headers, then close before the "
        "announced body (expected: close without any response bytes):\n  " + "\n  ".join(truncated)
    )
