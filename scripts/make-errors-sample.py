#!/usr/bin/env python3
"""Writes samples/errors.csv: one manifest whose rows show each validation finding, and
samples/errors.expected-codes.txt: the codes those rows are meant to raise (the CLI test checks the two agree).

Each row below is written by hand with the codes it should produce; keys and certificates come from the committed
samples and test fixtures (scripts/make-tpm-fixtures.sh, scripts/make-x509-samples.sh).
Run from the repository root: python3 scripts/make-errors-sample.py
"""
import csv
import io
import json

def read(path):
    with open(path) as f:
        return f.read().strip()

EK1 = read("samples/tpm/device-01-ek.b64")
EK2 = read("samples/tpm/device-02-ek.b64")
SRK1 = read("samples/tpm/device-01-srk.b64")
ECC_EK = read("Tests/DPSValidationTests/Fixtures/tpm/ek-ecc-p256.b64")
PEM_EK = read("Tests/DPSValidationTests/Fixtures/tpm/wrong-ek-rsa2048.pem")
KEY = "UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaE="

COLUMNS = ["registrationId", "attestation", "enrollmentGroupId", "deviceId", "endorsementKey", "storageRootKey",
           "certificate", "primaryKey", "iotHubHostName", "allocationPolicy", "customAllocationWebhookUrl",
           "customAllocationApiVersion", "provisioningStatus", "initialTwin", "iotEdge", "reprovisionPolicy"]

# (cells, codes this row demonstrates)
ROWS = [
    (dict(registrationId="bad device 01", attestation="symmetricKey"), ["registration-id.invalid-character"]),
    (dict(registrationId="d" * 129, attestation="symmetricKey"), ["registration-id.too-long"]),
    (dict(registrationId="ends-with-dot.", attestation="symmetricKey"), ["registration-id.invalid-last-character"]),
    (dict(registrationId="dev-plus", deviceId="dev+1", attestation="symmetricKey"), ["device-id.invalid-character"]),
    (dict(registrationId="magic-attestation", attestation="magic"), ["attestation.unknown-type"]),
    (dict(registrationId="tpm-err-0001", attestation="tpm", endorsementKey=SRK1), ["endorsement-key.srk-in-ek-column"]),
    (dict(registrationId="tpm-err-0002", attestation="tpm", endorsementKey=EK1[:-8] + "%%%%" + EK1[-4:]),
     ["endorsement-key.invalid-base64"]),
    (dict(registrationId="tpm-err-0003", attestation="tpm", endorsementKey=EK1[:200]),
     ["endorsement-key.malformed-public-area"]),
    (dict(registrationId="tpm-err-0004", attestation="tpm", endorsementKey=PEM_EK), ["endorsement-key.pem-key"]),
    (dict(registrationId="tpm-err-0005", attestation="tpm"), ["endorsement-key.missing"]),
    (dict(registrationId="tpm-err-0006", attestation="tpm", endorsementKey=ECC_EK), ["endorsement-key.non-standard-ek"]),
    (dict(registrationId="tpm-err-0007", attestation="tpm", endorsementKey=EK1, storageRootKey=EK2),
     ["storage-root-key.ek-in-srk-column"]),
    (dict(registrationId="tpm-err-0008", attestation="tpm", endorsementKey=EK1), ["duplicate.endorsement-key"]),
    (dict(registrationId="tpm-err-0008", attestation="tpm", endorsementKey=EK2), ["duplicate.registration-id"]),
    (dict(registrationId="x509-line7-000901", attestation="x509", certificate="bad-certs/leaf-expired.pem"),
     ["x509.expired"]),
    (dict(registrationId="x509-line7-000902", attestation="x509", certificate="bad-certs/leaf-not-yet-valid.pem"),
     ["x509.not-yet-valid"]),
    (dict(registrationId="x509-line7-000207", attestation="x509", certificate="bad-certs/leaf-cn-mismatch.pem"),
     ["x509.cn-mismatch"]),
    (dict(registrationId="x509-line7-000903", attestation="x509", certificate="bad-certs/leaf-is-ca.pem"),
     ["x509.leaf-is-ca"]),
    (dict(registrationId="x509-err-garbage", attestation="x509", certificate="bad-certs/garbage.pem"),
     ["certificate.bad-base64"]),
    (dict(registrationId="x509-err-key", attestation="x509", certificate="bad-certs/private-key.pem"),
     ["certificate.not-a-certificate"]),
    (dict(registrationId="x509-err-missing", attestation="x509", certificate="bad-certs/no-such-file.pem"),
     ["certificate.file-not-found"]),
    (dict(registrationId="x509-line7-000201", attestation="x509", certificate="x509/devices/x509-line7-000201.pem"),
     []),
    (dict(registrationId="x509-line7-000299", attestation="x509", certificate="x509/devices/x509-line7-000201.pem"),
     ["duplicate.certificate", "x509.cn-mismatch"]),
    (dict(registrationId="x509-err-nocert", attestation="x509"), ["x509.missing-certificate"]),
    (dict(registrationId="sym-err-0001", attestation="symmetricKey", primaryKey="bm90IGJhc2U2NA"),
     ["symmetric-key.invalid-base64"]),
    (dict(registrationId="sym-err-0002", attestation="symmetricKey", primaryKey="c2hvcnQ="), ["symmetric-key.bad-length"]),
    (dict(registrationId="sym-err-0003", attestation="symmetricKey", provisioningStatus="paused"),
     ["provisioning-status.invalid"]),
    (dict(registrationId="sym-err-0004", attestation="symmetricKey", allocationPolicy="roundRobin"),
     ["allocation-policy.unknown"]),
    (dict(registrationId="sym-err-0005", attestation="symmetricKey", allocationPolicy="custom"),
     ["allocation-policy.custom-without-webhook"]),
    (dict(registrationId="sym-err-0006", attestation="symmetricKey", customAllocationWebhookUrl="https://f.example/a"),
     ["custom-allocation.incomplete", "allocation-policy.webhook-without-custom"]),
    (dict(registrationId="sym-err-0007", attestation="symmetricKey", iotHubHostName="https://hub.azure-devices.net"),
     ["hub.invalid-host-name"]),
    (dict(registrationId="sym-err-0008", attestation="symmetricKey", iotHubHostName="hub.example.com"),
     ["hub.unusual-domain"]),
    (dict(registrationId="sym-err-0009", attestation="symmetricKey", initialTwin="{tags: {}}"),
     ["initial-twin.invalid-json"]),
    (dict(registrationId="sym-err-0010", attestation="symmetricKey",
          initialTwin=json.dumps({"properties": {"reported": {"x": 1}}})), ["initial-twin.unsupported-section"]),
    (dict(registrationId="sym-err-0011", attestation="symmetricKey",
          initialTwin=json.dumps({"tags": {"site.name": "east"}})), ["initial-twin.invalid-key"]),
    (dict(registrationId="sym-err-0012", attestation="symmetricKey",
          initialTwin=json.dumps({"tags": {"blob": "x" * 9000}})), ["initial-twin.too-large"]),
    (dict(registrationId="sym-err-0013", attestation="symmetricKey",
          initialTwin=json.dumps({"properties": {"desired": {"a": "x" * 30000, "b": "y" * 30000}},
                                  "tags": {"c": "z" * 8000, "d": "w" * 36000}})),
     ["initial-twin.too-large", "enrollment.too-large"]),
    (dict(registrationId="sym-err-0014", attestation="symmetricKey", iotEdge="maybe"), ["record.not-boolean"]),
    (dict(registrationId="sym-err-0015", attestation="symmetricKey", reprovisionPolicy="always"),
     ["reprovision-policy.unknown"]),
    (dict(registrationId="sym-err-0016", attestation="symmetricKey", endorsementKey=EK2),
     ["record.ignored-field"]),
    (dict(registrationId="Sym-Err-0017", attestation="symmetricKey"), ["registration-id.not-lowercase"]),
    (dict(registrationId="_sym-err-0018", attestation="symmetricKey"),
     ["registration-id.special-first-character", "registration-id.not-lowercase"]),
    (dict(registrationId="sym-err-0019", attestation=""), ["attestation.missing"]),
    (dict(registrationId="sym-err-0020", enrollmentGroupId="also-a-group", attestation="symmetricKey"),
     ["record.both-ids"]),
    (dict(attestation="symmetricKey", primaryKey=KEY), ["record.missing-id"]),
    (dict(enrollmentGroupId="tpm-group", attestation="tpm", endorsementKey=EK2), ["attestation.tpm-group"]),
    (dict(enrollmentGroupId="leaf-signed-group", attestation="x509", certificate="x509/devices/x509-line7-000202.pem"),
     ["x509.signing-cert-not-ca"]),
    (dict(enrollmentGroupId="grp#1", attestation="symmetricKey"), ["group-id.invalid-character"]),
    (dict(enrollmentGroupId="line7-dup-group", attestation="symmetricKey"), []),
    (dict(enrollmentGroupId="LINE7-DUP-GROUP", attestation="symmetricKey"), ["duplicate.group-id"]),
]

out = io.StringIO()
writer = csv.writer(out, lineterminator="\n")
writer.writerow(COLUMNS)
for cells, _ in ROWS:
    writer.writerow([cells.get(c, "") for c in COLUMNS])
writer.writerow(["short-row", "symmetricKey"])  # csv.field-count
with open("samples/errors.csv", "w") as f:
    f.write(out.getvalue())

codes = sorted({code for _, row_codes in ROWS for code in row_codes} | {"csv.field-count"})
with open("samples/errors.expected-codes.txt", "w") as f:
    f.write("# Codes samples/errors.csv is meant to raise (written by scripts/make-errors-sample.py).\n")
    f.write("\n".join(codes) + "\n")
print(f"{len(ROWS) + 1} rows, {len(codes)} codes")
