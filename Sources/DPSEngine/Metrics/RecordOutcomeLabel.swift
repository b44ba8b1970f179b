import DPSJournal

/// The value of the `outcome` label of ``MetricName/records``.
public enum RecordOutcomeLabel: String, Sendable, CaseIterable {
    /// Import, migrate: the service applied the record (or already held it with the same content).
    case succeeded
    /// Import, migrate: the service refused it for good.
    case failed
    /// Import, migrate: it clashes with different content in the service.
    case conflict
    /// Import, migrate: invalid, never sent.
    case skipped
    /// Export: written to the file.
    case exported
    /// Diff: in both sides with the same content.
    case same
    /// Diff: in both sides with different content.
    case changed
    /// Diff: in the source only.
    case missing
    /// Diff: in the target only.
    case extra
    /// Validate: no finding, or warnings only (`warning`).
    case valid, warning
    /// Validate: at least one error.
    case invalid

    /// The label of a journalled outcome; nil for a transient failure, which leaves the record to be sent again.
    public init?(_ result: RecordOutcome.Result) {
        switch result {
        case .succeeded, .alreadyEnrolled: self = .succeeded
        case .failed: self = .failed
        case .conflict: self = .conflict
        case .retry: return nil
        }
    }
}
