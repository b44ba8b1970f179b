import DPSJournal
import DPSManifest
import Foundation

/// What becomes of a job once its import has ended: the one place that tells a manifest's fault (rejected/) from
/// the service's or the machine's (kept and retried).
///
/// - Every row enrolled: ``done(_:)``.
/// - Some rows invalid, refused by the service or conflicting, with nothing left to send: ``rejected(reason:summary:)``
///   with the report of those rows beside it. A partly enrolled manifest is rejected, not done: done/ means no
///   one has to look at it, and the enrolled rows are not sent again when the fixed report is dropped in.
/// - A manifest that cannot be read (not UTF-8, no header, a damaged or cut-short gzip, no rows at all) or that
///   `--strict` refuses: rejected, with the reason.
/// - The service failed (credentials refused, unreachable after every retry), the journal's disk is full, or any
///   error not known to be the manifest's: ``retry(reason:)``: the job stays claimed and is tried again later.
/// - A graceful shutdown: ``interrupted``: the job stays claimed and resumes from its journal at the next start.
public enum WatchJobOutcome: Sendable, Equatable {
    case done(RunSummary)
    case rejected(reason: String, summary: RunSummary?)
    case retry(reason: String)
    case interrupted

    /// The outcome of an import that ended with `result`; `summary` is the journal's counts however it ended.
    public static func decide(_ result: Result<RunSummary, any Error>, summary: RunSummary?) -> WatchJobOutcome {
        switch result {
        case .success(let summary):
            return decide(finished: summary)
        case .failure(let error as ManifestError):
            return .rejected(reason: "the manifest cannot be read: \(error.description)", summary: nil)
        case .failure(let error as ImportRefused):
            return .rejected(reason: error.message, summary: summary)
        case .failure(let error as CocoaError) where error.isFileError:
            return .rejected(reason: "the manifest cannot be read (\(error.code.rawValue))", summary: nil)
        case .failure(let error as RunStopped):
            return .retry(reason: error.message)
        case .failure(let error) where error is RunInterrupted || error is CancellationError:
            return .interrupted
        case .failure(let error as JournalError):
            return .retry(reason: "the job's journal: \(error.message)")
        case .failure(let error):
            return .retry(reason: "\(type(of: error)): \(error)")
        }
    }

    private static func decide(finished summary: RunSummary) -> WatchJobOutcome {
        if summary.total == 0 {
            return .rejected(reason: "the manifest holds no records", summary: summary)
        }
        if summary.pending > 0 {
            return .retry(reason: "\(summary.pending) records were not done")
        }
        if summary.isComplete { return .done(summary) }
        let notEnrolled = summary.failed + summary.skipped + summary.conflicts
        let enrolled = summary.total - notEnrolled
        return .rejected(
            reason: "\(notEnrolled) of \(summary.total) records were not enrolled (\(summary.skipped) invalid, "
                + "\(summary.failed) refused by the service, \(summary.conflicts) in conflict with different "
                + "content); the other \(enrolled) are. Fix the records of the report beside this file (its error "
                + "column says why) and drop the report into the inbox.",
            summary: summary
        )
    }
}

extension CocoaError {
    /// Whether the error is about reading or finding a file.
    fileprivate var isFileError: Bool {
        [.fileReadNoSuchFile, .fileReadNoPermission, .fileReadCorruptFile, .fileReadUnknown, .fileNoSuchFile]
            .contains(code)
    }
}
