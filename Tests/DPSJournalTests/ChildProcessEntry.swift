import DPSJournal
import Foundation
import Testing

/// The entry point of ``ChildProcess``: runs only in a child spawned by another test
/// (skipped in a normal run).
struct ChildProcessEntry {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    @Test(.enabled(if: environment[ChildProcess.modeVariable] != nil))
    func child() throws {
        let mode = Self.environment[ChildProcess.modeVariable]!
        let journal = Self.environment[ChildProcess.journalVariable]!
        let output = Self.environment[ChildProcess.outputVariable]!
        switch mode {
        case "hold":
            // Opens the journal, says so, and holds it until killed (at most 60 s).
            let opened = try Journal.open(at: journal, run: Fixture.run())
            report("holding \(getpid())", to: output)
            sleep(60)
            try opened.close()
        case "open":
            // Tries to open the journal and reports the result.
            do {
                let opened = try Journal.open(at: journal, run: Fixture.run())
                report("opened", to: output)
                try opened.close()
            } catch let error as JournalError {
                report("refused \(error.code) \(error.message)", to: output)
            }
        case "crashWriter-retry":
            try CrashWorkload.run(journal: journal, output: output, resendInDoubt: false)
        case "crashWriter-resend":
            try CrashWorkload.run(journal: journal, output: output, resendInDoubt: true)
        default:
            Issue.record("unknown child mode \(mode)")
        }
    }
}

/// An engine-like workload that a test kills at random moments: reconcile, add, send, record.
enum CrashWorkload {
    static let total = 3000
    static let addChunk = 500
    static let requestSize = 10

    /// Whether a record is skipped by "validation".
    static func isSkipped(_ ordinal: Int) -> Bool { ordinal % 50 == 7 }

    /// The "service" answer for a record on a given attempt.
    static func result(ordinal: Int, attempt: Int) -> RecordOutcome.Result {
        if ordinal % 97 == 3 { return .failed(reason: "400 bad certificate", errorCode: 400_004) }
        if ordinal % 89 == 5 { return .conflict(reason: "409 already exists", errorCode: 409_201) }
        if ordinal % 13 == 0 && attempt == 1 { return .retry(reason: "503 busy", errorCode: 503_000) }
        return .succeeded
    }

    /// Runs the workload; records left in flight by a crash are in doubt: with `resendInDoubt` they are
    /// sent again as they are, otherwise put back to pending first (as after asking the service).
    static func run(journal path: String, output: String, resendInDoubt: Bool) throws {
        let journal = try Journal.open(at: path, run: Fixture.run())
        let inFlight = try journal.inFlightRecords()
        if !inFlight.isEmpty, !resendInDoubt {
            try journal.recordOutcomes(
                inFlight.map { RecordOutcome(ordinal: $0.ordinal, .retry(reason: nil, errorCode: nil)) }
            )
            report("reconciled \(inFlight.count)", to: output)
        }
        var next = (try journal.summary().highestOrdinal ?? -1) + 1
        while next < total {
            let end = min(next + addChunk, total)
            try journal.addRecords(
                Fixture.records(next..<end).map { record in
                    var record = record
                    if isSkipped(record.ordinal) { record.disposition = .skipped(reason: "invalid registration ID") }
                    return record
                }
            )
            report("added \(end)", to: output)
            next = end
        }
        while true {
            let batch = try journal.records(in: [.pending, .inFlight], limit: requestSize)
            if batch.isEmpty { break }
            try journal.markInFlight(ordinals: batch.map(\.ordinal))
            report("sent \(batch[0].ordinal) \(batch.count)", to: output)
            let outcomes = batch.map {
                RecordOutcome(ordinal: $0.ordinal, result(ordinal: $0.ordinal, attempt: $0.attempts + 1))
            }
            let retries = outcomes.filter { if case .retry = $0.result { true } else { false } }.count
            try journal.recordOutcomes(outcomes, counters: RunCounters(throttled: retries, retries: retries))
            report("recorded \(batch[0].ordinal)", to: output)
        }
        try journal.markCompleted()
        report("completed", to: output)
        try journal.close()
    }
}
