import DPSWireFormats

/// EKs and SRKs are storage keys: fixedTPM, fixedParent, sensitiveDataOrigin, restricted, decrypt, and not sign.
public struct TPMStorageKeyAttributesRule: TPMKeyRule {
    /// Creates the rule.
    public init() {}

    /// Reports missing storage-key attributes or a set sign bit.
    public func check(_ area: TPMPublicArea, role: TPMKeyRole) -> [TPMKeyIssue] {
        let attributes = area.objectAttributes
        let missing = TPMObjectAttributes(rawValue: TPMObjectAttributes.storageKey.rawValue & ~attributes.rawValue)
        let signs = attributes.contains(.sign)
        guard !missing.isEmpty || signs else { return [] }
        var problems: [String] = []
        if !missing.isEmpty { problems.append("lacks \(missing.names.joined(separator: ", "))") }
        if signs { problems.append("has sign set") }
        return [
            TPMKeyIssue(
                .error,
                .notAStorageKey,
                "the \(role.columnName) value is not a storage key: its objectAttributes "
                    + "\(TPMHex.dword(attributes.rawValue)) \(problems.joined(separator: " and ")); an "
                    + "\(role.displayName) must be fixedTPM, fixedParent, sensitiveDataOrigin, restricted and "
                    + "decrypt, and must not sign — export the right key"
            )
        ]
    }
}
