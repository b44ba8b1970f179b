import DPSManifest
import DPSValidation

/// Writes validation results to standard output as they arrive.
protocol FindingPrinter {
    /// One record, with its findings (records without findings may print nothing).
    mutating func record(_ record: ValidatedRecord)
    /// A manifest that could not be read.
    mutating func unreadable(_ error: ManifestError)
    /// The final summary.
    mutating func summary(_ summary: ValidationSummary, files: [String], unreadable: [ManifestError])
}
