"""Individual enrollments through the official client: create/replace/get/delete, attestation mechanisms,
ETag rules, errors, read-only fields, ids and paths."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError

from interop_helpers import (
    ISO_UTC_RE,
    SAMPLES,
    assert_error_body,
    cert_facts,
    describe_azure,
    describe_error,
    describe_requests,
    expect_http_error,
    unique,
    with_response,
)

EK_PATHS = sorted((SAMPLES / "tpm").glob("device-0*-ek.b64"))
DEVICE_CERTS = sorted((SAMPLES / "x509" / "devices").glob("x509-line7-*.pem"))


def symmetric_enrollment(registration_id: str, **extra) -> dict:
    body = {"registrationId": registration_id, "attestation": {"type": "symmetricKey"}}
    body.update(extra)
    return body


def tpm_enrollment(registration_id: str, ek: str) -> dict:
    return {"registrationId": registration_id, "attestation": {"type": "tpm", "tpm": {"endorsementKey": ek}}}


def x509_enrollment(registration_id: str, pem: str) -> dict:
    return {
        "registrationId": registration_id,
        "attestation": {"type": "x509", "x509": {"clientCertificates": {"primary": {"certificate": pem}}}},
    }


def parse_utc(value: str) -> dt.datetime:
    text = value.replace("Z", "+00:00")
    if "." in text:  # Python < 3.11 takes at most 6 fractional digits
        head, _, tail = text.partition(".")
        frac, _, zone = tail.partition("+")
        text = f"{head}.{frac[:6].ljust(6, '0')}+{zone}"
    return dt.datetime.fromisoformat(text)


def assert_server_fields(item: dict, context: str) -> None:
    assert item.get("etag"), f"no etag in the stored item{context}"
    for name in ("createdDateTimeUtc", "lastUpdatedDateTimeUtc"):
        assert item.get(name), f"no {name} in the stored item{context}"
        assert ISO_UTC_RE.match(item[name]), f"{name}={item[name]!r} is not an ISO-8601 UTC timestamp{context}"


def symmetric_key_is_hidden(attestation: dict) -> bool:
    keys = attestation.get("symmetricKey")
    return not keys or (not keys.get("primaryKey") and not keys.get("secondaryKey"))


# ---------------------------------------------------------------------------------------------------------------
# create / get / attestation mechanism
# ---------------------------------------------------------------------------------------------------------------


def test_symmetric_key_create_generates_keys_and_hides_them(client):
    rid = unique("sym")
    http, created = with_response(client.enrollment.create_or_update, rid, symmetric_enrollment(rid))
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert created["registrationId"] == rid, ctx
    assert created["attestation"]["type"] == "symmetricKey", ctx
    assert_server_fields(created, ctx)
    assert created["createdDateTimeUtc"] and created["lastUpdatedDateTimeUtc"], ctx
    assert created.get("provisioningStatus", "enabled") == "enabled", ctx

    http, got = with_response(client.enrollment.get, rid)
    ctx = describe_azure(http)
    assert got["registrationId"] == rid, ctx
    assert got["etag"] == created["etag"], "GET must return the etag the PUT answered" + ctx
    assert got["createdDateTimeUtc"] == created["createdDateTimeUtc"], ctx
    assert symmetric_key_is_hidden(got["attestation"]), "GET must not return symmetric keys" + ctx

    http, mechanism = with_response(client.enrollment.get_attestation_mechanism, rid)
    ctx = describe_azure(http)
    assert mechanism["type"] == "symmetricKey", ctx
    primary = mechanism["symmetricKey"]["primaryKey"]
    secondary = mechanism["symmetricKey"]["secondaryKey"]
    assert primary and secondary and primary != secondary, "generated keys must be two different keys" + ctx
    for k in (primary, secondary):
        assert len(base64.b64decode(k, validate=True)) >= 16, f"generated key {k!r} is not base64 of >=16 bytes" + ctx
    # Keys are stable: asking twice gives the same keys.
    again = client.enrollment.get_attestation_mechanism(rid)
    assert again["symmetricKey"] == mechanism["symmetricKey"], "attestation mechanism keys changed between calls"


def test_symmetric_key_create_with_given_keys_keeps_them(client):
    rid = unique("symk")
    primary = base64.b64encode(b"p" * 64).decode()
    secondary = base64.b64encode(b"s" * 64).decode()
    body = {
        "registrationId": rid,
        "deviceId": "my-device-01",
        "attestation": {"type": "symmetricKey", "symmetricKey": {"primaryKey": primary, "secondaryKey": secondary}},
        "iotHubHostName": "hub-a.azure-devices.net",
        "provisioningStatus": "disabled",
        "capabilities": {"iotEdge": True},
        "initialTwin": {"tags": {"line": "7"}, "properties": {"desired": {"interval": 30}}},
    }
    http, created = with_response(client.enrollment.create_or_update, rid, body)
    ctx = describe_azure(http)
    assert symmetric_key_is_hidden(created["attestation"]), "the PUT answer must not echo symmetric keys" + ctx
    got = client.enrollment.get(rid)
    assert got["deviceId"] == "my-device-01"
    assert got["provisioningStatus"] == "disabled"
    assert got["capabilities"]["iotEdge"] is True
    assert got["initialTwin"]["tags"]["line"] == "7"
    assert got["initialTwin"]["properties"]["desired"]["interval"] == 30
    assert symmetric_key_is_hidden(got["attestation"])
    mechanism = client.enrollment.get_attestation_mechanism(rid)
    assert mechanism["symmetricKey"] == {"primaryKey": primary, "secondaryKey": secondary}, mechanism


@pytest.mark.parametrize("ek_path", EK_PATHS[:2], ids=lambda p: p.stem)
def test_tpm_enrollment_with_real_endorsement_key(client, ek_path):
    ek = ek_path.read_text().strip()
    rid = unique("tpm")
    http, created = with_response(client.enrollment.create_or_update, rid, tpm_enrollment(rid, ek))
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert created["attestation"]["type"] == "tpm", ctx
    assert_server_fields(created, ctx)
    got = client.enrollment.get(rid)
    assert got["attestation"]["type"] == "tpm", got
    mechanism = client.enrollment.get_attestation_mechanism(rid)
    assert mechanism["type"] == "tpm", mechanism
    assert mechanism["tpm"]["endorsementKey"] == ek, mechanism


@pytest.mark.parametrize(
    "bad_ek",
    [
        pytest.param("this is not base64 at all!", id="not-base64"),
        pytest.param(None, id="truncated-real-ek"),
        pytest.param(base64.b64encode(b"\x00\x04abcd").decode(), id="tiny-structure"),
    ],
)
def test_tpm_invalid_endorsement_key_is_400(client, bad_ek):
    if bad_ek is None:
        raw = base64.b64decode(EK_PATHS[0].read_text().strip())
        bad_ek = base64.b64encode(raw[:200]).decode()
    rid = unique("badek")
    exc = expect_http_error(client.enrollment.create_or_update, rid, tpm_enrollment(rid, bad_ek), status=400)
    body = exc.response.json()
    assert_error_body(body, exc.response.headers, 400, describe_error(exc))
    assert body["message"].startswith("Endorsement key is invalid"), (
        f"message must start with 'Endorsement key is invalid', got {body['message']!r}" + describe_error(exc)
    )
    expect_http_error(client.enrollment.get, rid, status=404, exception=ResourceNotFoundError)


def test_x509_enrollment_returns_certificate_info_not_text(client):
    pem_path = DEVICE_CERTS[0]
    facts = cert_facts(pem_path)
    rid = pem_path.stem  # CN = registration id
    if _exists(client, rid):
        client.enrollment.delete(rid)
    http, created = with_response(client.enrollment.create_or_update, rid, x509_enrollment(rid, facts["pem"]))
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    try:
        for source, item in (("PUT", created), ("GET", client.enrollment.get(rid))):
            primary = item["attestation"]["x509"]["clientCertificates"]["primary"]
            assert not primary.get("certificate"), f"{source} must not return the certificate text{ctx}"
            info = primary.get("info")
            assert info, f"{source} must return certificate info{ctx}"
            assert f"CN={rid}" in info["subjectName"].replace(", ", ","), f"{source} subjectName {info['subjectName']!r}"
            assert info["sha1Thumbprint"].upper().replace(":", "") == facts["sha1"], f"{source} sha1 {info}"
            assert info["sha256Thumbprint"].upper().replace(":", "") == facts["sha256"], f"{source} sha256 {info}"
            assert info["serialNumber"].upper().lstrip("0") == facts["serial"].lstrip("0"), f"{source} serial {info}"
            assert info["version"] == 3, f"{source} version {info}"
            assert "dpsbulk Test Factory Line 7 CA" in info["issuerName"], f"{source} issuer {info}"
            not_before = parse_utc(info["notBeforeUtc"])
            not_after = parse_utc(info["notAfterUtc"])
            expect_nb = dt.datetime.strptime(facts["notBefore"], "%b %d %H:%M:%S %Y %Z").replace(tzinfo=dt.timezone.utc)
            expect_na = dt.datetime.strptime(facts["notAfter"], "%b %d %H:%M:%S %Y %Z").replace(tzinfo=dt.timezone.utc)
            assert abs((not_before - expect_nb).total_seconds()) < 1, f"{source} notBeforeUtc {info}"
            assert abs((not_after - expect_na).total_seconds()) < 1, f"{source} notAfterUtc {info}"
        page = [e for e in client.enrollment.query({"query": "SELECT * FROM enrollments"}) if e["registrationId"] == rid]
        assert len(page) == 1
        primary = page[0]["attestation"]["x509"]["clientCertificates"]["primary"]
        assert not primary.get("certificate") and primary["info"]["sha1Thumbprint"].upper() == facts["sha1"], primary
    finally:
        client.enrollment.delete(rid)


def _exists(client, rid: str) -> bool:
    try:
        client.enrollment.get(rid)
        return True
    except ResourceNotFoundError:
        return False


# ---------------------------------------------------------------------------------------------------------------
# ETag rules and errors
# ---------------------------------------------------------------------------------------------------------------


def test_put_on_existing_id_without_if_match_is_409(client):
    rid = unique("etag409")
    first = client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    exc = expect_http_error(client.enrollment.create_or_update, rid, symmetric_enrollment(rid), status=409,
                            exception=ResourceExistsError)
    assert_error_body(exc.response.json(), exc.response.headers, 409, describe_error(exc))
    assert client.enrollment.get(rid)["etag"] == first["etag"], "a refused PUT must not change the item"


def test_replace_with_current_etag_changes_etag_and_keeps_created(client):
    rid = unique("etagok")
    first = client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    http, second = with_response(
        client.enrollment.create_or_update, rid, symmetric_enrollment(rid, deviceId="renamed"), if_match=first["etag"]
    )
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert second["deviceId"] == "renamed", ctx
    assert second["etag"] != first["etag"], "the etag must change on every write" + ctx
    assert second["createdDateTimeUtc"] == first["createdDateTimeUtc"], "a replace keeps createdDateTimeUtc" + ctx
    assert parse_utc(second["lastUpdatedDateTimeUtc"]) >= parse_utc(first["lastUpdatedDateTimeUtc"]), ctx
    # generated keys survive a replace that omits them? Not specified; the replace must at least keep a key.
    assert client.enrollment.get_attestation_mechanism(rid)["symmetricKey"]["primaryKey"]


def test_replace_with_quoted_etag_is_accepted(client):
    """NOTES.md: If-Match arrives bare, quoted or `*`; the service strips one pair of quotes."""
    rid = unique("etagq")
    first = client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    http, second = with_response(client.enrollment.create_or_update, rid, symmetric_enrollment(rid, deviceId="q"),
                                 if_match=f'"{first["etag"]}"')
    assert http.status_code == 200 and second["etag"] != first["etag"], describe_azure(http)


def test_replace_with_stale_etag_is_412(client):
    rid = unique("etag412")
    first = client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    second = client.enrollment.create_or_update(rid, symmetric_enrollment(rid, deviceId="v2"), if_match=first["etag"])
    exc = expect_http_error(client.enrollment.create_or_update, rid, symmetric_enrollment(rid, deviceId="v3"),
                            if_match=first["etag"], status=412)
    assert_error_body(exc.response.json(), exc.response.headers, 412, describe_error(exc))
    got = client.enrollment.get(rid)
    assert got["deviceId"] == "v2" and got["etag"] == second["etag"], "a refused PUT must not change the item"


def test_replace_with_star_if_match_is_unconditional(client):
    rid = unique("etagstar")
    first = client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    http, second = with_response(client.enrollment.create_or_update, rid, symmetric_enrollment(rid, deviceId="star"),
                                 if_match="*")
    assert http.status_code == 200 and second["deviceId"] == "star", describe_azure(http)
    assert second["etag"] != first["etag"], describe_azure(http)


def test_read_only_fields_in_put_body_are_ignored(client):
    """A body copied from GET (etag, timestamps, read-only info) must be accepted for a replace."""
    rid = unique("roundtrip")
    client.enrollment.create_or_update(rid, symmetric_enrollment(rid, deviceId="before"))
    got = client.enrollment.get(rid)
    got["deviceId"] = "after"
    got["createdDateTimeUtc"] = "2001-01-01T00:00:00Z"
    got["lastUpdatedDateTimeUtc"] = "2001-01-01T00:00:00.1234567Z"
    http, replaced = with_response(client.enrollment.create_or_update, rid, got, if_match=got["etag"])
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert replaced["deviceId"] == "after", ctx
    assert not replaced["createdDateTimeUtc"].startswith("2001"), "createdDateTimeUtc is read-only" + ctx
    assert not replaced["lastUpdatedDateTimeUtc"].startswith("2001"), "lastUpdatedDateTimeUtc is read-only" + ctx
    assert replaced["etag"] != got["etag"], ctx


def test_delete_rules(client):
    rid = unique("del")
    first = client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    second = client.enrollment.create_or_update(rid, symmetric_enrollment(rid, deviceId="x"), if_match="*")
    exc = expect_http_error(client.enrollment.delete, rid, if_match=first["etag"], status=412)
    assert_error_body(exc.response.json(), exc.response.headers, 412, describe_error(exc))
    assert client.enrollment.get(rid)["etag"] == second["etag"]
    http, _ = with_response(client.enrollment.delete, rid, if_match=second["etag"])
    assert http.status_code == 204, describe_azure(http)
    expect_http_error(client.enrollment.get, rid, status=404, exception=ResourceNotFoundError)
    exc = expect_http_error(client.enrollment.delete, rid, status=404, exception=ResourceNotFoundError)
    assert_error_body(exc.response.json(), exc.response.headers, 404, describe_error(exc))


def test_delete_without_if_match_is_unconditional(client):
    rid = unique("delu")
    client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    http, _ = with_response(client.enrollment.delete, rid)
    assert http.status_code == 204, describe_azure(http)
    expect_http_error(client.enrollment.get, rid, status=404)


def test_get_missing_is_404_with_error_body(client):
    exc = expect_http_error(client.enrollment.get, unique("missing"), status=404, exception=ResourceNotFoundError)
    assert_error_body(exc.response.json(), exc.response.headers, 404, describe_error(exc))
    exc = expect_http_error(client.enrollment.get_attestation_mechanism, unique("missing"), status=404,
                            exception=ResourceNotFoundError)
    exc = expect_http_error(client.enrollment.delete, unique("missing"), status=404, exception=ResourceNotFoundError)


# ---------------------------------------------------------------------------------------------------------------
# Ids and paths
# ---------------------------------------------------------------------------------------------------------------


def test_percent_encoded_ids_round_trip(client):
    """The client percent-encodes ids (`:` -> %3A); every DPS special character must survive."""
    rid = unique("enc") + ":a.b_c-d"
    http, created = with_response(client.enrollment.create_or_update, rid, symmetric_enrollment(rid))
    ctx = describe_azure(http)
    assert "%3A" in http.request.url, ctx
    assert created["registrationId"] == rid, ctx
    assert client.enrollment.get(rid)["registrationId"] == rid
    assert client.enrollment.get_attestation_mechanism(rid)["type"] == "symmetricKey"
    client.enrollment.delete(rid)
    expect_http_error(client.enrollment.get, rid, status=404)


def test_registration_ids_are_case_insensitive(client):
    """NOTES.md: registration ids are case-insensitive (GET with other case finds it; PUT of it collides)."""
    rid = unique("case")
    client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    try:
        got = client.enrollment.get(rid.upper())
    except HttpResponseError as exc:
        raise AssertionError("GET with the id in upper case must find the enrollment; " + describe_error(exc))
    assert got["registrationId"].lower() == rid
    expect_http_error(client.enrollment.create_or_update, rid.upper(), symmetric_enrollment(rid.upper()), status=409)


@pytest.mark.parametrize("segment", ["Enrollments", "ENROLLMENTS", "enrollments"])
def test_paths_are_case_insensitive(emulator, client, segment):
    rid = unique("path")
    client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    resp = emulator.raw("GET", f"/{segment}/{rid}")
    assert resp.status_code == 200, describe_requests(resp)
    assert resp.json()["registrationId"] == rid, describe_requests(resp)
    resp = emulator.raw("POST", f"/{segment}/{rid}/AttestationMechanism")
    assert resp.status_code == 200, describe_requests(resp)


def test_attestation_mechanism_accepts_empty_json_body(emulator, client):
    """NOTES.md: some SDKs send `{}` to .../attestationmechanism."""
    rid = unique("amjson")
    client.enrollment.create_or_update(rid, symmetric_enrollment(rid))
    resp = emulator.raw("POST", f"/enrollments/{rid}/attestationmechanism", json_body={})
    assert resp.status_code == 200 and resp.json()["symmetricKey"]["primaryKey"], describe_requests(resp)
