/// The service limits the emulator enforces (the official limits page, 2024).
public struct RegistryLimits: Sendable {
    /// Individual enrollments per instance.
    public var maximumEnrollments = 1_000_000
    /// Enrollment groups per attestation kind (X.509 and symmetric key each).
    public var maximumGroupsPerKind = 100
    /// Items in one bulk operation.
    public var maximumBulkItems = 10
    /// Request body size in bytes.
    public var maximumMessageBytes = 96 * 1024
    /// Largest query page.
    public var maximumPageSize = 1000
    /// Query page size when the client gives none.
    public var defaultPageSize = 100

    public init() {}
}
