import DPSJournal
import Foundation
import Testing

/// Writes committed in groups leave the journal exactly as the same writes one transaction each; a refused write
/// fails its own caller only; each write is committed (visible to another connection) when its call returns.
struct JournalGroupCommitTests {
    let directory: TemporaryDirectory
    let journal: Journal

    init() throws {
        directory = try TemporaryDirectory()
        journal = try Journal.open(at: directory.path("run.journal"), run: Fixture.run())
    }

    @Test func concurrentRequestsEndAsTheirUngroupedWritesWould() async throws {
        try journal.addRecords(Fixture.records(0..<1000))
        let commits = JournalGroupCommit(journal: journal)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for request in 0..<100 {
                group.addTask {
                    let ordinals = Array((request * 10)..<(request * 10 + 10))
                    try await commits.markInFlight(ordinals: ordinals)
                    let outcomes = ordinals.map { ordinal in
                        RecordOutcome(
                            ordinal: ordinal,
                            ordinal % 3 == 0 ? .failed(reason: "no", errorCode: 400) : .succeeded
                        )
                    }
                    try await commits.recordOutcomes(outcomes, counters: RunCounters(retries: 1))
                }
            }
            try await group.waitForAll()
        }
        let summary = try journal.summary()
        #expect(summary[.succeeded] == 666 && summary[.failed] == 334 && summary[.inFlight] == 0)
        #expect(try journal.run().counters == RunCounters(requestsSent: 100, throttled: 0, retries: 100))
        #expect(try journal.record(ordinal: 3)?.attempts == 1)
    }

    @Test func aRefusedWriteFailsItsOwnCallerOnly() async throws {
        try journal.addRecords(Fixture.records(0..<400, skipEvery: 4))
        let commits = JournalGroupCommit(journal: journal)
        let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
            for request in 0..<100 {
                group.addTask {
                    // Every request of four records holds one skipped record (ordinal % 4 == 0) in the odd ones.
                    let ordinals =
                        request % 2 == 0 ? [request * 4 + 1, request * 4 + 2] : [request * 4, request * 4 + 1]
                    do {
                        try await commits.markInFlight(ordinals: ordinals)
                        return false
                    } catch let error as JournalError {
                        #expect(error.code == .invalidTransition)
                        return true
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(refused == 50)
        // The refused requests marked nothing (not even their valid record); the others marked both.
        let summary = try journal.summary()
        #expect(summary[.inFlight] == 100 && summary[.skipped] == 100)
        #expect(try journal.run().counters.requestsSent == 50)
        #expect(try journal.record(ordinal: 5)?.state == .pending)
        #expect(try journal.record(ordinal: 1)?.state == .inFlight)
    }

    @Test func eachWriteIsCommittedWhenItsCallReturns() async throws {
        try journal.addRecords(Fixture.records(0..<10))
        let commits = JournalGroupCommit(journal: journal)
        let reader = try Journal.openForReading(at: directory.path("run.journal"))
        for ordinal in 0..<10 {
            try await commits.markInFlight(ordinals: [ordinal])
            #expect(try reader.record(ordinal: ordinal)?.state == .inFlight)
            try await commits.recordOutcomes([RecordOutcome(ordinal: ordinal, .succeeded)])
            #expect(try reader.record(ordinal: ordinal)?.state == .succeeded)
        }
    }

    @Test func outcomesThatDoNotWaitAreAllCommittedByTheNextMarkOrTheFlush() async throws {
        try journal.addRecords(Fixture.records(0..<2000))
        let commits = JournalGroupCommit(journal: journal)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for request in 0..<200 {
                group.addTask {
                    let ordinals = Array((request * 10)..<(request * 10 + 10))
                    try await commits.markInFlight(ordinals: ordinals)
                    let outcomes = ordinals.map { RecordOutcome(ordinal: $0, .succeeded) }
                    try await commits.recordOutcomes(outcomes, counters: RunCounters(retries: 1), waits: false)
                }
            }
            try await group.waitForAll()
        }
        try await commits.flush()
        let summary = try journal.summary()
        #expect(summary[.succeeded] == 2000 && summary[.inFlight] == 0)
        #expect(try journal.run().counters == RunCounters(requestsSent: 200, throttled: 0, retries: 200))
    }

    @Test func anOutcomeThatDidNotWaitGoesWithTheNextMark() async throws {
        try journal.addRecords(Fixture.records(0..<3))
        let commits = JournalGroupCommit(journal: journal)
        let reader = try Journal.openForReading(at: directory.path("run.journal"))
        try await commits.markInFlight(ordinals: [0])
        try await commits.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded)], waits: false)
        // Not committed yet: a kill now leaves record 0 in flight, to be reconciled on resume.
        #expect(try reader.record(ordinal: 0)?.state == .inFlight)
        try await commits.markInFlight(ordinals: [1])
        #expect(try reader.record(ordinal: 0)?.state == .succeeded)
        try await commits.recordOutcomes([RecordOutcome(ordinal: 1, .succeeded)], waits: false)
        try await commits.flush()
        #expect(try reader.record(ordinal: 1)?.state == .succeeded)
        #expect(try reader.record(ordinal: 2)?.state == .pending)
    }

    @Test func anOutcomeThatDidNotWaitAndWasRefusedIsThrownLater() async throws {
        try journal.addRecords(Fixture.records(0..<1000))
        let commits = JournalGroupCommit(journal: journal)
        // Request 37's outcomes name a record it never marked: refused when the next mark or the flush commits
        // them; that call, every call after it, and the flush throw.
        let thrownByCalls = try await withThrowingTaskGroup(of: Bool.self) { group in
            for request in 0..<100 {
                group.addTask {
                    let ordinals = Array((request * 10)..<(request * 10 + 10))
                    do {
                        try await commits.markInFlight(ordinals: request == 37 ? Array(ordinals.dropLast()) : ordinals)
                        let outcomes = ordinals.map { RecordOutcome(ordinal: $0, .succeeded) }
                        try await commits.recordOutcomes(outcomes, waits: false)
                        return false
                    } catch let error as JournalError {
                        #expect(error.code == .invalidTransition)
                        return true
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        var thrownAfter = 0
        do { try await commits.flush() } catch let error as JournalError {
            #expect(error.code == .invalidTransition)
            thrownAfter = 1
        }
        #expect(thrownByCalls + thrownAfter >= 1)
        #expect(try journal.record(ordinal: 379)?.state == .pending)
        #expect(try journal.summary()[.succeeded] <= 990)
    }

    @Test func malformedWritesAreRefusedBeforeAnythingIsCommitted() async throws {
        try journal.addRecords(Fixture.records(0..<3))
        let commits = JournalGroupCommit(journal: journal)
        await #expect(throws: JournalError.invalidRecord) { try await commits.markInFlight(ordinals: [1, 1]) }
        await #expect(throws: JournalError.invalidRecord) {
            try await commits.recordOutcomes([RecordOutcome(ordinal: 0, .failed(reason: "", errorCode: nil))])
        }
        await #expect(throws: JournalError.unknownOrdinal) { try await commits.markInFlight(ordinals: [7]) }
        #expect(try journal.summary()[.pending] == 3)
    }
}
