import DPSManifest
import DPSModel
import DPSWireFormats

/// Symmetric keys: strict base64 of 16 to 64 bytes. Both may be omitted (the service then generates them).
public struct SymmetricKeyRule: ValidationRule {
    public static let invalidBase64: FindingCode = "symmetric-key.invalid-base64"
    public static let badLength: FindingCode = "symmetric-key.bad-length"
    public static let sameKeys: FindingCode = "symmetric-key.same-keys"
    public static let onlySecondary: FindingCode = "symmetric-key.only-secondary"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        guard entry.attestationType == .symmetricKey, let keys = entry.attestation.symmetricKey else { return }
        check(keys.primaryKey, field: "primaryKey", findings: &findings)
        check(keys.secondaryKey, field: "secondaryKey", findings: &findings)
        if let primary = keys.primaryKey, primary == keys.secondaryKey {
            findings.warning(
                "secondaryKey",
                Self.sameKeys,
                "the primary and secondary keys are the same; the secondary key exists so keys can be rolled"
            )
        }
        if keys.primaryKey == nil, keys.secondaryKey != nil {
            findings.error(
                "primaryKey",
                Self.onlySecondary,
                "a secondary key is given without a primary key; give both or neither (the service generates both)"
            )
        }
    }

    private func check(_ key: String?, field: String, findings: inout FindingSink) {
        guard let key, !key.isEmpty else { return }
        switch StrictBase64.decode(key) {
        case .failure(let error):
            findings.error(field, Self.invalidBase64, "the \(field) is not valid base64: \(error.message)")
        case .success(let bytes):
            if !(16...64).contains(bytes.count) {
                findings.error(
                    field,
                    Self.badLength,
                    "the \(field) decodes to \(bytes.count) bytes; DPS needs 16 to 64 (e.g. `openssl rand -base64 32`)"
                )
            }
        }
    }
}
