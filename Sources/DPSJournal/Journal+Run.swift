import Foundation
import GRDB

/// The run a journal records, as stored.
public struct JournalRun: Sendable, Equatable {
    /// The manifest path given by the latest session.
    public var manifestPath: String
    /// The manifest digest the run now follows (the latest, if a session was forced).
    public var manifestSHA256: String
    /// The DPS host.
    public var targetHost: String
    /// The operation.
    public var mode: RunMode
    /// The latest session's options, JSON object text.
    public var options: String
    /// The latest session's dpsbulk version.
    public var dpsbulkVersion: String
    /// Running, completed or interrupted.
    public var status: RunStatus
    /// Whether some session resumed the run over a changed manifest with `force`.
    public var forced: Bool
    /// Requests sent, throttled responses, retries.
    public var counters: RunCounters
    /// When the run started.
    public var createdAt: Date
    /// When the run row last changed.
    public var updatedAt: Date
}

/// One opening of a journal by a process.
public struct JournalSession: Sendable, Equatable {
    /// 1 for the session that started the run, then 2, 3...
    public var id: Int
    /// When the session opened the journal.
    public var startedAt: Date
    /// The process ID.
    public var pid: Int
    /// The machine's host name.
    public var hostname: String
    /// The dpsbulk version.
    public var dpsbulkVersion: String
    /// The manifest digest of this session.
    public var manifestSHA256: String
    /// The options of this session.
    public var options: String
    /// The run's previous digest when this session was forced over a changed manifest.
    public var forcedFromSHA256: String?
}

extension Journal {
    /// The run row.
    public func run() throws -> JournalRun {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = 1") else {
                throw JournalError(code: .incompatibleJournal, message: "journal \(path) has no run")
            }
            let modeText: String = row["mode"]
            let statusText: String = row["status"]
            guard let mode = RunMode(rawValue: modeText), let status = RunStatus(rawValue: statusText) else {
                throw JournalError(code: .incompatibleJournal, message: "journal \(path) has an unknown mode or status")
            }
            return JournalRun(
                manifestPath: row["manifestPath"],
                manifestSHA256: row["manifestSHA256"],
                targetHost: row["targetHost"],
                mode: mode,
                options: row["options"],
                dpsbulkVersion: row["dpsbulkVersion"],
                status: status,
                forced: row["forced"],
                counters: RunCounters(
                    requestsSent: row["requestsSent"],
                    throttled: row["throttled"],
                    retries: row["retries"]
                ),
                createdAt: Timestamp.parse(row["createdAt"]) ?? .distantPast,
                updatedAt: Timestamp.parse(row["updatedAt"]) ?? .distantPast
            )
        }
    }

    /// Every session that opened the journal, oldest first.
    public func sessions() throws -> [JournalSession] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM session ORDER BY id").map { row in
                JournalSession(
                    id: row["id"],
                    startedAt: Timestamp.parse(row["startedAt"]) ?? .distantPast,
                    pid: row["pid"],
                    hostname: row["hostname"],
                    dpsbulkVersion: row["dpsbulkVersion"],
                    manifestSHA256: row["manifestSHA256"],
                    options: row["options"],
                    forcedFromSHA256: row["forcedFromSHA256"]
                )
            }
        }
    }

    /// Marks the run completed.
    ///
    /// - Throws: ``JournalError/Code/invalidTransition`` while records are still `pending` or `inFlight`.
    public func markCompleted() throws {
        let now = timestamp()
        try write { db in
            let open =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT count(*) FROM record WHERE state IN ('pending', 'inFlight'))
                            - (SELECT coalesce(sum(lastOrdinal - firstOrdinal + 1), 0) FROM requestSpan
                               WHERE state = 'succeeded')
                        """
                ) ?? 0
            guard open == 0 else {
                throw JournalError(
                    code: .invalidTransition,
                    message: "run in journal \(path) cannot complete: \(open) records are still pending or in flight"
                )
            }
            try db.execute(sql: "UPDATE run SET status = 'completed', updatedAt = ? WHERE id = 1", arguments: [now])
        }
    }

    /// Marks the run interrupted (stopped on purpose; resumable).
    public func markInterrupted() throws {
        let now = timestamp()
        try write { db in
            try db.execute(sql: "UPDATE run SET status = 'interrupted', updatedAt = ? WHERE id = 1", arguments: [now])
        }
    }
}
