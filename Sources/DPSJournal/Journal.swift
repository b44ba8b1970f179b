import Foundation
import GRDB

/// The journal of one import run: one SQLite file that makes a run killed at any moment resumable,
/// with nothing lost and nothing applied twice.
///
/// A `Journal` is the one owner of its file: it holds a ``JournalLock`` (a `flock` on `<journal>.lock`)
/// for its whole life and a single SQLite connection. Every method is one transaction, committed
/// before it returns, and methods may be called from any thread or task (they are serialized).
/// They are synchronous and short (no `fsync` on commit, see below), so they are fine to call from
/// async code.
///
/// Durability: the database is in WAL mode with `synchronous = NORMAL`. A committed transaction
/// survives the death of the process (SIGKILL, crash, OOM) because it is in the WAL file the moment
/// the method returns. A power cut or kernel crash can lose the last transactions committed since
/// the last WAL checkpoint's sync (never corrupting the file): at worst some records go back to an
/// earlier state — `inFlight` records look `pending`, or outcomes look `inFlight`. The engine's
/// reconciliation covers that: re-sending a record the service already applied yields a 409
/// (create) or 404 (delete) that it records as done, and `inFlight` records are checked against
/// the service before anything is re-sent.
///
/// Life cycle of a record: `pending → inFlight → pending | succeeded | failed | conflict`, an
/// `inFlight` record may be sent again while in doubt, and `skipped` is set from the start.
/// The schema refuses any other change.
public final class Journal: Sendable {
    /// Settings of a journal connection.
    public struct Configuration: Sendable {
        /// The program name written in the lock file and shown to a refused process.
        public var program: String
        /// The clock used for every timestamp.
        public var now: @Sendable () -> Date
        /// Whether a request of consecutive records is recorded as one span (the default) rather than per record
        /// (the same states, read the same; off for comparing the two).
        public var requestSpans: Bool

        /// Creates a configuration.
        public init(
            program: String = "dpsbulk",
            now: @escaping @Sendable () -> Date = { Date() },
            requestSpans: Bool = true
        ) {
            self.program = program
            self.now = now
            self.requestSpans = requestSpans
        }
    }

    /// How an existing run was resumed by ``open(at:run:force:configuration:)``.
    public struct Resumption: Sendable, Equatable {
        /// The run status the previous session left (`running` means it died without saying).
        public var previousStatus: RunStatus
        /// The manifest digest the run had before, when `force` accepted a changed manifest.
        public var forcedFromSHA256: String?
        /// How many sessions opened this run, this one included (2 for the first resumption).
        public var sessionCount: Int
    }

    /// The journal file's path as given.
    public let path: String
    /// The lock held while this journal is open.
    public let lock: JournalLock?
    /// Nil when this open started a new run; how it resumed an existing one otherwise.
    public let resumption: Resumption?

    let database: DatabaseQueue
    let configuration: Configuration
    /// Whether the journal has request spans (see ``JournalSchema/createRequestSpan``): always once opened to write
    /// (the migration adds them); a journal written by an earlier dpsbulk and opened to read has none.
    let hasRequestSpans: Bool

    private init(
        path: String,
        lock: JournalLock?,
        resumption: Resumption?,
        database: DatabaseQueue,
        configuration: Configuration,
        hasRequestSpans: Bool = true
    ) {
        self.path = path
        self.lock = lock
        self.resumption = resumption
        self.database = database
        self.configuration = configuration
        self.hasRequestSpans = hasRequestSpans
    }

    /// Opens (creating it if needed) the journal at `path` for `run`, taking its lock.
    ///
    /// A new file starts a new run with status `running`. An existing journal of the same run is
    /// resumed: its status goes back to `running`, the options and dpsbulk version are updated and a
    /// session is recorded.
    ///
    /// - Parameters:
    ///   - path: The journal file.
    ///   - run: What this invocation does.
    ///   - force: Go on even if the manifest's SHA-256 differs from the journal's; the run is then recorded as
    ///     forced, adopts the new digest and starts over: its records (and a migration's source cursor) are
    ///     dropped, so every record of the changed manifest is journalled and sent again. Never overrides a host
    ///     or mode mismatch.
    ///   - configuration: Program name and clock.
    /// - Throws: ``JournalError/Code/journalInUse`` (naming the holder), ``JournalError/Code/manifestChanged``,
    ///   ``JournalError/Code/targetHostMismatch``, ``JournalError/Code/modeMismatch``,
    ///   ``JournalError/Code/incompatibleJournal``, ``JournalError/Code/lockFailed``, ``JournalError/Code/database``.
    public static func open(
        at path: String,
        run: RunDescriptor,
        force: Bool = false,
        configuration: Configuration = Configuration()
    ) throws -> Journal {
        // ":memory:" keeps the journal in memory only: nothing survives the process (no resume), nothing is
        // written to disk. For measuring what the durable journal costs; no lock is needed.
        let inMemory = path == Self.inMemoryPath
        let lock =
            inMemory
            ? nil
            : try JournalLock.acquire(
                forJournalAt: path,
                program: configuration.program,
                now: configuration.now()
            )
        do {
            var config = GRDB.Configuration()
            if !inMemory { config.journalMode = .wal }
            config.busyMode = .timeout(10)
            config.label = "DPSJournal"
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Writes by primary key and short range reads: a 512 KB page cache is plenty, and keeps the
                // importer's memory flat (SQLite's default is 2 MB).
                try db.execute(sql: "PRAGMA cache_size = -512")
                // A statement that changes several records keeps its undo pages (the statement journal, so that a
                // refused transition undoes the whole statement) in memory instead of a temporary file: a few
                // pages per statement, and no file writes.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            let database =
                inMemory
                ? try DatabaseQueue(configuration: config) : try DatabaseQueue(path: path, configuration: config)
            let migrator = JournalSchema.migrator
            try database.read { db in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                if tables > 0, try !db.tableExists("grdb_migrations") {
                    throw JournalError(
                        code: .incompatibleJournal,
                        message: "\(path) is a SQLite file but not a journal"
                    )
                }
                if try migrator.hasBeenSuperseded(db) {
                    throw JournalError(
                        code: .incompatibleJournal,
                        message: "journal \(path) was written by a newer dpsbulk; use that version to resume it"
                    )
                }
            }
            try migrator.migrate(database)
            let resumption = try database.write { db in
                try begin(
                    db,
                    path: path,
                    run: run,
                    force: force,
                    holder: lock?.holder
                        ?? LockHolder(
                            program: configuration.program,
                            pid: getpid(),
                            host: "memory",
                            since: configuration.now()
                        ),
                    now: configuration.now()
                )
            }
            return Journal(
                path: path,
                lock: lock,
                resumption: resumption,
                database: database,
                configuration: configuration
            )
        } catch {
            lock?.release()
            throw mapped(error, path: path)
        }
    }

    /// Closes the connection and releases the lock. Later calls throw ``JournalError/Code/closed``.
    public func close() throws {
        if let lock {
            guard lock.isHeld else { throw JournalError(code: .closed, message: "journal \(path) is closed") }
        }
        defer { lock?.release() }
        do {
            try database.close()
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    deinit {
        if let lock, lock.isHeld {
            try? database.close()
            lock.release()
        }
    }

    /// The path that keeps a journal in memory only (see ``open(at:run:force:configuration:)``).
    public static let inMemoryPath = ":memory:"

    /// Opens an existing journal to read it only (for `dpsbulk status` and `report`): no lock is taken, so it can
    /// be read while a run holds it; writing through it fails.
    public static func openForReading(at path: String, configuration: Configuration = Configuration()) throws -> Journal
    {
        guard FileManager.default.fileExists(atPath: path) else {
            throw JournalError(code: .incompatibleJournal, message: "no journal at \(path)")
        }
        do {
            var config = GRDB.Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            let database = try DatabaseQueue(path: path, configuration: config)
            let hasRequestSpans = try database.read { db in
                guard try db.tableExists("run"), try db.tableExists("record") else {
                    throw JournalError(code: .incompatibleJournal, message: "\(path) is not a dpsbulk journal")
                }
                return try db.tableExists("requestSpan")
            }
            return Journal(
                path: path,
                lock: nil,
                resumption: nil,
                database: database,
                configuration: configuration,
                hasRequestSpans: hasRequestSpans
            )
        } catch {
            throw mapped(error, path: path)
        }
    }

    /// Starts or resumes the run; one transaction.
    private static func begin(
        _ db: Database,
        path: String,
        run: RunDescriptor,
        force: Bool,
        holder: LockHolder,
        now date: Date
    ) throws -> Resumption? {
        let now = Timestamp.milliseconds(date)
        var resumption: Resumption?
        if let row = try Row.fetchOne(db, sql: "SELECT targetHost, mode, manifestSHA256, status FROM run WHERE id = 1")
        {
            let host: String = row["targetHost"]
            let mode: String = row["mode"]
            let digest: String = row["manifestSHA256"]
            let status: String = row["status"]
            guard host == run.targetHost.value else {
                throw JournalError(
                    code: .targetHostMismatch,
                    message: "journal \(path) belongs to a run against \(host), not \(run.targetHost.value); "
                        + "use another journal file for another host"
                )
            }
            guard mode == run.mode.rawValue else {
                throw JournalError(
                    code: .modeMismatch,
                    message: "journal \(path) belongs to a '\(mode)' run, not '\(run.mode.rawValue)'; "
                        + "use another journal file for another mode"
                )
            }
            let changed = digest != run.manifestSHA256
            if changed && !force {
                throw JournalError(
                    code: .manifestChanged,
                    message: "the manifest changed since journal \(path) was started "
                        + "(SHA-256 \(digest) then, \(run.manifestSHA256) now); run again with --force to start it "
                        + "over (every record is journalled and sent again), or give another --journal"
                )
            }
            if changed {
                // Forced over a changed manifest: the records journalled by position no longer describe it (a row
                // may have moved, or a done row may now hold another key), so they are dropped and the run starts
                // over against the same journal, its sessions kept as history. Resuming by position would skip a
                // changed row as done, or stop on a moved one.
                try db.execute(sql: "DELETE FROM alreadyEnrolled")
                try db.execute(sql: "DELETE FROM requestSpan")
                try db.execute(sql: "DELETE FROM record")
                try db.execute(sql: "DELETE FROM sourceCursor")
            }
            try db.execute(
                sql: """
                    UPDATE run SET manifestPath = ?, manifestSHA256 = ?, options = ?, dpsbulkVersion = ?,
                        status = 'running', forced = forced OR ?, updatedAt = ?
                    WHERE id = 1
                    """,
                arguments: [run.manifestPath, run.manifestSHA256, run.options, run.dpsbulkVersion, changed, now]
            )
            let sessions = try Int.fetchOne(db, sql: "SELECT count(*) FROM session") ?? 0
            resumption = Resumption(
                previousStatus: RunStatus(rawValue: status) ?? .running,
                forcedFromSHA256: changed ? digest : nil,
                sessionCount: sessions + 1
            )
        } else {
            try db.execute(
                sql: """
                    INSERT INTO run (id, manifestPath, manifestSHA256, targetHost, mode, options, dpsbulkVersion,
                        status, createdAt, updatedAt)
                    VALUES (1, ?, ?, ?, ?, ?, ?, 'running', ?, ?)
                    """,
                arguments: [
                    run.manifestPath, run.manifestSHA256, run.targetHost.value, run.mode.rawValue, run.options,
                    run.dpsbulkVersion, now, now,
                ]
            )
        }
        try db.execute(
            sql: """
                INSERT INTO session (startedAt, pid, hostname, dpsbulkVersion, manifestSHA256, options, forcedFromSHA256)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                now, Int(holder.pid), holder.host, run.dpsbulkVersion, run.manifestSHA256, run.options,
                resumption?.forcedFromSHA256,
            ]
        )
        return resumption
    }

    /// Runs `body` in one write transaction, mapping SQLite errors to ``JournalError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let lock, !lock.isHeld {
            throw JournalError(code: .closed, message: "journal \(path) is closed")
        }
        if database.configuration.readonly {
            throw JournalError(code: .closed, message: "journal \(path) is open for reading only")
        }
        do {
            return try database.write(body)
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    /// Runs `body` in one read transaction, mapping SQLite errors to ``JournalError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let lock, !lock.isHeld { throw JournalError(code: .closed, message: "journal \(path) is closed") }
        do {
            return try database.read(body)
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    /// The current time as stored.
    func timestamp() -> String { Timestamp.milliseconds(configuration.now()) }

    static func mapped(_ error: any Error, path: String) -> JournalError {
        if let error = error as? JournalError { return error }
        if let error = error as? DatabaseError {
            // DatabaseError's description leaves statement arguments out (publicStatementArguments is false).
            if error.resultCode == .SQLITE_NOTADB {
                return JournalError(code: .incompatibleJournal, message: "\(path) is not a journal", underlying: error)
            }
            if error.resultCode == .SQLITE_FULL {
                return JournalError(
                    code: .diskFull,
                    message: "journal \(path): the disk is full; make room, then run the same command again to resume",
                    underlying: error
                )
            }
            if error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER {
                return JournalError(
                    code: .invalidTransition,
                    message: "journal \(path) refused a change: \(error.message ?? "constraint")",
                    underlying: error
                )
            }
            return JournalError(
                code: .database,
                message: "journal \(path): SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")",
                underlying: error
            )
        }
        return JournalError(code: .database, message: "journal \(path): \(error)")
    }
}
