import DPSManifest

/// A manifest record with every finding about it, from reading, the rules and the duplicate check.
public struct ValidatedRecord: Sendable {
    /// The record.
    public var record: ManifestRecord
    /// Every finding, in field order of discovery.
    public var findings: [Finding]

    /// Whether some finding is an error: such a record must never be sent.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
    /// Whether some finding is a warning.
    public var hasWarnings: Bool { findings.contains { $0.severity == .warning } }
}
