/// Whether provisioning is enabled for an enrollment (`enabled` or `disabled`).
public struct ProvisioningStatus: OpenStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let enabled: Self = "enabled"
    public static let disabled: Self = "disabled"
    public static let knownValues: [Self] = [.enabled, .disabled]
}

/// How the service chooses a hub for a device.
public struct AllocationPolicy: OpenStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let hashed: Self = "hashed"
    public static let geoLatency: Self = "geoLatency"
    public static let `static`: Self = "static"
    public static let custom: Self = "custom"
    public static let knownValues: [Self] = [.hashed, .geoLatency, .static, .custom]
}

/// The kind of attestation.
public struct AttestationType: OpenStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let none: Self = "none"
    public static let tpm: Self = "tpm"
    public static let x509: Self = "x509"
    public static let symmetricKey: Self = "symmetricKey"
    public static let knownValues: [Self] = [.none, .tpm, .x509, .symmetricKey]
}

/// The mode of a bulk operation (wire type `OperationMode`). There is no create-or-update mode.
public struct BulkOperationMode: OpenStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let create: Self = "create"
    public static let update: Self = "update"
    public static let updateIfMatchETag: Self = "updateIfMatchETag"
    public static let delete: Self = "delete"
    public static let knownValues: [Self] = [.create, .update, .updateIfMatchETag, .delete]
}

/// The status of a device registration.
public struct EnrollmentStatus: OpenStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let unassigned: Self = "unassigned"
    public static let assigning: Self = "assigning"
    public static let assigned: Self = "assigned"
    public static let failed: Self = "failed"
    public static let disabled: Self = "disabled"
    public static let knownValues: [Self] = [.unassigned, .assigning, .assigned, .failed, .disabled]
}

/// How an assigned device came to be assigned.
public struct AssignedDeviceSubstatus: OpenStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let initialAssignment: Self = "initialAssignment"
    public static let deviceDataMigrated: Self = "deviceDataMigrated"
    public static let deviceDataReset: Self = "deviceDataReset"
    public static let reprovisionedToInitialAssignment: Self = "reprovisionedToInitialAssignment"
    public static let knownValues: [Self] = [
        .initialAssignment, .deviceDataMigrated, .deviceDataReset, .reprovisionedToInitialAssignment,
    ]
}
