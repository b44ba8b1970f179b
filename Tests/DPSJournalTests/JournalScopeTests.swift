import DPSJournal
import Foundation
import Testing

/// `Journal.withOpen` and `closing`: the journal is closed and its lock released however the body ends.
struct JournalScopeTests {
    struct BodyFailed: Error {}

    @Test func aThrowingBodyClosesTheJournalAndReleasesItsLock() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("scope.journal")
        let journal = try Journal.open(at: path, run: Fixture.run())
        await #expect(throws: BodyFailed.self) {
            try await journal.closing { _ in throw BodyFailed() }
        }
        #expect(throws: JournalError.closed) { try journal.close() }
        // Another open succeeds while `journal` is still referenced: the lock was released, not left to deinit.
        let again = try Journal.open(at: path, run: Fixture.run())
        try again.close()
    }

    @Test func aBodyThatReturnsClosesTheJournalToo() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("scope.journal")
        let kept = try await Journal.withOpen(at: path, run: Fixture.run()) { journal in
            try journal.addRecords(Fixture.records(0..<3))
            return journal
        }
        #expect(throws: JournalError.closed) { try kept.close() }
        let reopened = try Journal.openForReading(at: path)
        #expect(try reopened.summary().total == 3)
        try reopened.close()
    }

    struct Options: Encodable {
        var concurrency = 4
        var operationsPerMinute = "auto"
        var strict: Bool?
    }

    @Test func optionsAreEncodedAsACompactObjectWithSortedKeysAndNoNulls() throws {
        let descriptor = try RunDescriptor(
            manifestPath: "m.csv",
            manifestSHA256: Fixture.digestA,
            targetHost: TargetHost(Fixture.host),
            mode: .create,
            options: Options(),
            dpsbulkVersion: "0.1.0"
        )
        #expect(descriptor.options == #"{"concurrency":4,"operationsPerMinute":"auto"}"#)
    }

    @Test func optionsThatAreNotAnObjectAreRefused() {
        #expect(throws: JournalError.invalidOptions) {
            try RunDescriptor(
                manifestPath: "m.csv",
                manifestSHA256: Fixture.digestA,
                targetHost: TargetHost(Fixture.host),
                mode: .create,
                options: [1, 2],
                dpsbulkVersion: "0.1.0"
            )
        }
    }
}
