/// Receives progress while an import runs (a terminal bar, plain log lines, or nothing).
public protocol RunProgressObserver: Sendable {
    /// Called after each request's outcome is journalled, and when a phase starts.
    func update(_ progress: RunProgress)
}

/// A snapshot of an import's progress.
public struct RunProgress: Sendable, Equatable {
    /// What the engine is doing.
    public enum Phase: String, Sendable {
        case validating, groups, enrollments, finished
    }

    public var phase: Phase
    /// Records done (succeeded, failed, conflict, skipped), this session and earlier ones.
    public var done: Int
    /// Records in the manifest (known after the first pass).
    public var total: Int
    /// Requests sent this session.
    public var requests: Int
    public var retries: Int
    public var throttled: Int
    /// The pacing rate in operations per minute.
    public var operationsPerMinute: Double
    /// Seconds since the session started.
    public var elapsed: Double
    /// Whether `total` counts every record the run will do (an import's after its first pass, a migration's once
    /// the source has been read to the end); until then no end can be estimated.
    public var totalIsFinal = false
}
