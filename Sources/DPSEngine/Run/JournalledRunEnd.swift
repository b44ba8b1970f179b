/// How an import or a migration ended.
public struct JournalledRunEnd: Sendable {
    /// The engine's summary, or the error that ended the run (``RunInterrupted``, ``RunStopped``, ...).
    public var outcome: Result<RunSummary, any Error>
    /// The journal's counts when the run ended, with this session's requests and its real elapsed time: the
    /// summary to show whatever the outcome.
    public var summary: RunSummary

    public init(outcome: Result<RunSummary, any Error>, summary: RunSummary) {
        self.outcome = outcome
        self.summary = summary
    }

    /// Runs `operation` and measures it; `summarySoFar` gives the counts when it did not finish.
    static func measuring(
        _ operation: () async throws -> RunSummary,
        summarySoFar: (Double) throws -> RunSummary
    ) async -> JournalledRunEnd {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome: Result<RunSummary, any Error>
        do {
            outcome = .success(try await operation())
        } catch {
            outcome = .failure(error)
        }
        let elapsed = (clock.now - started) / .seconds(1)
        switch outcome {
        case .success(let summary):
            return JournalledRunEnd(outcome: outcome, summary: summary)
        case .failure:
            var summary = (try? summarySoFar(elapsed)) ?? RunSummary()
            summary.elapsedSeconds = elapsed
            return JournalledRunEnd(outcome: outcome, summary: summary)
        }
    }
}
