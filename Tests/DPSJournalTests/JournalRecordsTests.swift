import DPSJournal
import Foundation
import Testing

struct JournalRecordsTests {
    let directory: TemporaryDirectory
    let journal: Journal

    init() throws {
        directory = try TemporaryDirectory()
        journal = try Journal.open(at: directory.path("run.journal"), run: Fixture.run())
    }

    @Test func addsPendingAndSkippedRecords() throws {
        let result = try journal.addRecords(Fixture.records(0..<10, skipEvery: 4))
        #expect(result == AddRecordsResult(added: 10, alreadyPresent: 0))
        let summary = try journal.summary()
        #expect(summary[.pending] == 7)
        #expect(summary[.skipped] == 3)
        #expect(summary.highestOrdinal == 9)
        let skipped = try #require(try journal.record(ordinal: 4))
        #expect(skipped.state == .skipped)
        #expect(skipped.reason == "registrationId: invalid character")
        #expect(skipped.line == 6)
        #expect(skipped.attempts == 0)
        #expect(try journal.record(ordinal: 9)?.kind == .group)
    }

    @Test func addingAgainKeepsStates() throws {
        try journal.addRecords(Fixture.records(0..<5))
        try journal.markInFlight(ordinals: [0, 1])
        try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded)])
        let again = try journal.addRecords(Fixture.records(0..<8))
        #expect(again == AddRecordsResult(added: 3, alreadyPresent: 5))
        #expect(try journal.states(forOrdinalsIn: 0..<3) == [0: .succeeded, 1: .inFlight, 2: .pending])
    }

    @Test func refusesARecordThatChangedIdentity() throws {
        try journal.addRecords(Fixture.records(0..<5))
        var changed = Fixture.records(3..<8)
        changed[1].identifier = "someone-else"
        #expect(throws: JournalError.recordMismatch) { try journal.addRecords(changed) }
        // The whole chunk was rolled back: 5..<8 were not added.
        #expect(try journal.summary().total == 5)
    }

    @Test func refusesMalformedRecords() throws {
        #expect(throws: JournalError.invalidRecord) {
            try journal.addRecords([NewRecord(ordinal: -1, line: 1, identifier: "a", kind: .enrollment)])
        }
        #expect(throws: JournalError.invalidRecord) {
            try journal.addRecords([NewRecord(ordinal: 0, line: 0, identifier: "a", kind: .enrollment)])
        }
        #expect(throws: JournalError.invalidRecord) {
            try journal.addRecords(Fixture.records(0..<2) + Fixture.records(1..<2))
        }
        #expect(throws: JournalError.invalidRecord) {
            try journal.addRecords([
                NewRecord(ordinal: 0, line: 1, identifier: "", kind: .group, disposition: .skipped(reason: ""))
            ])
        }
        #expect(try journal.summary().total == 0)
    }

    @Test func markInFlightCountsAttemptsAndRequests() throws {
        try journal.addRecords(Fixture.records(0..<4))
        try journal.markInFlight(ordinals: [0, 1, 2])
        #expect(try journal.inFlightRecords().map(\.ordinal) == [0, 1, 2])
        #expect(try journal.record(ordinal: 1)?.attempts == 1)
        #expect(try journal.run().counters.requestsSent == 1)
        #expect(try journal.summary().totalAttempts == 3)
    }

    @Test func markInFlightIsAllOrNothing() throws {
        try journal.addRecords(Fixture.records(0..<4, skipEvery: 3))
        // 3 is skipped: the whole request is refused and nothing is marked.
        #expect(throws: JournalError.invalidTransition) { try journal.markInFlight(ordinals: [1, 2, 3]) }
        #expect(throws: JournalError.unknownOrdinal) { try journal.markInFlight(ordinals: [1, 99]) }
        #expect(throws: JournalError.invalidRecord) { try journal.markInFlight(ordinals: [1, 1]) }
        #expect(try journal.inFlightRecords().isEmpty)
        #expect(try journal.run().counters.requestsSent == 0)
    }

    @Test func aRecordInDoubtMayBeSentAgain() throws {
        try journal.addRecords(Fixture.records(0..<2))
        try journal.markInFlight(ordinals: [0])
        // A restarted engine re-sends the record left in flight together with a pending one.
        try journal.markInFlight(ordinals: [0, 1])
        #expect(try journal.record(ordinal: 0)?.state == .inFlight)
        #expect(try journal.record(ordinal: 0)?.attempts == 2)
        #expect(try journal.run().counters.requestsSent == 2)
        try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded)])
        #expect(throws: JournalError.invalidTransition) { try journal.markInFlight(ordinals: [0]) }
    }

    @Test func recordsOutcomes() throws {
        try journal.addRecords(Fixture.records(0..<4))
        try journal.markInFlight(ordinals: [0, 1, 2, 3])
        try journal.recordOutcomes(
            [
                RecordOutcome(ordinal: 0, .succeeded),
                RecordOutcome(ordinal: 1, .failed(reason: "Invalid certificate.", errorCode: 400_004)),
                RecordOutcome(ordinal: 2, .conflict(reason: "Enrollment already exists.", errorCode: 409_201)),
                RecordOutcome(ordinal: 3, .retry(reason: "Too many requests", errorCode: 429_001)),
            ],
            counters: RunCounters(throttled: 1, retries: 1)
        )
        #expect(try journal.states(forOrdinalsIn: 0..<4) == [0: .succeeded, 1: .failed, 2: .conflict, 3: .pending])
        let failed = try #require(try journal.record(ordinal: 1))
        #expect(failed.reason == "Invalid certificate.")
        #expect(failed.errorCode == 400_004)
        #expect(try journal.record(ordinal: 3)?.reason == "Too many requests")
        #expect(try journal.run().counters == RunCounters(requestsSent: 1, throttled: 1, retries: 1))

        // The retried record goes around again; attempts count every request.
        try journal.markInFlight(ordinals: [3])
        try journal.recordOutcomes([RecordOutcome(ordinal: 3, .succeeded)])
        let retried = try #require(try journal.record(ordinal: 3))
        #expect(retried.attempts == 2)
        #expect(retried.reason == nil && retried.errorCode == nil)
        #expect(try journal.summary().totalAttempts == 5)
    }

    @Test func outcomesAreAllOrNothing() throws {
        try journal.addRecords(Fixture.records(0..<3))
        try journal.markInFlight(ordinals: [0, 1])
        // 2 was never sent: nothing of the batch is recorded.
        #expect(throws: JournalError.invalidTransition) {
            try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded), RecordOutcome(ordinal: 2, .succeeded)])
        }
        #expect(throws: JournalError.invalidRecord) {
            try journal.recordOutcomes([RecordOutcome(ordinal: 0, .failed(reason: "", errorCode: nil))])
        }
        #expect(try journal.states(forOrdinalsIn: 0..<3) == [0: .inFlight, 1: .inFlight, 2: .pending])
        try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded)])
        // A final state is final: nothing is applied twice.
        #expect(throws: JournalError.invalidTransition) {
            try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded)])
        }
    }

    @Test func setsLargerThanOneStatementAreMarkedAndRefusedWhole() throws {
        try journal.addRecords(Fixture.records(0..<130, skipEvery: 129))
        // 0 and 129 are skipped; 129 sits in the third statement's slice: nothing of the request is marked.
        #expect(throws: JournalError.invalidTransition) { try journal.markInFlight(ordinals: Array(1..<130)) }
        #expect(try journal.inFlightRecords().isEmpty)
        try journal.markInFlight(ordinals: Array(1..<129))
        #expect(try journal.inFlightRecords().count == 128)
        let outcomes = (1..<129).map {
            RecordOutcome(ordinal: $0, $0 == 60 ? .failed(reason: "Invalid.", errorCode: 400_004) : .succeeded)
        }
        do {
            try journal.recordOutcomes(outcomes + [RecordOutcome(ordinal: 129, .succeeded)])
            Issue.record("an outcome for a skipped record was accepted")
        } catch let error as JournalError {
            #expect(error.code == .invalidTransition)
            #expect(error.message.contains("record 129 is skipped"), "\(error.message)")
        }
        #expect(try journal.inFlightRecords().count == 128)
        try journal.recordOutcomes(outcomes)
        let summary = try journal.summary()
        #expect(summary[.succeeded] == 127 && summary[.failed] == 1 && summary[.skipped] == 2)
    }

    @Test func countersAccumulate() throws {
        try journal.addCounters(RunCounters(requestsSent: 2, throttled: 1))
        try journal.addCounters(RunCounters(throttled: 2, retries: 3))
        #expect(try journal.run().counters == RunCounters(requestsSent: 2, throttled: 3, retries: 3))
    }

    @Test func completesOnlyWhenEveryRecordIsFinal() throws {
        try journal.addRecords(Fixture.records(0..<2))
        try journal.markInFlight(ordinals: [0, 1])
        #expect(throws: JournalError.invalidTransition) { try journal.markCompleted() }
        try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded), RecordOutcome(ordinal: 1, .succeeded)])
        try journal.markCompleted()
        #expect(try journal.run().status == .completed)
        try journal.markInterrupted()
        #expect(try journal.run().status == .interrupted)
    }
}
