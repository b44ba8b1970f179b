/// How an export ended.
public struct ExportRunEnd: Sendable {
    /// The export's summary, or the error that ended it (``RunInterrupted``, ``RunStopped``, ...).
    public var outcome: Result<ExportSummary, any Error>
    /// Items written by this session when it ended.
    public var written: Int
    /// The real time the session took.
    public var elapsedSeconds: Double

    public init(outcome: Result<ExportSummary, any Error>, written: Int, elapsedSeconds: Double) {
        self.outcome = outcome
        self.written = written
        self.elapsedSeconds = elapsedSeconds
    }
}
