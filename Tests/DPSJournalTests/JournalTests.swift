import DPSJournal
import Foundation
import Testing

struct JournalTests {
    @Test func startsANewRun() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let journal = try Journal.open(at: path, run: Fixture.run())
        #expect(journal.resumption == nil)
        let run = try journal.run()
        #expect(run.status == .running)
        #expect(run.targetHost == Fixture.host)
        #expect(run.mode == .create)
        #expect(run.manifestSHA256 == Fixture.digestA)
        #expect(run.options == #"{"batchSize":10}"#)
        #expect(run.dpsbulkVersion == "0.1.0")
        #expect(run.forced == false)
        #expect(run.counters == .zero)
        #expect(try journal.sessions().count == 1)
        #expect(try journal.summary().total == 0)
        try journal.close()
    }

    @Test func resumesTheSameRun() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let first = try Journal.open(at: path, run: Fixture.run())
        try first.addRecords(Fixture.records(0..<5))
        try first.markInterrupted()
        try first.close()

        let second = try Journal.open(at: path, run: Fixture.run(options: #"{"batchSize":50}"#))
        #expect(second.resumption?.previousStatus == .interrupted)
        #expect(second.resumption?.forcedFromSHA256 == nil)
        #expect(second.resumption?.sessionCount == 2)
        #expect(try second.run().status == .running)
        #expect(try second.run().options == #"{"batchSize":50}"#)
        #expect(try second.summary().total == 5)
        #expect(try second.sessions().map(\.options) == [#"{"batchSize":10}"#, #"{"batchSize":50}"#])
        try second.close()
    }

    @Test func refusesAChangedManifestUnlessForced() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        try Journal.open(at: path, run: Fixture.run()).close()

        #expect(throws: JournalError.manifestChanged) {
            try Journal.open(at: path, run: Fixture.run(digest: Fixture.digestB))
        }
        do {
            _ = try Journal.open(at: path, run: Fixture.run(digest: Fixture.digestB))
        } catch let error as JournalError {
            #expect(error.message.contains(Fixture.digestA) && error.message.contains(Fixture.digestB))
        }

        let forced = try Journal.open(at: path, run: Fixture.run(digest: Fixture.digestB), force: true)
        #expect(forced.resumption?.forcedFromSHA256 == Fixture.digestA)
        let run = try forced.run()
        #expect(run.forced)
        #expect(run.manifestSHA256 == Fixture.digestB)
        #expect(try forced.sessions().last?.forcedFromSHA256 == Fixture.digestA)
        try forced.close()

        // The forced flag stays; the next session with the new digest is an ordinary resumption.
        let again = try Journal.open(at: path, run: Fixture.run(digest: Fixture.digestB))
        #expect(again.resumption?.forcedFromSHA256 == nil)
        #expect(try again.run().forced)
        try again.close()
    }

    @Test func refusesAnotherHostOrModeEvenWithForce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        try Journal.open(at: path, run: Fixture.run()).close()
        #expect(throws: JournalError.targetHostMismatch) {
            try Journal.open(at: path, run: Fixture.run(host: "other.azure-devices-provisioning.net"), force: true)
        }
        #expect(throws: JournalError.modeMismatch) {
            try Journal.open(at: path, run: Fixture.run(mode: .delete), force: true)
        }
        // A refused open releases the lock.
        try Journal.open(at: path, run: Fixture.run()).close()
    }

    @Test func refusesAFileThatIsNotAJournal() throws {
        let directory = try TemporaryDirectory()
        let text = directory.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: JournalError.incompatibleJournal) { try Journal.open(at: text, run: Fixture.run()) }
    }

    @Test(.enabled(if: sqlite3Path != nil))
    func refusesAnotherSQLiteDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        #expect(try sqlite3(path, "CREATE TABLE player (id INTEGER PRIMARY KEY);").status == 0)
        #expect(throws: JournalError.incompatibleJournal) { try Journal.open(at: path, run: Fixture.run()) }
    }

    @Test(.enabled(if: sqlite3Path != nil))
    func refusesAJournalFromANewerVersion() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        try Journal.open(at: path, run: Fixture.run()).close()
        #expect(try sqlite3(path, "INSERT INTO grdb_migrations VALUES ('someFutureMigration');").status == 0)
        #expect(throws: JournalError.incompatibleJournal) { try Journal.open(at: path, run: Fixture.run()) }
    }

    @Test func closedJournalRefusesWork() throws {
        let directory = try TemporaryDirectory()
        let journal = try Journal.open(at: directory.path("run.journal"), run: Fixture.run())
        try journal.close()
        #expect(journal.lock?.isHeld == false)
        #expect(throws: JournalError.closed) { try journal.summary() }
        #expect(throws: JournalError.closed) { try journal.addRecords(Fixture.records(0..<1)) }
        #expect(throws: JournalError.closed) { try journal.close() }
    }

    @Test func usesTheInjectedClock() throws {
        let directory = try TemporaryDirectory()
        let fixed = Date(timeIntervalSince1970: 1_800_000_000.25)
        let journal = try Journal.open(
            at: directory.path("run.journal"),
            run: Fixture.run(),
            configuration: .init(program: "dpsbulk-test", now: { fixed })
        )
        try journal.addRecords(Fixture.records(0..<1))
        #expect(try journal.run().createdAt == fixed)
        #expect(try journal.record(ordinal: 0)?.updatedAt == fixed)
        #expect(journal.lock?.holder.program == "dpsbulk-test")
        #expect(journal.lock?.holder.since == Date(timeIntervalSince1970: 1_800_000_000))
        try journal.close()
    }

    @Test(.enabled(if: sqlite3Path != nil))
    func usesWALAndStaysReadableByOtherTools() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let journal = try Journal.open(at: path, run: Fixture.run())
        try journal.addRecords(Fixture.records(0..<3))
        // While the journal is open and locked, an operator can still read it.
        let result = try sqlite3(path, "PRAGMA journal_mode; SELECT count(*) FROM record; SELECT targetHost FROM run;")
        #expect(result.status == 0)
        #expect(result.output == "wal\n3\n\(Fixture.host)\n")
        try journal.close()
    }
}

@Suite struct InMemoryJournalTests {
    @Test func inMemoryJournalWorksWithoutFiles() throws {
        let directory = FileManager.default.currentDirectoryPath
        let before = try FileManager.default.contentsOfDirectory(atPath: directory)
        let run = try RunDescriptor(
            manifestPath: "m.csv",
            manifestSHA256: String(repeating: "a", count: 64),
            targetHost: TargetHost("h"),
            mode: .create,
            dpsbulkVersion: "t"
        )
        let journal = try Journal.open(at: Journal.inMemoryPath, run: run)
        try journal.addRecords([NewRecord(ordinal: 0, line: 2, identifier: "d", kind: .enrollment)])
        try journal.markInFlight(ordinals: [0])
        try journal.recordOutcomes([RecordOutcome(ordinal: 0, .succeeded)])
        #expect(try journal.summary()[.succeeded] == 1)
        try journal.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == before)
    }
}
