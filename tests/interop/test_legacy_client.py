"""The legacy Python service client (`azure-iothub-provisioningserviceclient` 1.2.0, unchanged) against the emulator.

It is the second official client family: its samples create, get and delete enrollments with each attestation it
offers (TPM, X.509 client and signing certificates, CA references), run bulk operations, query with
`QuerySpecification("*")` and read attestation mechanisms. It always speaks HTTPS to `https://<HostName>`, so the
emulator runs with a throwaway certificate that `requests` trusts through REQUESTS_CA_BUNDLE.

The package imports `six` without declaring it; scripts/interop.sh installs `six` next to it.
"""

from __future__ import annotations

import os

import pytest

from interop_helpers import SAMPLES, Emulator, make_self_signed_cert, unique

provisioningserviceclient = pytest.importorskip(
    "provisioningserviceclient", reason="scripts/interop.sh installs azure-iothub-provisioningserviceclient"
)
from provisioningserviceclient import (  # noqa: E402
    BulkEnrollmentOperation,
    ProvisioningServiceClient,
    ProvisioningServiceError,
    QuerySpecification,
)
from provisioningserviceclient.models import (  # noqa: E402
    AttestationMechanism,
    EnrollmentGroup,
    IndividualEnrollment,
    SymmetricKeyAttestation,
)


@pytest.fixture(scope="module")
def legacy(tmp_path_factory):
    """A TLS emulator and a legacy client for it, made from the emulator's connection string."""
    directory = tmp_path_factory.mktemp("legacy")
    cert, key = make_self_signed_cert(directory)
    emu = Emulator(args=["--log-level", "warning", "--tls-cert", str(cert), "--tls-key", str(key)]).start()
    patch = pytest.MonkeyPatch()
    patch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    try:
        # The legacy client wants HostName without a scheme (it prepends https://).
        connection = emu.connection_string.replace("HostName=https://", "HostName=")
        yield ProvisioningServiceClient.create_from_connection_string(connection), emu
    finally:
        patch.undo()
        emu.stop()


def ek(n: int = 1) -> str:
    return (SAMPLES / "tpm" / f"device-0{n}-ek.b64").read_text().strip()


def device_cert() -> tuple[str, str]:
    path = SAMPLES / "x509" / "devices" / "x509-line7-000203.pem"
    return path.stem, path.read_text()


def test_tpm_enrollment_create_get_attestation_delete(legacy):
    client, _ = legacy
    rid = unique("legacy-tpm")
    created = client.create_or_update(
        IndividualEnrollment.create(rid, AttestationMechanism.create_with_tpm(ek(1)), device_id="legacy-device")
    )
    assert created.registration_id == rid and created.etag
    fetched = client.get_individual_enrollment(rid)
    assert fetched.device_id == "legacy-device" and fetched.attestation.type == "tpm"
    mechanism = client.get_individual_enrollment_attestation_mechanism(rid)
    assert mechanism.tpm.endorsement_key == ek(1)
    client.delete(fetched)  # sends the etag as If-Match
    with pytest.raises(ProvisioningServiceError):
        client.get_individual_enrollment(rid)


def test_symmetric_key_enrollment_and_group(legacy):
    """1.2.0 has no create_with_symmetric_key helper; its generated AttestationMechanism model takes the section."""
    client, _ = legacy
    rid, gid = unique("legacy-sym"), unique("legacy-symgrp")
    attestation = AttestationMechanism(type="symmetricKey", symmetric_key=SymmetricKeyAttestation())
    created = client.create_or_update(IndividualEnrollment.create(rid, attestation))
    assert created.attestation.type == "symmetricKey"
    keys = client.get_individual_enrollment_attestation_mechanism(rid).symmetric_key
    assert keys.primary_key and keys.secondary_key and keys.primary_key != keys.secondary_key
    assert not client.get_individual_enrollment(rid).attestation.symmetric_key.primary_key
    given = SymmetricKeyAttestation(primary_key=keys.secondary_key, secondary_key=keys.primary_key)
    client.create_or_update(EnrollmentGroup.create(gid, AttestationMechanism(type="symmetricKey",
                                                                             symmetric_key=given)))
    group_keys = client.get_enrollment_group_attestation_mechanism(gid).symmetric_key
    assert (group_keys.primary_key, group_keys.secondary_key) == (keys.secondary_key, keys.primary_key)
    client.delete(client.get_individual_enrollment(rid))
    client.delete(client.get_enrollment_group(gid))


def test_x509_client_certificate_enrollment(legacy):
    client, _ = legacy
    rid, pem = device_cert()
    if _exists(client, rid):
        client.delete_individual_enrollment_by_param(rid)
    created = client.create_or_update(
        IndividualEnrollment.create(rid, AttestationMechanism.create_with_x509_client_certs(pem))
    )
    info = created.attestation.x509.client_certificates.primary.info
    assert info.subject_name.startswith("CN=" + rid) and len(info.sha256_thumbprint) == 64
    assert client.get_individual_enrollment(rid).attestation.type == "x509"
    client.delete_individual_enrollment_by_param(rid)


def test_x509_groups_signing_certificates_and_ca_references(legacy):
    client, _ = legacy
    signing = (SAMPLES / "x509" / "intermediate-ca.pem").read_text()
    gid = unique("legacy-signing")
    group = client.create_or_update(
        EnrollmentGroup.create(gid, AttestationMechanism.create_with_x509_signing_certs(signing))
    )
    assert group.enrollment_group_id == gid
    assert client.get_enrollment_group(gid).attestation.type == "x509"
    mechanism = client.get_enrollment_group_attestation_mechanism(gid)
    assert mechanism.x509.signing_certificates.primary is not None
    gid_ref = unique("legacy-caref")
    client.create_or_update(EnrollmentGroup.create(gid_ref, AttestationMechanism.create_with_x509_ca_refs("my-ca")))
    assert client.get_enrollment_group(gid_ref).attestation.x509.ca_references.primary == "my-ca"
    groups = [g.enrollment_group_id for page in client.create_enrollment_group_query(QuerySpecification("*"))
              for g in page]
    assert gid in groups and gid_ref in groups
    client.delete_enrollment_group_by_param(gid)
    client.delete(client.get_enrollment_group(gid_ref))


def test_bulk_create_query_star_and_bulk_delete(legacy):
    client, _ = legacy
    ids = [unique("legacy-bulk") for _ in range(5)]
    enrollments = [IndividualEnrollment.create(i, AttestationMechanism.create_with_tpm(ek(2))) for i in ids]
    result = client.run_bulk_operation(BulkEnrollmentOperation("create", enrollments))
    assert result.is_successful and not result.errors
    again = client.run_bulk_operation(BulkEnrollmentOperation("create", enrollments[:1]))
    assert not again.is_successful and again.errors[0].registration_id == ids[0]
    assert again.errors[0].error_code // 1000 == 409

    query = client.create_individual_enrollment_query(QuerySpecification("*"), page_size=2)
    seen = [e.registration_id for page in query for e in page]
    assert set(ids) <= set(seen)
    selected = [e.registration_id for page in client.create_individual_enrollment_query(
        QuerySpecification("SELECT * FROM enrollments")) for e in page]
    assert set(ids) <= set(selected)

    deleted = client.run_bulk_operation(BulkEnrollmentOperation("delete", enrollments))
    assert deleted.is_successful
    for rid in ids:
        with pytest.raises(ProvisioningServiceError):
            client.get_individual_enrollment(rid)


def test_registration_state_get_and_delete(legacy):
    """Registration states through the calls that work in 1.2.0. Its `create_registration_state_query` is broken in
    the client itself (it passes `raw` twice and raises TypeError before sending anything), so the query is left to
    the current client's tests."""
    client, emu = legacy
    gid = unique("legacy-reggrp")
    signing = (SAMPLES / "x509" / "intermediate-ca.pem").read_text()
    client.create_or_update(EnrollmentGroup.create(gid, AttestationMechanism.create_with_x509_signing_certs(signing)))
    rid = unique("legacy-reg")
    response = emu.create_registration(rid, gid, "hub.azure-devices.net", "d1",
                                       verify=os.environ["REQUESTS_CA_BUNDLE"])
    assert response.status_code in (200, 201), response.text
    state = client.get_registration_state(rid)
    assert state.registration_id == rid and state.assigned_hub == "hub.azure-devices.net"
    with pytest.raises(TypeError):
        next(iter(client.create_registration_state_query(gid)))
    client.delete_registration_state_by_param(rid)
    with pytest.raises(ProvisioningServiceError):
        client.get_registration_state(rid)
    client.delete_enrollment_group_by_param(gid)


def _exists(client, rid: str) -> bool:
    try:
        client.get_individual_enrollment(rid)
        return True
    except ProvisioningServiceError:
        return False
