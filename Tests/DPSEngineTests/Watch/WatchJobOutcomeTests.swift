import DPSJournal
import DPSManifest
import Foundation
import Testing

@testable import DPSEngine

struct WatchJobOutcomeTests {
    private func summary(
        total: Int,
        succeeded: Int,
        failed: Int = 0,
        skipped: Int = 0,
        pending: Int = 0
    )
        -> RunSummary
    {
        var summary = RunSummary()
        summary.total = total
        summary.succeeded = succeeded
        summary.failed = failed
        summary.skipped = skipped
        summary.pending = pending
        return summary
    }

    @Test func everyRecordEnrolledIsDone() {
        let all = summary(total: 6, succeeded: 6)
        #expect(WatchJobOutcome.decide(.success(all), summary: all) == .done(all))
    }

    @Test func aPartlyEnrolledManifestIsRejectedWithTheCountsInTheReason() throws {
        let partly = summary(total: 10, succeeded: 7, failed: 1, skipped: 2)
        guard case .rejected(let reason, let kept) = WatchJobOutcome.decide(.success(partly), summary: partly) else {
            Issue.record("not rejected")
            return
        }
        #expect(kept == partly)
        #expect(reason.hasPrefix("3 of 10 records were not enrolled (2 invalid, 1 refused by the service"), "\(reason)")
        #expect(reason.contains("the other 7 are"), "\(reason)")
    }

    @Test func aManifestWithoutRecordsIsRejected() {
        let empty = summary(total: 0, succeeded: 0)
        #expect(
            WatchJobOutcome.decide(.success(empty), summary: empty)
                == .rejected(reason: "the manifest holds no records", summary: empty)
        )
    }

    @Test func theManifestsFaultsAreRejected() {
        let unreadable = ManifestError(code: "gzip-truncated", file: "a.csv.gz", message: "the gzip stream ends early")
        guard case .rejected(let reason, nil) = WatchJobOutcome.decide(.failure(unreadable), summary: nil) else {
            Issue.record("a damaged manifest was not rejected")
            return
        }
        #expect(reason.hasPrefix("the manifest cannot be read: "), "\(reason)")
        let strict = ImportRefused(message: "2 records are invalid and --strict sends nothing")
        #expect(
            WatchJobOutcome.decide(.failure(strict), summary: nil)
                == .rejected(reason: strict.message, summary: nil)
        )
        let gone = CocoaError(.fileReadNoSuchFile)
        guard case .rejected = WatchJobOutcome.decide(.failure(gone), summary: nil) else {
            Issue.record("an unreadable file was not rejected")
            return
        }
    }

    @Test func theServicesFaultsAndUnknownErrorsKeepTheJobForARetry() {
        let stopped = RunStopped(message: "the service refused the credentials (401)")
        #expect(
            WatchJobOutcome.decide(.failure(stopped), summary: nil)
                == .retry(reason: "the service refused the credentials (401)")
        )
        struct Unknown: Error {}
        guard case .retry = WatchJobOutcome.decide(.failure(Unknown()), summary: nil) else {
            Issue.record("an unknown error rejected the manifest")
            return
        }
        let unfinished = summary(total: 5, succeeded: 3, pending: 2)
        guard case .retry = WatchJobOutcome.decide(.success(unfinished), summary: unfinished) else {
            Issue.record("records left pending were filed")
            return
        }
    }

    @Test func aShutdownLeavesTheJobToResume() {
        #expect(WatchJobOutcome.decide(.failure(RunInterrupted()), summary: nil) == .interrupted)
        #expect(WatchJobOutcome.decide(.failure(CancellationError()), summary: nil) == .interrupted)
    }
}
