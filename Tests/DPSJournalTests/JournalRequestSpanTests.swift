import DPSJournal
import Foundation
import PropertyBased
import Synchronization
import Testing

/// A request of consecutive records is journalled as one span (one insert, one update) instead of per record; readers
/// must not be able to tell. Each test runs the same calls against a journal with spans and one without, and compares
/// every answer: the result of each call (refusals included) and, after each, every record, the summary, the ranges,
/// the records in flight and the pages by state.
struct JournalRequestSpanTests {
    /// Two journals receiving the same calls, with a clock each that ticks once per read of it.
    final class Pair {
        let directory: TemporaryDirectory
        let withSpans: Journal
        let perRecord: Journal
        let size: Int

        init(records: Int, skipEvery: Int? = nil) throws {
            directory = try TemporaryDirectory()
            size = records
            withSpans = try Self.open(directory.path("spans.journal"), spans: true)
            perRecord = try Self.open(directory.path("records.journal"), spans: false)
            try both { try $0.addRecords(Fixture.records(0..<records, skipEvery: skipEvery)) }
        }

        static func open(_ path: String, spans: Bool) throws -> Journal {
            let tick = Atomic(0)
            let configuration = Journal.Configuration(
                now: { Date(timeIntervalSince1970: 1_800_000_000 + Double(tick.add(1, ordering: .relaxed).newValue)) },
                requestSpans: spans
            )
            return try Journal.open(at: path, run: Fixture.run(), configuration: configuration)
        }

        /// Runs `call` on both journals and expects the same outcome: both succeed, or both throw the same code.
        func both(_ call: (Journal) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
            // Nil for a success, else the refusal's code.
            let refusals: [String?] = [withSpans, perRecord].map { journal in
                do {
                    try call(journal)
                    return nil
                } catch {
                    return (error as? JournalError)?.code.rawValue ?? "\(error)"
                }
            }
            #expect(refusals[0] == refusals[1], "spans, per record", sourceLocation: sourceLocation)
            try expectSameReads(sourceLocation: sourceLocation)
        }

        func expectSameReads(sourceLocation: SourceLocation) throws {
            let journals = [withSpans, perRecord]
            let summaries = try journals.map { try $0.summary() }
            #expect(summaries[0] == summaries[1], sourceLocation: sourceLocation)
            let ranges = try journals.map { try $0.states(forOrdinalsIn: 3..<(size - 2)) }
            #expect(ranges[0] == ranges[1], sourceLocation: sourceLocation)
            let inFlight = try journals.map { try $0.inFlightRecords() }
            #expect(inFlight[0] == inFlight[1], sourceLocation: sourceLocation)
            for ordinal in 0..<size {
                let records = try journals.map { try $0.record(ordinal: ordinal) }
                #expect(records[0] == records[1], "record \(ordinal)", sourceLocation: sourceLocation)
            }
            let pages = try journals.map { journal in
                var seen: [JournalRecord] = []
                try journal.forEachRecord(in: [.inFlight, .succeeded, .failed], pageSize: 7) { seen.append($0) }
                return seen
            }
            #expect(pages[0] == pages[1], sourceLocation: sourceLocation)
            let enrolled = try journals.map { try $0.alreadyEnrolledCount() }
            #expect(enrolled[0] == enrolled[1], sourceLocation: sourceLocation)
        }
    }

    @Test func theCommonPathReadsTheSameAsPerRecord() throws {
        let pair = try Pair(records: 40)
        try pair.both { try $0.markInFlight(ordinals: Array(0..<10)) }
        try pair.both { try $0.markInFlight(ordinals: Array(10..<20)) }
        try pair.both { try $0.recordOutcomes((0..<10).map { RecordOutcome(ordinal: $0, .succeeded) }) }
        // Answered in another order than sent.
        try pair.both { try $0.recordOutcomes((10..<20).reversed().map { RecordOutcome(ordinal: $0, .succeeded) }) }
        try pair.both { try $0.markInFlight(ordinals: Array(20..<40)) }
        try pair.both { try $0.recordOutcomes((20..<40).map { RecordOutcome(ordinal: $0, .succeeded) }) }
        try pair.both { try $0.markCompleted() }
        // Three requests, three rows (the per-record journal has none): the records themselves were never updated.
        if sqlite3Path != nil {
            let spans = "SELECT count(*), sum(state = 'succeeded') FROM requestSpan; SELECT max(attempts) FROM record"
            #expect(try sqlite3(pair.directory.path("spans.journal"), spans).output == "3|3\n0\n")
            #expect(try sqlite3(pair.directory.path("records.journal"), spans).output == "0|\n1\n")
        }
    }

    @Test func aMixedAnswerARetryAndAResendAreRecordedPerRecord() throws {
        let pair = try Pair(records: 30)
        try pair.both { try $0.markInFlight(ordinals: Array(0..<10)) }
        try pair.both {
            try $0.recordOutcomes(
                (0..<10).map { ordinal in
                    switch ordinal {
                    case 3: RecordOutcome(ordinal: ordinal, .failed(reason: "bad key", errorCode: 400_004))
                    case 4: RecordOutcome(ordinal: ordinal, .conflict(reason: "exists", errorCode: 409_201))
                    case 5: RecordOutcome(ordinal: ordinal, .retry(reason: "busy", errorCode: 429))
                    case 6: RecordOutcome(ordinal: ordinal, .alreadyEnrolled)
                    default: RecordOutcome(ordinal: ordinal, .succeeded)
                    }
                }
            )
        }
        // The retried record goes again, alone; a crash leaves 10..<20 in flight and the restart sends them again.
        try pair.both { try $0.markInFlight(ordinals: [5]) }
        try pair.both { try $0.recordOutcomes([RecordOutcome(ordinal: 5, .succeeded)]) }
        try pair.both { try $0.markInFlight(ordinals: Array(10..<20)) }
        try pair.both { try $0.markInFlight(ordinals: Array(10..<20)) }
        try pair.both { try $0.recordOutcomes((10..<20).map { RecordOutcome(ordinal: $0, .succeeded) }) }
        try pair.both { try $0.markCompleted() }  // refused: 20..<30 are pending
    }

    @Test func refusedTransitionsAreRefusedAlike() throws {
        let pair = try Pair(records: 30, skipEvery: 7)
        // A request over a skipped record (0, 7, 14... are skipped), one over a missing record, one twice.
        try pair.both { try $0.markInFlight(ordinals: Array(5..<10)) }
        try pair.both { try $0.markInFlight(ordinals: Array(28..<32)) }
        try pair.both { try $0.markInFlight(ordinals: Array(1..<7)) }
        try pair.both { try $0.markInFlight(ordinals: Array(1..<7)) }
        try pair.both { try $0.recordOutcomes((1..<7).map { RecordOutcome(ordinal: $0, .succeeded) }) }
        // Succeeded records cannot be sent or answered again, whole or in part.
        try pair.both { try $0.markInFlight(ordinals: Array(1..<7)) }
        try pair.both { try $0.markInFlight(ordinals: Array(3..<5)) }
        try pair.both { try $0.recordOutcomes([RecordOutcome(ordinal: 2, .succeeded)]) }
        try pair.both { try $0.recordOutcomes((1..<7).map { RecordOutcome(ordinal: $0, .succeeded) }) }
        // An answer for a part of a request in flight, then for the rest.
        try pair.both { try $0.markInFlight(ordinals: Array(8..<14)) }
        try pair.both { try $0.recordOutcomes((8..<11).map { RecordOutcome(ordinal: $0, .succeeded) }) }
        try pair.both { try $0.recordOutcomes((11..<14).map { RecordOutcome(ordinal: $0, .succeeded) }) }
    }

    @Test(.enabled(if: sqlite3Path != nil))
    func aJournalOfAnEarlierVersionIsReadAndThenResumedWithSpans() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("earlier.journal")
        // A journal as dpsbulk wrote it before spans: per record, and without the span migration.
        let earlier = try Pair.open(path, spans: false)
        try earlier.addRecords(Fixture.records(0..<20))
        try earlier.markInFlight(ordinals: Array(0..<10))
        try earlier.recordOutcomes((0..<5).map { RecordOutcome(ordinal: $0, .succeeded) })
        try earlier.close()
        let downgrade = """
            DROP VIEW recordWithSpan;
            DROP TRIGGER recordInARequestSpanChangesOnlyThroughIt;
            DROP TABLE requestSpan;
            DELETE FROM grdb_migrations WHERE identifier = 'createRequestSpan';
            """
        #expect(try sqlite3(path, downgrade).status == 0)
        // `status` and `report` read it as it is (they never write).
        let reader = try Journal.openForReading(at: path)
        #expect(
            try reader.summary().counts == [
                .pending: 10, .inFlight: 5, .succeeded: 5, .failed: 0, .skipped: 0, .conflict: 0,
            ]
        )
        #expect(try reader.inFlightRecords().map(\.ordinal) == Array(5..<10))
        #expect(try reader.record(ordinal: 3)?.state == .succeeded)
        #expect(try reader.states(forOrdinalsIn: 0..<20).values.filter { $0 == .pending }.count == 10)
        try reader.close()
        // Resuming it adds spans; the next request is one.
        let resumed = try Pair.open(path, spans: true)
        try resumed.markInFlight(ordinals: Array(10..<20))
        try resumed.recordOutcomes((10..<20).map { RecordOutcome(ordinal: $0, .succeeded) })
        #expect(try resumed.summary().counts[.succeeded] == 15)
        try resumed.close()
        #expect(
            try sqlite3(path, "SELECT firstOrdinal, lastOrdinal, state FROM requestSpan").output == "10|19|succeeded\n"
        )
    }

    @Test(arguments: Array(1...12))
    func randomCallsReadTheSameAsPerRecord(seed: Int) throws {
        // Seeded, so that a failing seed replays.
        var random = Xoshiro(seed: (UInt64(seed), 0x9E37_79B9_7F4A_7C15, 0xBF58_476D_1CE5_E4B9, 0x94D0_49BB_1331_11EB))
        let size = 60
        let pair = try Pair(records: size, skipEvery: Int(random.next() % 3) == 0 ? 11 : nil)
        var inFlight: [[Int]] = []
        for _ in 0..<40 {
            switch random.next() % 4 {
            case 0, 1:
                // A request: consecutive mostly, sometimes with a gap or a record already sent.
                let first = Int(random.next() % UInt64(size - 1))
                let count = 1 + Int(random.next() % 10)
                var ordinals = Array(first..<min(size, first + count))
                if random.next() % 5 == 0, ordinals.count > 2 { ordinals.remove(at: 1) }
                try pair.both { try $0.markInFlight(ordinals: ordinals) }
                inFlight.append(ordinals)
            case 2 where !inFlight.isEmpty:
                let ordinals = inFlight.remove(at: Int(random.next() % UInt64(inFlight.count)))
                let outcomes = ordinals.map { ordinal in
                    switch random.next() % 12 {
                    case 0: RecordOutcome(ordinal: ordinal, .failed(reason: "bad", errorCode: 400))
                    case 1: RecordOutcome(ordinal: ordinal, .retry(reason: nil, errorCode: nil))
                    case 2: RecordOutcome(ordinal: ordinal, .alreadyEnrolled)
                    default: RecordOutcome(ordinal: ordinal, .succeeded)
                    }
                }
                try pair.both { try $0.recordOutcomes(outcomes) }
            default:
                // A restart: what is in flight is sent again.
                let resent = try pair.withSpans.inFlightRecords().map(\.ordinal)
                if !resent.isEmpty {
                    try pair.both { try $0.markInFlight(ordinals: resent) }
                    inFlight = [resent]
                }
            }
        }
    }
}
