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
                "attestation.type",
                Self.unknownType,
                "attestation type '\(type.rawValue)' cannot be enrolled\(hint); use tpm, x509 or symmetricKey"
            )
            return
        }
        if type == .tpm, attestation.tpm == nil {
            findings.error(
                "attestation.tpm",
                Self.missingSection,
                "attestation type is tpm but the tpm section with the "
                    + "endorsementKey is missing"
            )
        }
        if type == .x509, attestation.x509 == nil {
            findings.error(
                "attestation.x509",
                Self.missingSection,
                "attestation type is x509 but the x509 section with the "
                    + "certificate is missing"
            )
        }
        // In the order tpm, x509, symmetricKey (plain checks: this runs for every record).
        if attestation.tpm != nil { reportExtra(.tpm, type: type, findings: &findings) }
        if attestation.x509 != nil { reportExtra(.x509, type: type, findings: &findings) }
        if attestation.symmetricKey != nil { reportExtra(.symmetricKey, type: type, findings: &findings) }
        if entry.isGroup, type == .tpm {
            findings.error(
                "attestation.type",
                Self.tpmGroup,
                "enrollment groups cannot use TPM attestation; enroll TPM devices individually"
            )
        }
    }

    /// Warns that the `other` section is ignored, unless it is the section of the attestation type itself.
    private func reportExtra(_ other: AttestationType, type: AttestationType, findings: inout FindingSink) {
        guard other != type else { return }
        findings.warning(
            "attestation.\(other.rawValue)",
            Self.extraSection,
            "the \(other.rawValue) section is ignored because the attestation type is \(type.rawValue)"
        )
    }
}
