import GRDB

/// The journal's schema, as GRDB migrations.
///
/// Migrations are plain SQL with plain names and are never edited once shipped: a change is a new
/// migration appended to the list. The constraints, not the Swift code, are the last word on what a
/// journal may hold: states and kinds are CHECKed, a record's identity cannot change, and a state can
/// only change along the record life cycle (see ``RecordState``).
enum JournalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createJournal") { db in
            try db.execute(sql: createJournal)
        }
        migrator.registerMigration("createSourceCursor") { db in
            try db.execute(sql: createSourceCursor)
        }
        migrator.registerMigration("createAlreadyEnrolled") { db in
            try db.execute(sql: createAlreadyEnrolled)
        }
        migrator.registerMigration("createRequestSpan") { db in
            try db.execute(sql: createRequestSpan)
        }
        return migrator
    }

    static let createJournal = """
        CREATE TABLE run (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            manifestPath TEXT NOT NULL,
            manifestSHA256 TEXT NOT NULL
                CHECK (length(manifestSHA256) = 64 AND manifestSHA256 NOT GLOB '*[^0-9a-f]*'),
            targetHost TEXT NOT NULL
                CHECK (targetHost <> '' AND instr(targetHost, ';') = 0 AND instr(targetHost, '=') = 0
                       AND lower(targetHost) NOT LIKE '%sharedaccess%'),
            mode TEXT NOT NULL CHECK (mode IN ('create', 'update', 'upsert', 'delete')),
            options TEXT NOT NULL CHECK (json_valid(options) AND json_type(options) = 'object'),
            dpsbulkVersion TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
            forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
            requestsSent INTEGER NOT NULL DEFAULT 0 CHECK (requestsSent >= 0),
            throttled INTEGER NOT NULL DEFAULT 0 CHECK (throttled >= 0),
            retries INTEGER NOT NULL DEFAULT 0 CHECK (retries >= 0),
            createdAt TEXT NOT NULL,
            updatedAt TEXT NOT NULL
        ) STRICT;

        CREATE TABLE session (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            runId INTEGER NOT NULL DEFAULT 1 REFERENCES run(id),
            startedAt TEXT NOT NULL,
            pid INTEGER NOT NULL,
            hostname TEXT NOT NULL,
            dpsbulkVersion TEXT NOT NULL,
            manifestSHA256 TEXT NOT NULL
                CHECK (length(manifestSHA256) = 64 AND manifestSHA256 NOT GLOB '*[^0-9a-f]*'),
            options TEXT NOT NULL CHECK (json_valid(options)),
            forcedFromSHA256 TEXT
                CHECK (forcedFromSHA256 IS NULL OR forcedFromSHA256 <> manifestSHA256)
        ) STRICT;

        CREATE TABLE record (
            ordinal INTEGER PRIMARY KEY CHECK (ordinal >= 0),
            line INTEGER NOT NULL CHECK (line >= 1),
            identifier TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('enrollment', 'group')),
            state TEXT NOT NULL
                CHECK (state IN ('pending', 'inFlight', 'succeeded', 'failed', 'skipped', 'conflict')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            reason TEXT,
            errorCode INTEGER,
            createdAt TEXT NOT NULL,
            updatedAt TEXT NOT NULL,
            CHECK (state NOT IN ('failed', 'skipped', 'conflict') OR (reason IS NOT NULL AND reason <> '')),
            CHECK (state <> 'succeeded' OR (reason IS NULL AND errorCode IS NULL)),
            CHECK (state <> 'skipped' OR (attempts = 0 AND errorCode IS NULL))
        ) STRICT;

        CREATE INDEX recordInFlight ON record(ordinal) WHERE state = 'inFlight';

        CREATE TRIGGER recordIdentityIsFixed
        BEFORE UPDATE OF ordinal, line, identifier, kind ON record
        WHEN NEW.ordinal IS NOT OLD.ordinal OR NEW.line IS NOT OLD.line
          OR NEW.identifier IS NOT OLD.identifier OR NEW.kind IS NOT OLD.kind
        BEGIN
            SELECT RAISE(ABORT, 'a record''s ordinal, line, identifier and kind never change');
        END;

        CREATE TRIGGER recordStateFollowsLifeCycle
        BEFORE UPDATE OF state ON record
        WHEN NOT ((OLD.state IN ('pending', 'inFlight') AND NEW.state = 'inFlight')
               OR (OLD.state = 'inFlight' AND NEW.state IN ('pending', 'succeeded', 'failed', 'conflict')))
        BEGIN
            SELECT RAISE(ABORT, 'invalid record state transition');
        END;

        CREATE TRIGGER recordAttemptsNeverDecrease
        BEFORE UPDATE OF attempts ON record
        WHEN NEW.attempts < OLD.attempts
        BEGIN
            SELECT RAISE(ABORT, 'a record''s attempts never decrease');
        END;
        """

    /// Where a migration's walk over its source instance stands (one row, written with the records it journalled).
    static let createSourceCursor = """
        CREATE TABLE sourceCursor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            phase TEXT NOT NULL CHECK (phase IN ('groups', 'enrollments', 'finished')),
            continuation TEXT,
            nextOrdinal INTEGER NOT NULL CHECK (nextOrdinal >= 0),
            updatedAt TEXT NOT NULL
        ) STRICT;
        """

    /// The succeeded records the service already held with the same content (a create answered 409 and a read
    /// showed the content identical). A side table: a succeeded record holds no reason.
    static let createAlreadyEnrolled = """
        CREATE TABLE alreadyEnrolled (
            ordinal INTEGER PRIMARY KEY REFERENCES record(ordinal)
        ) STRICT;

        CREATE TRIGGER alreadyEnrolledIsSucceeded
        BEFORE INSERT ON alreadyEnrolled
        WHEN (SELECT state FROM record WHERE ordinal = NEW.ordinal) IS NOT 'succeeded'
        BEGIN
            SELECT RAISE(ABORT, 'only a succeeded record can be already enrolled');
        END;
        """

    /// A request whose records are consecutive ordinals, recorded as one row instead of one write per record: its
    /// records stay `pending` in `record`, and the span says they are in flight (each with one more attempt), then
    /// succeeded. The common path of an import costs one insert and one update per request instead of two updates
    /// per record. Anything else a span's records go through (a failure, a retry, a re-send after a crash) is
    /// recorded per record: the span is removed first, and removing it writes its state into its records (the
    /// trigger `requestSpanIsWrittenIntoItsRecords`), so a record's state is never lost between the two.
    ///
    /// The view `recordWithSpan` is `record` with each span's state applied to its records: what every reader sees.
    /// The triggers keep the last word in the schema: a span covers only `pending` records and no other span, goes
    /// only from `inFlight` to `succeeded`, and a record a span covers cannot change.
    static let createRequestSpan = """
        CREATE TABLE requestSpan (
            firstOrdinal INTEGER PRIMARY KEY CHECK (firstOrdinal >= 0),
            lastOrdinal INTEGER NOT NULL CHECK (lastOrdinal >= firstOrdinal),
            state TEXT NOT NULL CHECK (state IN ('inFlight', 'succeeded')),
            updatedAt TEXT NOT NULL
        ) STRICT;

        CREATE TRIGGER requestSpanCoversPendingRecordsOnly
        BEFORE INSERT ON requestSpan
        WHEN NEW.state <> 'inFlight'
          OR (SELECT count(*) FROM record
              WHERE ordinal BETWEEN NEW.firstOrdinal AND NEW.lastOrdinal AND state = 'pending')
             <> NEW.lastOrdinal - NEW.firstOrdinal + 1
          OR coalesce((SELECT lastOrdinal FROM requestSpan WHERE firstOrdinal <= NEW.lastOrdinal
                       ORDER BY firstOrdinal DESC LIMIT 1), -1) >= NEW.firstOrdinal
        BEGIN
            SELECT RAISE(ABORT, 'a request span starts in flight and covers pending records outside any other span');
        END;

        CREATE TRIGGER requestSpanFollowsLifeCycle
        BEFORE UPDATE ON requestSpan
        WHEN NEW.firstOrdinal IS NOT OLD.firstOrdinal OR NEW.lastOrdinal IS NOT OLD.lastOrdinal
          OR NOT (OLD.state = 'inFlight' AND NEW.state = 'succeeded')
        BEGIN
            SELECT RAISE(ABORT, 'a request span only goes from inFlight to succeeded');
        END;

        CREATE TRIGGER requestSpanIsWrittenIntoItsRecords
        AFTER DELETE ON requestSpan
        BEGIN
            UPDATE record SET state = 'inFlight', attempts = attempts + 1, updatedAt = OLD.updatedAt
            WHERE ordinal BETWEEN OLD.firstOrdinal AND OLD.lastOrdinal;
            UPDATE record SET state = 'succeeded', reason = NULL, errorCode = NULL
            WHERE OLD.state = 'succeeded' AND ordinal BETWEEN OLD.firstOrdinal AND OLD.lastOrdinal;
        END;

        CREATE VIEW recordWithSpan AS
        SELECT r.ordinal, r.line, r.identifier, r.kind,
            coalesce(s.state, r.state) AS state,
            r.attempts + (s.state IS NOT NULL) AS attempts,
            CASE WHEN s.state = 'succeeded' THEN NULL ELSE r.reason END AS reason,
            CASE WHEN s.state = 'succeeded' THEN NULL ELSE r.errorCode END AS errorCode,
            r.createdAt, coalesce(s.updatedAt, r.updatedAt) AS updatedAt
        FROM record r LEFT JOIN requestSpan s
            ON s.firstOrdinal = (SELECT max(firstOrdinal) FROM requestSpan WHERE firstOrdinal <= r.ordinal)
            AND s.lastOrdinal >= r.ordinal;

        CREATE TRIGGER recordInARequestSpanChangesOnlyThroughIt
        BEFORE UPDATE ON record
        WHEN coalesce((SELECT lastOrdinal FROM requestSpan WHERE firstOrdinal <= NEW.ordinal
                       ORDER BY firstOrdinal DESC LIMIT 1), -1) >= NEW.ordinal
        BEGIN
            SELECT RAISE(ABORT, 'a record in a request span changes only through its span');
        END;
        """
}
