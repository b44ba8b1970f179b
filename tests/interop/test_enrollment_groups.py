"""Enrollment groups through the official client: symmetric-key and X.509 groups, TPM refusal, ETag rules,
attestation mechanism, Node-style lowercase path."""

from __future__ import annotations

import base64

from azure.core.exceptions import ResourceExistsError, ResourceNotFoundError

from interop_helpers import (
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

INTERMEDIATE = SAMPLES / "x509" / "intermediate-ca.pem"
ROOT = SAMPLES / "x509" / "root-ca.pem"


def symmetric_group(group_id: str, **extra) -> dict:
    body = {"enrollmentGroupId": group_id, "attestation": {"type": "symmetricKey"}}
    body.update(extra)
    return body


def x509_group(group_id: str, primary_pem: str, secondary_pem: str | None = None) -> dict:
    signing = {"primary": {"certificate": primary_pem}}
    if secondary_pem:
        signing["secondary"] = {"certificate": secondary_pem}
    return {"enrollmentGroupId": group_id, "attestation": {"type": "x509", "x509": {"signingCertificates": signing}}}


def test_symmetric_group_lifecycle(client):
    gid = unique("grp")
    http, created = with_response(client.enrollment_group.create_or_update, gid,
                                  symmetric_group(gid, iotHubs=["hub-a.azure-devices.net"]))
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert created["enrollmentGroupId"] == gid, ctx
    assert created["attestation"]["type"] == "symmetricKey", ctx
    for name in ("etag", "createdDateTimeUtc", "lastUpdatedDateTimeUtc"):
        assert created.get(name), f"no {name} in the PUT answer" + ctx

    http, got = with_response(client.enrollment_group.get, gid)
    ctx = describe_azure(http)
    assert got["etag"] == created["etag"], ctx
    keys = got["attestation"].get("symmetricKey") or {}
    assert not keys.get("primaryKey") and not keys.get("secondaryKey"), "GET must not return group keys" + ctx

    http, mechanism = with_response(client.enrollment_group.get_attestation_mechanism, gid)
    ctx = describe_azure(http)
    assert mechanism["type"] == "symmetricKey", ctx
    primary, secondary = mechanism["symmetricKey"]["primaryKey"], mechanism["symmetricKey"]["secondaryKey"]
    assert primary and secondary and primary != secondary, ctx
    base64.b64decode(primary, validate=True)

    found = [g for g in client.enrollment_group.query({"query": "SELECT * FROM enrollmentGroups"})
             if g["enrollmentGroupId"] == gid]
    assert len(found) == 1, found
    keys = found[0]["attestation"].get("symmetricKey") or {}
    assert not keys.get("primaryKey"), "query must not return group keys: " + repr(found[0])

    http, _ = with_response(client.enrollment_group.delete, gid)
    assert http.status_code == 204, describe_azure(http)
    expect_http_error(client.enrollment_group.get, gid, status=404, exception=ResourceNotFoundError)
    exc = expect_http_error(client.enrollment_group.delete, gid, status=404, exception=ResourceNotFoundError)
    assert_error_body(exc.response.json(), exc.response.headers, 404, describe_error(exc))


def test_x509_group_with_intermediate_ca_returns_info(client):
    gid = unique("x509grp")
    ca, root = cert_facts(INTERMEDIATE), cert_facts(ROOT)
    http, created = with_response(client.enrollment_group.create_or_update, gid,
                                  x509_group(gid, ca["pem"], root["pem"]))
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    try:
        for source, item in (("PUT", created), ("GET", client.enrollment_group.get(gid))):
            signing = item["attestation"]["x509"]["signingCertificates"]
            for slot, facts, cn in (("primary", ca, "dpsbulk Test Factory Line 7 CA"),
                                    ("secondary", root, "dpsbulk Test Root CA")):
                entry = signing[slot]
                assert not entry.get("certificate"), f"{source} {slot}: certificate text must not come back{ctx}"
                info = entry.get("info")
                assert info, f"{source} {slot}: certificate info missing{ctx}"
                assert f"CN={cn}" in info["subjectName"].replace(", ", ","), f"{source} {slot}: {info}"
                assert info["sha1Thumbprint"].upper() == facts["sha1"], f"{source} {slot}: {info}"
                assert info["sha256Thumbprint"].upper() == facts["sha256"], f"{source} {slot}: {info}"
                assert info["serialNumber"].upper().lstrip("0") == facts["serial"].lstrip("0"), f"{source} {info}"
                assert info["version"] == 3 and info["notBeforeUtc"] and info["notAfterUtc"], f"{source} {info}"
        found = [g for g in client.enrollment_group.query({"query": "SELECT * FROM enrollmentGroups"})
                 if g["enrollmentGroupId"] == gid]
        assert len(found) == 1
        primary = found[0]["attestation"]["x509"]["signingCertificates"]["primary"]
        assert not primary.get("certificate") and primary["info"]["sha1Thumbprint"].upper() == ca["sha1"], primary
    finally:
        client.enrollment_group.delete(gid)


def test_tpm_group_is_rejected(client):
    gid = unique("tpmgrp")
    ek = (SAMPLES / "tpm" / "device-01-ek.b64").read_text().strip()
    body = {"enrollmentGroupId": gid, "attestation": {"type": "tpm", "tpm": {"endorsementKey": ek}}}
    exc = expect_http_error(client.enrollment_group.create_or_update, gid, body, status=400)
    assert_error_body(exc.response.json(), exc.response.headers, 400, describe_error(exc))
    expect_http_error(client.enrollment_group.get, gid, status=404)


def test_group_etag_rules(client):
    gid = unique("grpetag")
    first = client.enrollment_group.create_or_update(gid, symmetric_group(gid))
    expect_http_error(client.enrollment_group.create_or_update, gid, symmetric_group(gid), status=409,
                      exception=ResourceExistsError)
    http, second = with_response(client.enrollment_group.create_or_update, gid,
                                 symmetric_group(gid, provisioningStatus="disabled"), if_match=first["etag"])
    ctx = describe_azure(http)
    assert http.status_code == 200 and second["etag"] != first["etag"], ctx
    assert second["provisioningStatus"] == "disabled", ctx
    assert second["createdDateTimeUtc"] == first["createdDateTimeUtc"], ctx
    exc = expect_http_error(client.enrollment_group.create_or_update, gid, symmetric_group(gid),
                            if_match=first["etag"], status=412)
    assert_error_body(exc.response.json(), exc.response.headers, 412, describe_error(exc))
    third = client.enrollment_group.create_or_update(gid, symmetric_group(gid), if_match="*")
    assert third["etag"] not in (first["etag"], second["etag"])
    expect_http_error(client.enrollment_group.delete, gid, if_match=second["etag"], status=412)
    client.enrollment_group.get(gid)
    http, _ = with_response(client.enrollment_group.delete, gid, if_match=third["etag"])
    assert http.status_code == 204, describe_azure(http)


def test_group_missing_is_404(client):
    gid = unique("nogrp")
    exc = expect_http_error(client.enrollment_group.get, gid, status=404, exception=ResourceNotFoundError)
    assert_error_body(exc.response.json(), exc.response.headers, 404, describe_error(exc))
    expect_http_error(client.enrollment_group.get_attestation_mechanism, gid, status=404)


def test_node_style_lowercase_group_path(emulator, client):
    """NOTES.md: the Node SDK sends /enrollmentgroups/ (lowercase)."""
    gid = unique("nodepath")
    client.enrollment_group.create_or_update(gid, symmetric_group(gid))
    for segment in ("enrollmentgroups", "ENROLLMENTGROUPS", "enrollmentGroups"):
        resp = emulator.raw("GET", f"/{segment}/{gid}")
        assert resp.status_code == 200 and resp.json()["enrollmentGroupId"] == gid, describe_requests(resp)
    resp = emulator.raw("POST", "/enrollmentgroups/query", json_body={"query": "SELECT * FROM enrollmentGroups"})
    assert resp.status_code == 200, describe_requests(resp)
    assert any(g["enrollmentGroupId"] == gid for g in resp.json()), describe_requests(resp)
    assert resp.headers.get("x-ms-item-type") == "EnrollmentGroup", describe_requests(resp)
