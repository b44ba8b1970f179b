"""HTTPS (throwaway self-signed certificate) and --data-dir persistence across a restart."""

from __future__ import annotations

import pytest
from azure.core.exceptions import ServiceRequestError

from interop_helpers import (
    SAMPLES,
    Emulator,
    describe_azure,
    describe_requests,
    make_self_signed_cert,
    unique,
    with_response,
)


def test_https_with_trusted_self_signed_certificate(tmp_dir):
    cert, key = make_self_signed_cert(tmp_dir)
    emu = Emulator(args=["--log-level", "warning", "--tls-cert", str(cert), "--tls-key", str(key)]).start()
    try:
        assert emu.connection_string.startswith("HostName=https://127.0.0.1:"), emu.connection_string
        c = emu.client(connection_verify=str(cert))
        rid = unique("tls")
        http, created = with_response(c.enrollment.create_or_update, rid,
                                      {"registrationId": rid, "attestation": {"type": "symmetricKey"}})
        assert http.status_code == 200 and http.request.url.startswith("https://"), describe_azure(http)
        assert c.enrollment.get(rid)["etag"] == created["etag"]
        assert c.enrollment.get_attestation_mechanism(rid)["symmetricKey"]["primaryKey"]
        assert [e["registrationId"] for e in c.enrollment.query({"query": "SELECT * FROM enrollments"})] == [rid]
        gid = unique("tlsgrp")
        c.enrollment_group.create_or_update(gid, {"enrollmentGroupId": gid, "attestation": {"type": "symmetricKey"}})
        resp = emu.create_registration(unique("tlsreg"), gid, "hub.azure-devices.net", "d1", verify=str(cert))
        assert resp.status_code in (200, 201), describe_requests(resp)
        assert len(list(c.device_registration_state.query(gid))) == 1
        c.enrollment.delete(rid)

        # Without trusting the throwaway certificate the official client must refuse the connection.
        untrusting = emu.client()
        with pytest.raises(ServiceRequestError):
            untrusting.enrollment.get(rid)
    finally:
        emu.stop()


def test_data_dir_survives_restart(tmp_dir):
    data_dir = tmp_dir / "registry"
    data_dir.mkdir()
    args = ["--log-level", "warning", "--data-dir", str(data_dir)]
    ek = (SAMPLES / "tpm" / "device-03-ek.b64").read_text().strip()
    cert_path = SAMPLES / "x509" / "devices" / "x509-line7-000203.pem"
    sym_id, tpm_id, x509_id, gid, reg_id = (unique("psym"), unique("ptpm"), cert_path.stem, unique("pgrp"),
                                            unique("preg"))

    first = Emulator(args=args).start()
    try:
        c = first.client()
        sym = c.enrollment.create_or_update(sym_id, {"registrationId": sym_id, "deviceId": "kept",
                                                     "attestation": {"type": "symmetricKey"}})
        keys = c.enrollment.get_attestation_mechanism(sym_id)["symmetricKey"]
        tpm = c.enrollment.create_or_update(tpm_id, {"registrationId": tpm_id,
                                                     "attestation": {"type": "tpm", "tpm": {"endorsementKey": ek}}})
        x509 = c.enrollment.create_or_update(x509_id, {"registrationId": x509_id, "attestation": {
            "type": "x509", "x509": {"clientCertificates": {"primary": {"certificate": cert_path.read_text()}}}}})
        grp = c.enrollment_group.create_or_update(gid, {"enrollmentGroupId": gid,
                                                        "attestation": {"type": "symmetricKey"}})
        group_keys = c.enrollment_group.get_attestation_mechanism(gid)["symmetricKey"]
        resp = first.create_registration(reg_id, gid, "hub.azure-devices.net", "dev-p")
        assert resp.status_code in (200, 201), describe_requests(resp)
        reg = c.device_registration_state.get(reg_id)
        deleted = unique("pdel")
        c.enrollment.create_or_update(deleted, {"registrationId": deleted, "attestation": {"type": "symmetricKey"}})
        c.enrollment.delete(deleted)
    finally:
        code = first.stop()
    assert code == 0, f"the emulator must exit cleanly on SIGTERM (exit code {code}); stderr:\n{first.stderr_text()}"

    second = Emulator(args=args).start()
    try:
        c = second.client()
        got = c.enrollment.get(sym_id)
        assert got["deviceId"] == "kept" and got["etag"] == sym["etag"], got
        assert got["createdDateTimeUtc"] == sym["createdDateTimeUtc"], got
        assert c.enrollment.get_attestation_mechanism(sym_id)["symmetricKey"] == keys, "generated keys must persist"
        assert c.enrollment.get(tpm_id)["etag"] == tpm["etag"]
        assert c.enrollment.get_attestation_mechanism(tpm_id)["tpm"]["endorsementKey"] == ek
        got_x509 = c.enrollment.get(x509_id)
        assert got_x509["etag"] == x509["etag"]
        assert got_x509["attestation"]["x509"]["clientCertificates"]["primary"]["info"]["sha1Thumbprint"]
        assert c.enrollment_group.get(gid)["etag"] == grp["etag"]
        assert c.enrollment_group.get_attestation_mechanism(gid)["symmetricKey"] == group_keys
        got_reg = c.device_registration_state.get(reg_id)
        assert got_reg["etag"] == reg["etag"] and got_reg["assignedHub"] == "hub.azure-devices.net", got_reg
        ids = sorted(e["registrationId"] for e in c.enrollment.query({"query": "SELECT * FROM enrollments"}))
        assert ids == sorted([sym_id, tpm_id, x509_id]), f"deleted items must stay deleted: {ids}"
        # writes after the restart keep the ETag rules
        updated = c.enrollment.create_or_update(sym_id, dict(got, deviceId="changed"), if_match=got["etag"])
        assert updated["etag"] != got["etag"]
    finally:
        second.stop()
