import DPSManifest

/// Counts over a validation run.
public struct ValidationSummary: Sendable, Codable, Equatable {
    /// Records read.
    public var rowsRead = 0
    /// Records with no finding at all.
    public var valid = 0
    /// Records with warnings but no error.
    public var withWarnings = 0
    /// Records with at least one error.
    public var withErrors = 0
    /// Findings by code.
    public var byCode: [String: Int] = [:]

    public init() {}

    /// Adds a record with no finding at all.
    mutating func addRecordWithoutFindings() {
        rowsRead += 1
        valid += 1
    }

    /// Adds one record's outcome.
    public mutating func add(_ record: ValidatedRecord) {
        rowsRead += 1
        if record.hasErrors {
            withErrors += 1
        } else if record.hasWarnings {
            withWarnings += 1
        } else {
            valid += 1
        }
        for finding in record.findings {
            byCode[finding.code.rawValue, default: 0] += 1
        }
    }
}
