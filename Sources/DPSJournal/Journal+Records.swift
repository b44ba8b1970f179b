import GRDB

/// What ``Journal/addRecords(_:)`` did.
public struct AddRecordsResult: Sendable, Equatable {
    /// Records inserted now.
    public var added: Int
    /// Records already in the journal with the same identifier and kind (a resumed run re-reading
    /// its manifest); their state is kept.
    public var alreadyPresent: Int

    /// Creates a result.
    public init(added: Int, alreadyPresent: Int) {
        self.added = added
        self.alreadyPresent = alreadyPresent
    }
}

extension Journal {
    /// Adds records as `pending` or `skipped`, in one transaction.
    ///
    /// The engine streams the manifest and adds it in chunks (about 1,000 records per call is a good
    /// size: one commit each). Adding is idempotent for a resumed run: a record whose ordinal is already
    /// in the journal with the same identifier and kind is left as it is (its state is not reset).
    ///
    /// - Throws: ``JournalError/Code/invalidRecord`` (negative ordinal, line below 1, ordinal twice in
    ///   the chunk, empty skip reason) or ``JournalError/Code/recordMismatch`` when an ordinal is in the
    ///   journal with another identifier or kind: the manifest changed. Nothing of the chunk is added then.
    @discardableResult
    public func addRecords(_ records: [NewRecord]) throws -> AddRecordsResult {
        try addRecords(records) { _ in }
    }

    /// Adds records like ``addRecords(_:)`` and runs `alsoInTheTransaction` in the same transaction.
    func addRecords(
        _ records: [NewRecord],
        alsoInTheTransaction: (Database) throws -> Void
    ) throws -> AddRecordsResult {
        var seen = Set<Int>(minimumCapacity: records.count)
        for record in records {
            guard record.ordinal >= 0, record.line >= 1 else {
                throw JournalError(
                    code: .invalidRecord,
                    message: "record ordinal \(record.ordinal) line \(record.line): ordinals start at 0 and lines at 1"
                )
            }
            guard seen.insert(record.ordinal).inserted else {
                throw JournalError(
                    code: .invalidRecord,
                    message: "ordinal \(record.ordinal) appears twice in the chunk"
                )
            }
            if case .skipped(let reason) = record.disposition, reason.isEmpty {
                throw JournalError(code: .invalidRecord, message: "skipped record \(record.ordinal) needs a reason")
            }
        }
        let now = timestamp()
        return try write { db in
            try alsoInTheTransaction(db)
            var added = 0
            for start in stride(from: 0, to: records.count, by: Self.setSize) {
                let slice = records[start..<min(records.count, start + Self.setSize)]
                added += try insert(slice, db, now: now)
            }
            return AddRecordsResult(added: added, alreadyPresent: records.count - added)
        }
    }

    /// Inserts `records` in one statement; returns how many were inserted. The others were in the journal already
    /// (a resumed run): each must be there with the same identifier and kind, else the manifest changed.
    private func insert(_ records: ArraySlice<NewRecord>, _ db: Database, now: String) throws -> Int {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO record (ordinal, line, identifier, kind, state, reason, createdAt, updatedAt)
                VALUES \(String(repeating: "(?, ?, ?, ?, ?, ?, ?, ?), ", count: records.count - 1))(?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ordinal) DO NOTHING
                """
        )
        var values: [(any DatabaseValueConvertible)?] = []
        values.reserveCapacity(records.count * 8)
        for record in records {
            let (state, reason): (RecordState, String?) =
                switch record.disposition {
                case .pending: (.pending, nil)
                case .skipped(let reason): (.skipped, reason)
                }
            values +=
                [
                    record.ordinal, record.line, record.identifier, record.kind.rawValue, state.rawValue, reason, now,
                    now,
                ] as [(any DatabaseValueConvertible)?]
        }
        try insert.execute(arguments: StatementArguments(values))
        let inserted = db.changesCount
        guard inserted != records.count else { return inserted }
        let select = try db.cachedStatement(sql: "SELECT identifier, kind FROM record WHERE ordinal = ?")
        for record in records {
            guard let row = try Row.fetchOne(select, arguments: [record.ordinal]) else { continue }
            let identifier: String = row["identifier"]
            let kind: String = row["kind"]
            if identifier != record.identifier || kind != record.kind.rawValue {
                throw JournalError(
                    code: .recordMismatch,
                    message: "journal \(path) has \(kind) '\(identifier)' at ordinal \(record.ordinal), "
                        + "the manifest has \(record.kind.rawValue) '\(record.identifier)' (line \(record.line)): "
                        + "the manifest changed under the journal"
                )
            }
        }
        return inserted
    }

    /// Marks the records of one request `inFlight`, adds one to each record's attempts and one to the
    /// run's `requestsSent`, in one committed transaction.
    ///
    /// Call it right before sending the request: when it returns the mark is durable against a crash of
    /// the process, so a restart knows the request may have reached the service.
    ///
    /// A record may be `pending`, or `inFlight` when a restarted engine sends a record in doubt again
    /// (treating "already exists" / "not found" as done): it stays `inFlight`, so a second crash before
    /// its outcome is recorded still leaves it marked as possibly applied.
    ///
    /// - Throws: ``JournalError/Code/invalidTransition`` when a record is neither `pending` nor `inFlight`,
    ///   ``JournalError/Code/unknownOrdinal`` when an ordinal is not in the journal,
    ///   ``JournalError/Code/invalidRecord`` when an ordinal is given twice. Nothing is marked then.
    public func markInFlight(ordinals: [Int]) throws {
        guard !ordinals.isEmpty else { return }
        try Self.checkInFlight(ordinals)
        let now = timestamp()
        try write { db in try markInFlight(requests: [ordinals], db, now: now) }
    }

    /// Refuses an ordinal given twice.
    static func checkInFlight(_ ordinals: [Int]) throws {
        guard Set(ordinals).count == ordinals.count else {
            throw JournalError(code: .invalidRecord, message: "an ordinal appears twice in the request")
        }
    }

    /// The writes of ``markInFlight(ordinals:)`` for `requests` (each request's ordinals) in the transaction `db`: a
    /// request of consecutive pending records is one span (see ``JournalSchema/createRequestSpan``); the others'
    /// records are moved one statement per ``setSize`` records.
    func markInFlight(requests: [[Int]], _ db: Database, now: String) throws {
        var perRecord: [Int] = []
        for ordinals in requests {
            if let span = consecutive(ordinals), try insertSpan(span, db, now: now) { continue }
            perRecord += ordinals
        }
        if !perRecord.isEmpty {
            try writeSpansIntoRecords(containing: perRecord, db)
            try move(
                perRecord,
                from: [.pending, .inFlight],
                to: .inFlight,
                setting: "attempts = attempts + 1",
                db,
                now: now
            )
        }
        try db.cachedStatement(sql: "UPDATE run SET requestsSent = requestsSent + ?, updatedAt = ? WHERE id = 1")
            .execute(arguments: [requests.count, now])
    }

    /// The first and last of `ordinals` when they are consecutive (in any order) and spans are on; else nil.
    private func consecutive(_ ordinals: [Int]) -> ClosedRange<Int>? {
        guard configuration.requestSpans, let first = ordinals.min(), let last = ordinals.max(),
            last - first + 1 == ordinals.count
        else { return nil }
        // Distinct ordinals (checked by the callers) between the two ends, as many as the range holds: every one.
        return first...last
    }

    /// Records the request of the records `span` as in flight in one row; false when the schema refuses it (a record
    /// is not pending, or is in another span: a re-send), which the per-record path then handles or names.
    private func insertSpan(_ span: ClosedRange<Int>, _ db: Database, now: String) throws -> Bool {
        do {
            try db.cachedStatement(
                sql:
                    "INSERT INTO requestSpan (firstOrdinal, lastOrdinal, state, updatedAt) VALUES (?, ?, 'inFlight', ?)"
            ).execute(arguments: [span.lowerBound, span.upperBound, now])
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return false
        }
    }

    /// Writes the state of every span holding one of `ordinals` into its records and removes it (the schema's
    /// trigger does the writing), so that they can change per record.
    private func writeSpansIntoRecords(containing ordinals: [Int], _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM requestSpan)") == true else { return }
        let remove = try db.cachedStatement(
            sql: """
                DELETE FROM requestSpan
                WHERE firstOrdinal = (SELECT max(firstOrdinal) FROM requestSpan WHERE firstOrdinal <= ?)
                    AND lastOrdinal >= ?
                """
        )
        for ordinal in ordinals { try remove.execute(arguments: [ordinal, ordinal]) }
    }

    /// Records the success of the request whose records are `span`, when it is one span in flight; false otherwise.
    private func recordSpanSucceeded(_ span: ClosedRange<Int>, _ db: Database, now: String) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE requestSpan SET state = 'succeeded', updatedAt = ?
                WHERE firstOrdinal = ? AND lastOrdinal = ? AND state = 'inFlight'
                """
        ).execute(arguments: [now, span.lowerBound, span.upperBound])
        return db.changesCount == 1
    }

    /// Moves the records `ordinals`, each in one of the states `expected`, to `target`, also setting `assignments`
    /// (constant SQL): one statement per ``setSize`` records. Throws the transition error naming a record that was
    /// not in an expected state (or is missing).
    private func move(
        _ ordinals: [Int],
        from expected: [RecordState],
        to target: RecordState,
        setting assignments: String,
        _ db: Database,
        now: String
    ) throws {
        let states = expected.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        for start in stride(from: 0, to: ordinals.count, by: Self.setSize) {
            let slice = ordinals[start..<min(ordinals.count, start + Self.setSize)]
            let update = try db.cachedStatement(
                sql: """
                    UPDATE record SET state = '\(target.rawValue)', \(assignments), updatedAt = ?
                    WHERE ordinal IN (\(Self.placeholders(slice.count))) AND state IN (\(states))
                    """
            )
            try update.execute(arguments: StatementArguments([now] + slice.map { $0 as any DatabaseValueConvertible }))
            if db.changesCount != slice.count {
                // Refused records kept their state, and every other one is now in `target`.
                let refused = try refusedOrdinals(db, Array(slice), now: now, target: target)
                throw try transitionError(
                    db,
                    ordinals: refused,
                    expected: expected.map(\.rawValue).joined(separator: " or "),
                    target: target
                )
            }
        }
    }

    /// How many records one set-based statement changes at most.
    static let setSize = 50

    /// `?, ?, ?` for `count` values.
    static func placeholders(_ count: Int) -> String {
        String(repeating: "?, ", count: max(0, count - 1)) + (count > 0 ? "?" : "")
    }

    /// Those of `ordinals` that a set-based update to `target` at `now` did not change (it changed the others):
    /// records missing, in another state, or already in `target` before this write.
    private func refusedOrdinals(
        _ db: Database,
        _ ordinals: [Int],
        now: String,
        target: RecordState
    ) throws -> [Int] {
        let select = try db.cachedStatement(sql: "SELECT state, updatedAt FROM record WHERE ordinal = ?")
        return try ordinals.filter { ordinal in
            guard let row = try Row.fetchOne(select, arguments: [ordinal]) else { return true }
            return row["state"] as String != target.rawValue || row["updatedAt"] as String != now
        }
    }

    /// Records the outcomes of `inFlight` records, and adds `counters` to the run's counters, in one
    /// transaction.
    ///
    /// `succeeded`, `failed` and `conflict` are final; `retry` puts the record back to `pending`, keeping
    /// the service's message as its last error. Reasons are stored as the service gave them.
    ///
    /// - Throws: ``JournalError/Code/invalidTransition`` when a record is not `inFlight`,
    ///   ``JournalError/Code/unknownOrdinal``, or ``JournalError/Code/invalidRecord`` (an ordinal twice,
    ///   an empty reason for a failure or conflict). Nothing is recorded then.
    public func recordOutcomes(_ outcomes: [RecordOutcome], counters: RunCounters = .zero) throws {
        try Self.checkOutcomes(outcomes)
        guard !outcomes.isEmpty || counters != .zero else { return }
        let now = timestamp()
        try write { db in try recordOutcomes(outcomes, counters: counters, db, now: now) }
    }

    /// Refuses an ordinal given twice, and a failure or conflict without a reason.
    static func checkOutcomes(_ outcomes: [RecordOutcome]) throws {
        guard Set(outcomes.map(\.ordinal)).count == outcomes.count else {
            throw JournalError(code: .invalidRecord, message: "an ordinal appears twice in the outcomes")
        }
        for outcome in outcomes {
            switch outcome.result {
            case .failed(let reason, _), .conflict(let reason, _):
                guard !reason.isEmpty else {
                    throw JournalError(
                        code: .invalidRecord,
                        message: "the failure or conflict of record \(outcome.ordinal) needs a reason"
                    )
                }
            case .succeeded, .alreadyEnrolled, .retry: break
            }
        }
    }

    /// The writes of ``recordOutcomes(_:counters:)`` in the transaction `db`: successes (the common case) in one
    /// statement per ``setSize`` records, each other outcome in its own.
    func recordOutcomes(_ outcomes: [RecordOutcome], counters: RunCounters, _ db: Database, now: String) throws {
        if outcomes.allSatisfy({ $0.result == .succeeded }), let span = consecutive(outcomes.map(\.ordinal)),
            try recordSpanSucceeded(span, db, now: now)
        {
            return try add(counters, db, now: now)
        }
        try writeSpansIntoRecords(containing: outcomes.map(\.ordinal), db)
        let succeeded = outcomes.lazy.filter { $0.result == .succeeded }.map(\.ordinal)
        try move(
            Array(succeeded),
            from: [.inFlight],
            to: .succeeded,
            setting: "reason = NULL, errorCode = NULL",
            db,
            now: now
        )
        let update = try db.cachedStatement(
            sql: """
                UPDATE record SET state = ?, reason = ?, errorCode = ?, updatedAt = ?
                WHERE ordinal = ? AND state = 'inFlight'
                """
        )
        var refused: [(Int, RecordState)] = []
        for outcome in outcomes where outcome.result != .succeeded {
            let (state, reason, code): (RecordState, String?, Int?) =
                switch outcome.result {
                case .succeeded: (.succeeded, nil, nil)
                case .alreadyEnrolled: (.succeeded, nil, nil)
                case .failed(let reason, let code): (.failed, reason, code)
                case .conflict(let reason, let code): (.conflict, reason, code)
                case .retry(let reason, let code): (.pending, reason, code)
                }
            try update.execute(arguments: [state.rawValue, reason, code, now, outcome.ordinal])
            if db.changesCount == 0 {
                refused.append((outcome.ordinal, state))
            } else if outcome.result == .alreadyEnrolled {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO alreadyEnrolled (ordinal) VALUES (?)",
                    arguments: [outcome.ordinal]
                )
            }
        }
        if let first = refused.first {
            throw try transitionError(db, ordinals: refused.map(\.0), expected: "inFlight", target: first.1)
        }
        try add(counters, db, now: now)
    }

    /// Adds `delta` to the run's counters (requests sent, throttled, retries) in one transaction.
    public func addCounters(_ delta: RunCounters) throws {
        guard delta != .zero else { return }
        let now = timestamp()
        try write { db in try add(delta, db, now: now) }
    }

    private func add(_ delta: RunCounters, _ db: Database, now: String) throws {
        guard delta != .zero else { return }
        try db.cachedStatement(
            sql: """
                UPDATE run SET requestsSent = requestsSent + ?, throttled = throttled + ?, retries = retries + ?,
                    updatedAt = ?
                WHERE id = 1
                """
        ).execute(arguments: [delta.requestsSent, delta.throttled, delta.retries, now])
    }

    /// The error for records that were not in the `expected` state.
    private func transitionError(
        _ db: Database,
        ordinals: [Int],
        expected: String,
        target: RecordState
    ) throws -> JournalError {
        let select = try db.cachedStatement(sql: "SELECT state FROM record WHERE ordinal = ?")
        for ordinal in ordinals {
            guard let state = try String.fetchOne(select, arguments: [ordinal]) else {
                return JournalError(
                    code: .unknownOrdinal,
                    message: "journal \(path) has no record at ordinal \(ordinal)"
                )
            }
            return JournalError(
                code: .invalidTransition,
                message: "record \(ordinal) is \(state), not \(expected); it cannot become \(target.rawValue)"
                    + (ordinals.count > 1 ? " (and \(ordinals.count - 1) more refused)" : "")
            )
        }
        return JournalError(code: .invalidTransition, message: "no record changed")
    }
}
