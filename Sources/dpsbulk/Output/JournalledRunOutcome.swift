import ArgumentParser
import DPSEngine
import DPSJournal
import DPSManifest
import Foundation
import UnixSignals

/// How `import` and `migrate` end: the summary printed (and written as JSON), and the exit status.
enum JournalledRunOutcome {
    /// Prints the outcome; throws the exit status when the run is not complete or stopped.
    static func conclude(
        _ end: GracefulRun.End<JournalledRunEnd>,
        journalPath: String,
        summaryJSON: String?
    ) throws {
        let run: JournalledRunEnd
        switch end.result {
        case .success(let value): run = value
        case .failure(let error as JournalError):
            throw CommandFailure(status: ExitStatus.forJournal(error), message: error.message)
        case .failure(let error):
            throw error
        }
        switch run.outcome {
        case .success(let summary):
            print(describe(summary, journalPath: journalPath))
            if let summaryJSON { try write(summary, to: summaryJSON) }
            if !summary.isComplete { throw ExitCode(ExitStatus.recordErrors) }
        case .failure(let error as RunStopped):
            print(describe(run.summary, journalPath: journalPath))
            throw CommandFailure(status: ExitStatus.stopped, message: error.message)
        case .failure(let error as ImportRefused):
            throw CommandFailure(status: ExitStatus.recordErrors, message: error.message)
        case .failure(let error) where error is RunInterrupted || error is CancellationError:
            print(describe(run.summary, journalPath: journalPath))
            if let summaryJSON { try write(run.summary, to: summaryJSON) }
            throw CommandFailure(
                status: ExitStatus.stopped(by: end.signal),
                message: RunInterrupted().description
            )
        case .failure(let error as ManifestError):
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.description)
        case .failure(let error):
            throw error
        }
    }

    static func write(_ summary: RunSummary, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(summary).write(to: URL(fileURLWithPath: path))
    }

    static func describe(_ summary: RunSummary, journalPath: String) -> String {
        var text =
            "\(summary.total) records: \(summary.succeeded) succeeded, \(summary.failed) failed, "
            + "\(summary.conflicts) conflicts, \(summary.skipped) skipped as invalid"
        if summary.alreadyEnrolled > 0 {
            text += " (of the succeeded, \(summary.alreadyEnrolled) already enrolled with the same content)"
        }
        if summary.pending > 0 { text += ", \(summary.pending) not done" }
        text += ". \(summary.requests) requests (\(summary.retries) retries, \(summary.throttled) throttled"
        if summary.reconcileReads > 0 {
            text += ", \(summary.reconcileReads) read\(summary.reconcileReads == 1 ? "" : "s") to compare or confirm"
        }
        text += ")"
        text += String(format: " in %.1f s.", summary.elapsedSeconds)
        if !summary.isComplete {
            text += " Journal: \(journalPath) (`dpsbulk status` and `dpsbulk report` show the details)."
        }
        return text
    }
}
