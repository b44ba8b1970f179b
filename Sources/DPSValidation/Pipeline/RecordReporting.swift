/// Which records ``ManifestValidator/validate(_:duplicates:reporting:_:)`` hands to its body.
public enum RecordReporting: Sendable {
    /// Every record, with its enrollment (`import --dry-run` counts and plans them).
    case everyRecord
    /// Only the records with a finding; the others are counted in the summary. CSV rows the fast path proves clean
    /// (``CleanTPMRow``) are then never turned into enrollments: what `dpsbulk validate` needs, and much cheaper.
    case recordsWithFindings
}
