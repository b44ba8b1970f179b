import DPSJournal
import Foundation
import Testing

/// A writer SIGKILLed at random moments leaves a consistent journal that resumes to completion.
@Suite(.enabled(if: ChildProcess.isSupported))
struct JournalCrashTests {
    @Test func survivesKillsAtRandomMoments() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var opens = 0
        var reported = Reported()
        for round in 0..<6 {
            let child = try ChildProcess(
                mode: round % 2 == 0 ? "crashWriter-retry" : "crashWriter-resend",
                journal: path,
                output: directory.path("round-\(round).out")
            )
            // Kill after a random number of committed steps (each round does a few hundred).
            // The first round dies while adding records, the others while sending.
            let target =
                round == 0 ? Int.random(in: 1...5, using: &generator) : Int.random(in: 3...120, using: &generator)
            let reached = child.waitForLineCount(target)
            child.killAndWait()
            opens += 1
            let lines = child.lines()
            reported.add(lines)
            print(
                "DPSJournal crash round \(round): SIGKILL after \(lines.count) reports, last: \(lines.last ?? "none")"
            )
            if lines.last == "completed" { break }
            kills += 1
            #expect(reached >= min(target, lines.count))
            try checkConsistency(path: path, reported: reported, kills: kills)
            opens += 1
        }
        #expect(kills > 0)

        // A final run without a kill completes the import.
        let last = try ChildProcess(mode: "crashWriter-resend", journal: path, output: directory.path("final.out"))
        #expect(last.wait() == 0)
        #expect(last.lines().last == "completed")
        reported.add(last.lines())
        opens += 2

        let journal = try Journal.open(at: path, run: Fixture.run())
        let summary = try journal.summary()
        #expect(summary.total == CrashWorkload.total)
        #expect(summary[.pending] == 0 && summary[.inFlight] == 0)
        var expected: [RecordState: Int] = [:]
        for ordinal in 0..<CrashWorkload.total {
            let state: RecordState =
                if CrashWorkload.isSkipped(ordinal) { .skipped } else {
                    switch CrashWorkload.result(ordinal: ordinal, attempt: 2) {
                    case .failed: .failed
                    case .conflict: .conflict
                    default: .succeeded
                    }
                }
            expected[state, default: 0] += 1
        }
        for state in RecordState.allCases { #expect(summary[state] == (expected[state] ?? 0), "\(state)") }
        // Every request and every attempt is counted; at most the one request a kill interrupted
        // between its commit and its report is extra.
        let counters = try journal.run().counters
        #expect(counters.requestsSent >= reported.requests && counters.requestsSent <= reported.requests + kills)
        #expect(summary.totalAttempts >= reported.attempts)
        #expect(summary.totalAttempts <= reported.attempts + kills * CrashWorkload.requestSize)
        #expect(try journal.sessions().count == opens)
        try journal.close()
    }

    /// Every invariant a resumed engine relies on, after a kill.
    private func checkConsistency(path: String, reported: Reported, kills: Int) throws {
        if sqlite3Path != nil {
            #expect(try sqlite3(path, "PRAGMA integrity_check;").output == "ok\n")
        }
        let journal = try Journal.open(at: path, run: Fixture.run())
        defer { try? journal.close() }
        let summary = try journal.summary()
        // Chunks of added records are atomic: ordinals are contiguous and come in whole chunks.
        #expect(summary.total == (summary.highestOrdinal ?? -1) + 1)
        #expect(summary.total % CrashWorkload.addChunk == 0 || summary.total == CrashWorkload.total)
        // Counts add up; records in flight are at most one request per kill.
        #expect(summary.counts.values.reduce(0, +) == summary.total)
        #expect(summary[.inFlight] <= CrashWorkload.requestSize * kills)
        // Nothing reported as committed was lost; at most the transaction before each kill's report is extra.
        let run = try journal.run()
        #expect(run.status == .running)
        #expect(summary.total >= reported.added)
        #expect(run.counters.requestsSent >= reported.requests)
        #expect(run.counters.requestsSent <= reported.requests + kills)
        #expect(summary.totalAttempts >= reported.attempts)
        #expect(summary.totalAttempts <= reported.attempts + kills * CrashWorkload.requestSize)
        // Records in final states were sent; skipped ones never were.
        var ordinal: Int?
        repeat {
            let page = try journal.records(in: Set(RecordState.allCases), after: ordinal, limit: 1000)
            for record in page {
                switch record.state {
                case .skipped: #expect(record.attempts == 0 && record.reason != nil)
                case .succeeded: #expect(record.attempts >= 1 && record.reason == nil)
                case .failed, .conflict: #expect(record.attempts >= 1 && record.reason != nil)
                case .inFlight: #expect(record.attempts >= 1)
                case .pending: break
                }
            }
            ordinal = page.count == 1000 ? page.last?.ordinal : nil
        } while ordinal != nil
    }

    /// What the children reported after their commits, over all rounds.
    struct Reported {
        var added = 0
        var requests = 0
        var attempts = 0

        mutating func add(_ lines: [String]) {
            for line in lines {
                let words = line.split(separator: " ")
                if words.first == "added", let count = Int(words[1]) { added = max(added, count) }
                if words.first == "sent", let count = Int(words[2]) {
                    requests += 1
                    attempts += count
                }
            }
        }
    }
}
