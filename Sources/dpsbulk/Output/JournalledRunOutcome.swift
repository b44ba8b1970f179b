import ArgumentParser
import DPSEngine
import DPSManifest
import Foundation

/// How `import` and `migrate` end: the summary printed (and written as JSON), and the exit status.
enum JournalledRunOutcome {
    /// Prints the outcome; throws the exit status when the run is not complete or stopped.
    static func conclude(
        _ outcome: Result<ImportSummary, any Error>,
        summarySoFar: ImportSummary,
        journalPath: String,
        summaryJSON: String?
    ) throws {
        switch outcome {
        case .success(let summary):
            print(describe(summary, journalPath: journalPath))
            if let summaryJSON {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(summary).write(to: URL(fileURLWithPath: summaryJSON))
            }
            if !summary.isComplete { throw ExitCode(ExitStatus.recordErrors) }
        case .failure(let error as ImportStopped):
            print(describe(summarySoFar, journalPath: journalPath))
            throw CommandFailure(status: ExitStatus.stopped, message: error.message)
        case .failure(let error as ImportRefused):
            throw CommandFailure(status: ExitStatus.recordErrors, message: error.message)
        case .failure(is CancellationError):
            print(describe(summarySoFar, journalPath: journalPath))
            throw CommandFailure(
                status: ExitStatus.interrupted,
                message: "interrupted; run the same command again to resume"
            )
        case .failure(let error as ManifestError):
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.description)
        case .failure(let error):
            throw error
        }
    }

    static func describe(_ summary: ImportSummary, journalPath: String) -> String {
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
