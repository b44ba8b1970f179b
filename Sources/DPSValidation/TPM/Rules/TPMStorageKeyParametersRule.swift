import DPSWireFormats

/// A storage key protects children with a CFB symmetric cipher and has NULL scheme (and, for ECC, NULL KDF).
public struct TPMStorageKeyParametersRule: TPMKeyRule {
    /// Creates the rule.
    public init() {}

    /// Reports a NULL or non-CFB symmetric definition, a non-NULL scheme, or a non-NULL ECC KDF.
    public func check(_ area: TPMPublicArea, role: TPMKeyRole) -> [TPMKeyIssue] {
        var issues: [TPMKeyIssue] = []
        if area.symmetric.algorithm == .null || area.symmetric.mode != .cfb {
            issues.append(
                TPMKeyIssue(
                    .error,
                    .storageSymmetric,
                    "the \(role.columnName) key's symmetric definition is \(area.symmetric); a storage key needs "
                        + "a CFB cipher such as AES-128-CFB"
                )
            )
        }
        if area.scheme != .null {
            issues.append(
                TPMKeyIssue(
                    .error,
                    .storageScheme,
                    "the \(role.columnName) key has scheme \(area.scheme); a storage key's scheme must be NULL "
                        + "(it looks like a signing or encryption key, not an \(role.displayName))"
                )
            )
        }
        if case .ecc(let ecc) = area.key, ecc.kdf != .null {
            issues.append(
                TPMKeyIssue(
                    .error,
                    .storageKDF,
                    "the \(role.columnName) key has ECC KDF \(ecc.kdf); a storage key's KDF must be NULL"
                )
            )
        }
        return issues
    }
}
