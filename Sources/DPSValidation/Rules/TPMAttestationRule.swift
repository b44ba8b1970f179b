import DPSManifest
import DPSModel
import DPSWireFormats

/// TPM endorsement and storage root keys: strict base64 and a full structural parse of TPM2B_PUBLIC.
///
/// Codes are the ``TPMKeyIssue`` codes under `endorsement-key.` or `storage-root-key.`, e.g.
/// `endorsement-key.srk-in-ek-column`. Valid keys that are not the standard RSA-2048 EK are warnings.
public struct TPMAttestationRule: ValidationRule {
    public static let missingEndorsementKey: FindingCode = "endorsement-key.missing"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        let attestation = entry.attestation
        guard attestation.type == .tpm, let tpm = attestation.tpm, !entry.isGroup else { return }
        guard let endorsementKey = tpm.endorsementKey, !endorsementKey.isEmpty else {
            findings.error(
                "endorsementKey",
                Self.missingEndorsementKey,
                "a TPM enrollment needs the endorsement key: base64 of the TPM2B_PUBLIC that "
                    + "`tpm2_createek -G rsa -u ek.pub` writes (`base64 -w0 ek.pub`)"
            )
            return
        }
        if !Self.isClean(endorsementKey, role: .endorsementKey) {
            report(
                TPMKeyAssessment(base64: endorsementKey, role: .endorsementKey),
                field: "endorsementKey",
                prefix: "endorsement-key",
                findings: &findings
            )
        }
        if let storageRootKey = tpm.storageRootKey, !storageRootKey.isEmpty,
            !Self.isClean(storageRootKey, role: .storageRootKey)
        {
            report(
                TPMKeyAssessment(base64: storageRootKey, role: .storageRootKey),
                field: "storageRootKey",
                prefix: "storage-root-key",
                findings: &findings
            )
        }
    }

    /// Whether a key column's base64 text draws no finding: it decodes strictly and the TPM2B_PUBLIC parses with no
    /// issue from any TPM key rule (exactly when ``TPMKeyAssessment/init(base64:role:rules:)`` has no issue). The
    /// rule settles the common case with it first, and the validator's fast path calls it on a CSV cell's bytes.
    static func isClean(_ base64: UnsafeBufferPointer<UInt8>, role: TPMKeyRole) -> Bool {
        guard !base64.isEmpty, case .success(let bytes) = StrictBase64.decode(utf8: base64) else { return false }
        return TPMKeyAssessment(bytes: bytes, role: role).issues.isEmpty
    }

    /// `isClean(_:role:)` of a string.
    private static func isClean(_ base64: String, role: TPMKeyRole) -> Bool {
        var text = base64
        return text.withUTF8 { isClean($0, role: role) }
    }

    private func report(
        _ assessment: TPMKeyAssessment,
        field: String,
        prefix: String,
        findings: inout FindingSink
    ) {
        for issue in assessment.issues {
            findings.add(
                field,
                FindingCode(rawValue: "\(prefix).\(issue.code.rawValue)"),
                issue.severity == .error ? .error : .warning,
                issue.message
            )
        }
    }
}
