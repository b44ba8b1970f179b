import DPSManifest
import DPSModel

/// The attestation's shape: a known type, the matching section present, and kinds a record of its sort may use.
public struct AttestationRule: ValidationRule {
    public static let unknownType: FindingCode = "attestation.unknown-type"
    public static let missingSection: FindingCode = "attestation.missing-section"
    public static let extraSection: FindingCode = "attestation.extra-section"
    public static let tpmGroup: FindingCode = "attestation.tpm-group"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        let attestation = entry.attestation
        let type = attestation.type
        guard type.isKnown, type != .none else {
            let hint = type.caseInsensitiveMatch.map { " (did you mean '\($0.rawValue)'?)" } ?? ""
            findings.error(
                "attestation.type", Self.unknownType,
                "attestation type '\(type.rawValue)' cannot be enrolled\(hint); use tpm, x509 or symmetricKey")
            return
        }
        let sections: [(AttestationType, Bool)] = [
            (.tpm, attestation.tpm != nil), (.x509, attestation.x509 != nil),
            (.symmetricKey, attestation.symmetricKey != nil),
        ]
        if type == .tpm, attestation.tpm == nil {
            findings.error(
                "attestation.tpm", Self.missingSection, "attestation type is tpm but the tpm section with the "
                    + "endorsementKey is missing")
        }
        if type == .x509, attestation.x509 == nil {
            findings.error(
                "attestation.x509", Self.missingSection, "attestation type is x509 but the x509 section with the "
                    + "certificate is missing")
        }
        for (other, present) in sections where present && other != type {
            findings.warning(
                "attestation.\(other.rawValue)", Self.extraSection,
                "the \(other.rawValue) section is ignored because the attestation type is \(type.rawValue)")
        }
        if entry.isGroup, type == .tpm {
            findings.error(
                "attestation.type", Self.tpmGroup,
                "enrollment groups cannot use TPM attestation; enroll TPM devices individually")
        }
    }
}
