import DPSJournal
import Foundation
import Testing

struct JournalQueriesTests {
    let directory: TemporaryDirectory
    let journal: Journal

    /// 2,500 records: every 7th skipped; of those sent, every 5th failed and every 11th a conflict.
    init() throws {
        directory = try TemporaryDirectory()
        journal = try Journal.open(at: directory.path("run.journal"), run: Fixture.run())
        for start in stride(from: 0, to: 2500, by: 1000) {
            try journal.addRecords(Fixture.records(start..<min(start + 1000, 2500), skipEvery: 7))
        }
        let pending = (0..<2500).filter { $0 % 7 != 0 }
        for start in stride(from: 0, to: pending.count, by: 100) {
            let batch = Array(pending[start..<min(start + 100, pending.count)])
            try journal.markInFlight(ordinals: batch)
            try journal.recordOutcomes(
                batch.map { ordinal in
                    if ordinal % 5 == 0 {
                        return RecordOutcome(ordinal: ordinal, .failed(reason: "bad \(ordinal)", errorCode: 400))
                    }
                    if ordinal % 11 == 0 {
                        return RecordOutcome(ordinal: ordinal, .conflict(reason: "exists", errorCode: 409))
                    }
                    return RecordOutcome(ordinal: ordinal, .succeeded)
                }
            )
        }
    }

    static func expectedState(_ ordinal: Int) -> RecordState {
        if ordinal % 7 == 0 { return .skipped }
        if ordinal % 5 == 0 { return .failed }
        if ordinal % 11 == 0 { return .conflict }
        return .succeeded
    }

    @Test func statesOfARange() throws {
        let states = try journal.states(forOrdinalsIn: 1000..<1100)
        #expect(states.count == 100)
        for (ordinal, state) in states { #expect(state == Self.expectedState(ordinal)) }
        #expect(try journal.states(forOrdinalsIn: 2490..<3000).count == 10)
        #expect(try journal.states(forOrdinalsIn: 5000..<6000).isEmpty)
    }

    @Test func summaryAddsUp() throws {
        let summary = try journal.summary()
        #expect(summary.total == 2500)
        var expected: [RecordState: Int] = [:]
        for ordinal in 0..<2500 { expected[Self.expectedState(ordinal), default: 0] += 1 }
        for state in RecordState.allCases { #expect(summary[state] == (expected[state] ?? 0)) }
        #expect(summary.totalAttempts == 2500 - expected[.skipped]!)
        #expect(try journal.run().counters.requestsSent == Int((Double(2500 - expected[.skipped]!) / 100).rounded(.up)))
    }

    @Test(arguments: [1, 7, 1000, 5000])
    func iteratesProblemsInOrdinalOrder(pageSize: Int) throws {
        var seen: [JournalRecord] = []
        try journal.forEachRecord(in: [.failed, .skipped, .conflict], pageSize: pageSize) { seen.append($0) }
        let expected = (0..<2500).filter { Self.expectedState($0) != .succeeded }
        #expect(seen.map(\.ordinal) == expected)
        #expect(seen.allSatisfy { $0.reason != nil && $0.state == Self.expectedState($0.ordinal) })
    }

    @Test func pagesWithKeysets() throws {
        let first = try journal.records(in: [.failed], limit: 3)
        #expect(first.map(\.ordinal) == [5, 10, 15])
        let second = try journal.records(in: [.failed], after: 15, limit: 3)
        #expect(second.map(\.ordinal) == [20, 25, 30])
        #expect(try journal.records(in: [], limit: 3).isEmpty)
    }

    @Test func iterationMayCallTheJournal() throws {
        var count = 0
        try journal.forEachRecord(in: [.conflict], pageSize: 10) { record in
            let state = try journal.record(ordinal: record.ordinal)?.state
            #expect(state == .conflict)
            count += 1
        }
        #expect(count > 0)
    }
}
