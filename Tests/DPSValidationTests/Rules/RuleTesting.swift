import DPSManifest
import DPSModel
import Foundation

@testable import DPSValidation

/// Helpers to run one rule on one entry and read back the codes it reports.
enum RuleTesting {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func findings(_ rule: some ValidationRule, _ entry: ManifestEntry, now: Date = now) -> [Finding] {
        var sink = FindingSink(source: SourcePosition(file: "t.csv", line: 7), identifier: entry.identifier)
        rule.check(entry, context: ValidationContext(now: now), findings: &sink)
        return sink.findings
    }

    static func codes(_ rule: some ValidationRule, _ entry: ManifestEntry, now: Date = now) -> [String] {
        findings(rule, entry, now: now).map { "\($0.severity == .error ? "E" : "W"):\($0.code.rawValue)" }
    }

    static func symmetric(
        _ id: String = "dev-1",
        deviceId: String? = nil,
        primary: String? = nil,
        secondary: String? = nil
    ) -> ManifestEntry {
        var enrollment = IndividualEnrollment(
            registrationId: id,
            attestation: AttestationMechanism(
                type: .symmetricKey,
                symmetricKey: SymmetricKeyAttestation(primaryKey: primary, secondaryKey: secondary)
            )
        )
        enrollment.deviceId = deviceId
        return .enrollment(enrollment)
    }

    static func tpm(_ id: String = "dev-1", ek: String?, srk: String? = nil) -> ManifestEntry {
        .enrollment(
            IndividualEnrollment(
                registrationId: id,
                attestation: AttestationMechanism(
                    type: .tpm,
                    tpm: TpmAttestation(endorsementKey: ek, storageRootKey: srk)
                )
            )
        )
    }

    static func group(_ id: String, type: AttestationType = .symmetricKey) -> ManifestEntry {
        var attestation = AttestationMechanism(type: type)
        switch type {
        case .tpm: attestation.tpm = TpmAttestation(endorsementKey: "AAAA")
        case .x509: attestation.x509 = X509Attestation(caReferences: X509CAReferences(primary: "root"))
        default: attestation.symmetricKey = SymmetricKeyAttestation()
        }
        return .group(EnrollmentGroup(enrollmentGroupId: id, attestation: attestation))
    }

    static func modified(_ entry: ManifestEntry, _ change: (inout IndividualEnrollment) -> Void) -> ManifestEntry {
        guard case .enrollment(var enrollment) = entry else { return entry }
        change(&enrollment)
        return .enrollment(enrollment)
    }
}
