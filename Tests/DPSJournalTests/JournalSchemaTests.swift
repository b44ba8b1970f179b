import DPSJournal
import Foundation
import Testing

/// The constraints police the data even against a writer that bypasses the library.
@Suite(.enabled(if: sqlite3Path != nil))
struct JournalSchemaTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("run.journal")
        let journal = try Journal.open(at: path, run: Fixture.run())
        try journal.addRecords(Fixture.records(0..<4, skipEvery: 2))
        try journal.markInFlight(ordinals: [1])
        try journal.recordOutcomes([RecordOutcome(ordinal: 1, .succeeded)])
        try journal.close()
    }

    @Test(arguments: [
        "UPDATE record SET state = 'done' WHERE ordinal = 1",
        "UPDATE record SET kind = 'device' WHERE ordinal = 1",
        "UPDATE record SET state = 'inFlight' WHERE ordinal = 1",
        "UPDATE record SET state = 'pending' WHERE ordinal = 0",
        "UPDATE record SET identifier = 'other' WHERE ordinal = 1",
        "UPDATE record SET attempts = 0 WHERE ordinal = 1",
        "UPDATE record SET reason = 'x' WHERE ordinal = 1",
        "UPDATE record SET reason = NULL WHERE ordinal = 0",
        "INSERT INTO record VALUES (9, 1, 'x', 'enrollment', 'failed', 0, NULL, NULL, 't', 't')",
        "INSERT INTO record VALUES (-1, 1, 'x', 'enrollment', 'pending', 0, NULL, NULL, 't', 't')",
        "INSERT INTO record VALUES ('nine', 1, 'x', 'enrollment', 'pending', 0, NULL, NULL, 't', 't')",
        // Record 1's request is a span (succeeded): it and its records change only along its life cycle.
        "INSERT INTO requestSpan VALUES (1, 1, 'inFlight', 't')",
        "INSERT INTO requestSpan VALUES (0, 0, 'inFlight', 't')",
        "INSERT INTO requestSpan VALUES (3, 3, 'succeeded', 't')",
        "INSERT INTO requestSpan VALUES (3, 4, 'inFlight', 't')",
        "UPDATE requestSpan SET state = 'inFlight' WHERE firstOrdinal = 1",
        "UPDATE requestSpan SET lastOrdinal = 3 WHERE firstOrdinal = 1",
        "UPDATE record SET state = 'inFlight', attempts = 1 WHERE ordinal = 1",
        "UPDATE run SET targetHost = 'HostName=x;SharedAccessKey=abc'",
        "UPDATE run SET targetHost = 'x.net' || char(59) || 'y'",
        "UPDATE run SET mode = 'merge'",
        "UPDATE run SET status = 'done'",
        "UPDATE run SET options = 'nope'",
        "UPDATE run SET manifestSHA256 = 'abc'",
        "UPDATE run SET requestsSent = -1",
        "INSERT INTO run (id, manifestPath, manifestSHA256, targetHost, mode, options, dpsbulkVersion, status, createdAt, updatedAt) SELECT 2, manifestPath, manifestSHA256, targetHost, mode, options, dpsbulkVersion, status, createdAt, updatedAt FROM run",
    ])
    func refusesInvalidData(sql: String) throws {
        let result = try sqlite3(path, sql)
        #expect(result.status != 0, "accepted: \(sql)")
    }

    @Test func allowsTheLifeCycle() throws {
        let result = try sqlite3(
            path,
            """
            BEGIN;
            UPDATE record SET state = 'inFlight', attempts = 1 WHERE ordinal = 3;
            UPDATE record SET state = 'pending', reason = 'busy' WHERE ordinal = 3;
            UPDATE record SET state = 'inFlight', attempts = 2 WHERE ordinal = 3;
            UPDATE record SET state = 'inFlight', attempts = 3 WHERE ordinal = 3;
            UPDATE record SET state = 'failed', reason = 'bad', errorCode = 400 WHERE ordinal = 3;
            ROLLBACK;
            """
        )
        #expect(result.status == 0)
    }

    @Test func removingASpanWritesItsStateIntoItsRecords() throws {
        let result = try sqlite3(
            path,
            """
            BEGIN;
            INSERT INTO requestSpan VALUES (3, 3, 'inFlight', 't');
            SELECT state, attempts FROM recordWithSpan WHERE ordinal = 3;
            DELETE FROM requestSpan WHERE firstOrdinal = 3;
            SELECT state, attempts FROM record WHERE ordinal = 3;
            DELETE FROM requestSpan WHERE firstOrdinal = 1;
            SELECT state, attempts, reason IS NULL FROM record WHERE ordinal = 1;
            ROLLBACK;
            """
        )
        #expect(result.status == 0)
        #expect(result.output == "inFlight|1\ninFlight|1\nsucceeded|1|1\n")
    }

    @Test func isIntact() throws {
        #expect(try sqlite3(path, "PRAGMA integrity_check; PRAGMA foreign_key_check;").output == "ok\n")
    }
}
