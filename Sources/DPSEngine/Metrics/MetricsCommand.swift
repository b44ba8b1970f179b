/// The commands that report metrics: the value of the `command` label.
public enum MetricsCommand: String, Sendable, CaseIterable {
    case `import`, export, migrate, diff, validate, watch

    /// The record outcomes this command counts, each a series of ``MetricName/records`` from its start (at 0).
    ///
    /// `diff` counts the comparison, not the items its instance sides read to make it; `watch` counts through
    /// the commands its jobs run.
    public var recordOutcomes: [RecordOutcomeLabel] {
        switch self {
        case .import, .migrate: [.succeeded, .failed, .conflict, .skipped]
        case .export: [.exported]
        case .diff: [.same, .changed, .missing, .extra]
        case .validate: [.valid, .warning, .invalid]
        case .watch: []
        }
    }
}
