"""Authentication, api-version and throttling as the official client meets them."""

from __future__ import annotations

import base64
import time

import pytest
from azure.core.credentials import AzureSasCredential
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.iot.deviceprovisioning import DeviceProvisioningClient

from interop_helpers import (
    Emulator,
    assert_error_body,
    describe_azure,
    describe_error,
    describe_requests,
    sas_token,
    unique,
)

WRONG_KEY = base64.b64encode(b"w" * 32).decode()


def expect_401(call, what: str) -> None:
    try:
        result = call()
    except ClientAuthenticationError as exc:
        assert exc.status_code == 401, describe_error(exc)
        assert_error_body(exc.response.json(), exc.response.headers, 401, describe_error(exc))
        return
    except HttpResponseError as exc:
        raise AssertionError(f"{what}: expected 401, got {exc.status_code}; " + describe_error(exc))
    raise AssertionError(f"{what}: expected 401, the call succeeded: {result!r}")


def client_from(emulator, connection_string: str) -> DeviceProvisioningClient:
    return DeviceProvisioningClient.from_connection_string(connection_string, retry_total=0)


def test_connection_string_line(emulator):
    assert emulator.connection_string.startswith("HostName=http://127.0.0.1:"), emulator.connection_string
    assert emulator.key and emulator.policy, emulator.connection_string


def test_wrong_key_is_401(emulator):
    cs = emulator.connection_string.replace(emulator.key, WRONG_KEY)
    c = client_from(emulator, cs)
    expect_401(lambda: c.enrollment.get(unique("auth")), "wrong key, GET")
    expect_401(lambda: list(c.enrollment.query({"query": "SELECT * FROM enrollments"})), "wrong key, query")
    expect_401(lambda: c.enrollment.run_bulk_operation({"mode": "create", "enrollments": []}), "wrong key, bulk")


def test_wrong_policy_name_is_401(emulator):
    cs = emulator.connection_string.replace(f"SharedAccessKeyName={emulator.policy}", "SharedAccessKeyName=nobody")
    c = client_from(emulator, cs)
    expect_401(lambda: c.enrollment.get(unique("auth")), "wrong policy name")


def test_expired_token_is_401(emulator):
    token = sas_token(emulator.base_url, emulator.policy, emulator.key, expiry=int(time.time()) - 60)
    c = DeviceProvisioningClient(emulator.base_url, AzureSasCredential(token), retry_total=0)
    expect_401(lambda: c.enrollment.get(unique("auth")), "expired SAS token")


def test_valid_hand_made_sas_credential_works(emulator, client):
    """AzureSasCredential path of the client, with a token signed the way NOTES.md describes."""
    rid = unique("sascred")
    client.enrollment.create_or_update(rid, {"registrationId": rid, "attestation": {"type": "symmetricKey"}})
    token = sas_token(emulator.base_url, emulator.policy, emulator.key)
    c = DeviceProvisioningClient(emulator.base_url, AzureSasCredential(token), retry_total=0)
    assert c.enrollment.get(rid)["registrationId"] == rid


def test_tampered_signature_and_missing_header_are_401(emulator):
    bad = sas_token(emulator.base_url, emulator.policy, emulator.key,
                    sig_override=base64.b64encode(b"x" * 32).decode())
    resp = emulator.raw("GET", f"/enrollments/{unique('auth')}", token=bad)
    assert resp.status_code == 401, describe_requests(resp)
    assert_error_body(resp.json(), resp.headers, 401, describe_requests(resp))
    resp = emulator.raw("GET", f"/enrollments/{unique('auth')}", auth=False)
    assert resp.status_code == 401, describe_requests(resp)


def test_token_fields_in_any_order_and_expiry_in_milliseconds(emulator):
    """NOTES.md: field order varies between SDKs; the Node SDK sends `se` in milliseconds."""
    token = sas_token(emulator.base_url, emulator.policy, emulator.key)
    fields = token[len("SharedAccessSignature "):].split("&")
    reordered = "SharedAccessSignature " + "&".join(reversed(fields))
    resp = emulator.raw("GET", f"/enrollments/{unique('order')}", token=reordered)
    assert resp.status_code == 404, "a valid token with fields reordered must authenticate" + describe_requests(resp)
    ms = sas_token(emulator.base_url, emulator.policy, emulator.key, expiry=int(time.time() * 1000) + 3_600_000)
    resp = emulator.raw("GET", f"/enrollments/{unique('ms')}", token=ms)
    assert resp.status_code == 404, "a token with `se` in milliseconds must authenticate" + describe_requests(resp)


@pytest.mark.parametrize("version", ["2099-01-01", "not-a-version"])
def test_unknown_api_version_is_400(emulator, version):
    resp = emulator.raw("GET", f"/enrollments/{unique('apiv')}", params={"api-version": version})
    assert resp.status_code == 400, describe_requests(resp)
    assert_error_body(resp.json(), resp.headers, 400, describe_requests(resp))


def test_missing_api_version_is_400(emulator):
    resp = emulator.raw("GET", f"/enrollments/{unique('apiv')}", params={"api-version": None})
    assert resp.status_code == 400, describe_requests(resp)


def test_the_client_sends_api_version_2021_10_01(client):
    rid = unique("apiv")
    http, _ = client.enrollment.create_or_update(
        rid, {"registrationId": rid, "attestation": {"type": "symmetricKey"}},
        cls=lambda pr, body, _h: (pr.http_response, body))
    assert "api-version=2021-10-01" in http.request.url, describe_azure(http)


def test_operations_per_minute_quota_gives_429_with_retry_after():
    emu = Emulator(args=["--log-level", "warning", "--operations-per-minute", "3"]).start()
    try:
        c = emu.client()  # retry_total=0: the client surfaces the 429 instead of waiting
        statuses = []
        for n in range(3):
            try:
                c.enrollment.get(f"quota-{n}")
            except HttpResponseError as exc:
                statuses.append(exc.status_code)
        assert statuses == [404, 404, 404], f"the first 3 calls are within the quota: {statuses}"
        try:
            c.enrollment.get("quota-4")
        except HttpResponseError as exc:
            ctx = describe_error(exc)
            assert exc.status_code == 429, "the 4th call in a minute with --operations-per-minute 3" + ctx
            retry_after = exc.response.headers.get("Retry-After")
            assert retry_after and retry_after.strip().isdigit() and int(retry_after) >= 1, ctx
            assert int(retry_after) <= 60, ctx
            assert_error_body(exc.response.json(), exc.response.headers, 429, ctx)
        else:
            raise AssertionError("the 4th call within a minute was not throttled")
    finally:
        emu.stop()


def test_policy_and_key_options(tmp_dir):
    """--policy NAME and --key BASE64 end up in the connection string and are what the emulator checks."""
    key = base64.b64encode(b"k" * 32).decode()
    emu = Emulator(args=["--log-level", "warning", "--policy", "interop-owner", "--key", key], env_key=None).start()
    try:
        assert emu.policy == "interop-owner" and emu.key == key, emu.connection_string
        c = emu.client()
        rid = unique("opt")
        c.enrollment.create_or_update(rid, {"registrationId": rid, "attestation": {"type": "symmetricKey"}})
        assert c.enrollment.get(rid)["registrationId"] == rid
        other = emu.connection_string.replace("SharedAccessKeyName=interop-owner", "SharedAccessKeyName=provisioningserviceowner")
        expect_401(lambda: client_from(emu, other).enrollment.get(rid), "default policy name while --policy is set")
    finally:
        code = emu.stop()
    assert code is not None
