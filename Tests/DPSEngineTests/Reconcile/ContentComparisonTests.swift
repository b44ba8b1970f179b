import DPSEngine
import DPSModel
import DPSValidation
import DPSWireFormats
import Foundation
import Testing

struct ContentComparisonTests {
    static let ek = "AToAAQALAAMAsgAgg3GXZ0SE"

    static func tpm(_ id: String = "dev-1", ek: String = ek) -> IndividualEnrollment {
        IndividualEnrollment(
            registrationId: id,
            attestation: AttestationMechanism(type: .tpm, tpm: TpmAttestation(endorsementKey: ek))
        )
    }

    @Test func whatTheServiceAddsIsIgnored() {
        let sent = Self.tpm()
        var stored = sent
        stored.registrationId = "DEV-1"
        stored.etag = "abc"
        stored.createdDateTimeUtc = Timestamp(Date())
        stored.lastUpdatedDateTimeUtc = Timestamp(Date())
        stored.provisioningStatus = .enabled
        stored.capabilities = DeviceCapabilities(iotEdge: false)
        stored.reprovisionPolicy = ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: true)
        stored.deviceId = "dev-1"
        stored.registrationState = DeviceRegistrationState(registrationId: "dev-1", status: .assigned)
        #expect(ContentComparison.differences(expected: sent, actual: stored).isEmpty)
    }

    @Test(
        arguments: [
            (
                "endorsementKey",
                { @Sendable (e: inout IndividualEnrollment) in e.attestation.tpm?.endorsementKey = "BBBB" }
            ),
            ("deviceId", { @Sendable (e: inout IndividualEnrollment) in e.deviceId = "other" }),
            ("provisioningStatus", { @Sendable (e: inout IndividualEnrollment) in e.provisioningStatus = .disabled }),
            (
                "capabilities.iotEdge",
                { @Sendable (e: inout IndividualEnrollment) in e.capabilities = DeviceCapabilities(iotEdge: true) }
            ),
            (
                "attestation.type",
                { @Sendable (e: inout IndividualEnrollment) in e.attestation = AttestationMechanism(type: .symmetricKey)
                }
            ),
            (
                "initialTwin",
                { @Sendable (e: inout IndividualEnrollment) in
                    e.initialTwin = InitialTwin(tags: TwinCollection(properties: ["line": .string("4")]))
                }
            ),
            ("iotHubs", { @Sendable (e: inout IndividualEnrollment) in e.iotHubs = ["other.azure-devices.net"] }),
            (
                "reprovisionPolicy",
                { @Sendable (e: inout IndividualEnrollment) in
                    e.reprovisionPolicy = ReprovisionPolicy(updateHubAssignment: false, migrateDeviceData: false)
                }
            ),
        ] as [(String, @Sendable (inout IndividualEnrollment) -> Void)]
    )
    func differencesAreNamed(field: String, change: @Sendable (inout IndividualEnrollment) -> Void) {
        let sent = Self.tpm()
        var stored = sent
        change(&stored)
        #expect(ContentComparison.differences(expected: sent, actual: stored) == [field])
    }

    @Test func symmetricKeysGeneratedByTheServiceMatchAnEmptyManifestCell() {
        let sent = IndividualEnrollment(
            registrationId: "s",
            attestation: AttestationMechanism(type: .symmetricKey, symmetricKey: SymmetricKeyAttestation())
        )
        var stored = sent
        stored.attestation.symmetricKey = SymmetricKeyAttestation(primaryKey: "Zm9v", secondaryKey: "YmFy")
        #expect(ContentComparison.differences(expected: sent, actual: stored).isEmpty)
        var given = sent
        given.attestation.symmetricKey = SymmetricKeyAttestation(primaryKey: "b3RoZXI=")
        #expect(ContentComparison.differences(expected: given, actual: stored) == ["primaryKey"])
    }

    @Test func certificatesCompareByThumbprint() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/x509/devices")
        let pem1 = try String(contentsOf: root.appendingPathComponent("x509-line7-000201.pem"), encoding: .utf8)
        let pem2 = try String(contentsOf: root.appendingPathComponent("x509-line7-000202.pem"), encoding: .utf8)
        func x509(_ pem: String?, info: String? = nil) -> IndividualEnrollment {
            IndividualEnrollment(
                registrationId: "x",
                attestation: AttestationMechanism(
                    type: .x509,
                    x509: X509Attestation(
                        clientCertificates: X509Certificates(
                            primary: X509CertificateWithInfo(
                                certificate: pem,
                                info: info.map { X509CertificateInfo(sha256Thumbprint: $0) }
                            )
                        )
                    )
                )
            )
        }
        let thumbprint = try #require(
            try? DPSValidationThumbprint.sha256(pem1)
        )
        #expect(
            ContentComparison.differences(expected: x509(pem1), actual: x509(nil, info: thumbprint.lowercased()))
                .isEmpty
        )
        #expect(ContentComparison.differences(expected: x509(pem1), actual: x509(pem2)) == ["certificate"])
    }
}

enum DPSValidationThumbprint {
    static func sha256(_ pem: String) throws -> String { try CertificateValue(parsing: pem).first.sha256Thumbprint }
}
