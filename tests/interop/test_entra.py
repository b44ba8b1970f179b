"""Microsoft Entra ID: azure-identity's ClientSecretCredential (authority = the emulator) and the official
DeviceProvisioningClient with `credential=`, both unchanged, against `dpsbulk emulator --entra` over HTTPS."""

from __future__ import annotations

import json
import time

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError

from interop_helpers import Emulator, make_self_signed_cert, unique

SECRET_WRITER = "writer-secret-0123456789"
SECRET_READER = "reader-secret-9876543210"


@pytest.fixture()
def entra_emulator(tmp_dir):
    cert, key = make_self_signed_cert(tmp_dir)
    clients = tmp_dir / "clients.json"
    clients.write_text(json.dumps([
        {"clientId": "writer-app", "clientSecret": SECRET_WRITER, "roles": ["contributor"]},
        {"clientId": "reader-app", "clientSecret": SECRET_READER, "roles": ["reader"]},
    ]))
    emu = Emulator(args=["--log-level", "warning", "--tls-cert", str(cert), "--tls-key", str(key),
                         "--entra", "--entra-clients", str(clients)]).start()
    deadline = time.monotonic() + 10
    while not any("AuthorityHost=" in line for line in emu.stdout_rest) and time.monotonic() < deadline:
        time.sleep(0.05)
    line = next(line for text in emu.stdout_rest for line in text.splitlines() if line.startswith("AuthorityHost="))
    fields = dict(part.split("=", 1) for part in line.strip().split(";"))
    yield emu, fields["AuthorityHost"], fields["TenantId"], str(cert)
    emu.stop()


def credential(authority: str, tenant: str, client_id: str, secret: str, cert: str):
    from azure.identity import ClientSecretCredential

    return ClientSecretCredential(tenant, client_id, secret, authority=authority, disable_instance_discovery=True,
                                  connection_verify=cert)


def service_client(emu: Emulator, cred, cert: str):
    from azure.iot.deviceprovisioning import DeviceProvisioningClient

    return DeviceProvisioningClient(emu.base_url, cred, connection_verify=cert, retry_total=0)


def test_client_secret_credential_does_crud(entra_emulator):
    emu, authority, tenant, cert = entra_emulator
    c = service_client(emu, credential(authority, tenant, "writer-app", SECRET_WRITER, cert), cert)
    rid = unique("entra")
    created = c.enrollment.create_or_update(rid, {"registrationId": rid, "attestation": {"type": "symmetricKey"}})
    assert c.enrollment.get(rid)["etag"] == created["etag"]
    assert c.enrollment.get_attestation_mechanism(rid)["symmetricKey"]["primaryKey"]
    assert rid in [e["registrationId"] for e in c.enrollment.query({"query": "SELECT * FROM enrollments"})]
    c.enrollment.delete(rid)


def test_reader_reads_but_its_write_is_403_naming_the_role(entra_emulator):
    emu, authority, tenant, cert = entra_emulator
    writer = service_client(emu, credential(authority, tenant, "writer-app", SECRET_WRITER, cert), cert)
    reader = service_client(emu, credential(authority, tenant, "reader-app", SECRET_READER, cert), cert)
    rid = unique("entra-r")
    writer.enrollment.create_or_update(rid, {"registrationId": rid, "attestation": {"type": "symmetricKey"}})
    assert reader.enrollment.get(rid)["registrationId"] == rid
    with pytest.raises(HttpResponseError) as refused:
        reader.enrollment.delete(rid)
    assert refused.value.status_code == 403
    assert "Device Provisioning Service Data Contributor" in str(refused.value)


def test_wrong_secret_is_refused_by_the_token_endpoint(entra_emulator):
    emu, authority, tenant, cert = entra_emulator
    c = service_client(emu, credential(authority, tenant, "writer-app", "not-the-secret", cert), cert)
    with pytest.raises(ClientAuthenticationError) as refused:
        c.enrollment.get(unique("none"))
    assert "AADSTS7000215" in str(refused.value)
