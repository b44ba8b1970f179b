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
}
