import Foundation
import GRDB

extension Journal {
    /// The states of the records whose ordinals are in `ordinals`; ordinals not in the journal are absent.
    ///
    /// A resuming engine reads its manifest in chunks and asks for each chunk's range, so it never loads
    /// a million rows at once.
    public func states(forOrdinalsIn ordinals: Range<Int>) throws -> [Int: RecordState] {
        try read { db in
            var states: [Int: RecordState] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT ordinal, state FROM record WHERE ordinal >= ? AND ordinal < ?",
                arguments: [ordinals.lowerBound, ordinals.upperBound]
            )
            while let row = try rows.next() {
                states[row[0]] = try Self.state(row[1])
            }
            // The spans' records are pending in `record`; a span's state is theirs.
            guard hasRequestSpans else { return states }
            let spans = try Row.fetchCursor(
                db,
                sql: """
                    SELECT firstOrdinal, lastOrdinal, state FROM requestSpan
                    WHERE firstOrdinal >= coalesce((SELECT max(firstOrdinal) FROM requestSpan WHERE firstOrdinal <= ?), ?)
                        AND firstOrdinal < ? AND lastOrdinal >= ?
                    """,
                arguments: [ordinals.lowerBound, ordinals.lowerBound, ordinals.upperBound, ordinals.lowerBound]
            )
            while let span = try spans.next() {
                let state = try Self.state(span[2])
                let first: Int = span[0]
                let last: Int = span[1]
                for ordinal in max(first, ordinals.lowerBound)...min(last, ordinals.upperBound - 1)
                where states[ordinal] != nil {
                    states[ordinal] = state
                }
            }
            return states
        }
    }

    /// The record at `ordinal`, or nil when there is none.
    public func record(ordinal: Int) throws -> JournalRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM \(recordsRead) WHERE ordinal = ?", arguments: [ordinal])
                .map(Self.record(from:))
        }
    }

    /// The records left `inFlight` (by a crash, or still awaiting an answer), in ordinal order.
    ///
    /// Their number is bounded by the engine's in-flight cap, and an index keeps the lookup instant; the records of
    /// spans in flight are found from the spans (`CROSS JOIN` keeps SQLite from scanning every record instead: 5 ms
    /// against 165 ms at 200,000 records).
    public func inFlightRecords() throws -> [JournalRecord] {
        try read { db in
            guard hasRequestSpans else {
                return try Row.fetchAll(db, sql: "SELECT * FROM record WHERE state = 'inFlight' ORDER BY ordinal")
                    .map(Self.record(from:))
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM recordWithSpan WHERE ordinal IN (SELECT ordinal FROM record WHERE state = 'inFlight')
                    UNION ALL
                    SELECT * FROM recordWithSpan WHERE ordinal IN (
                        SELECT r.ordinal FROM requestSpan s CROSS JOIN record r
                            ON r.ordinal BETWEEN s.firstOrdinal AND s.lastOrdinal
                        WHERE s.state = 'inFlight'
                    )
                    ORDER BY ordinal
                    """
            )
            .map(Self.record(from:))
        }
    }

    /// Counts of records by state, total attempts and the highest ordinal.
    public func summary() throws -> JournalSummary {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: RecordState.allCases.map { ($0, 0) })
            var attempts = 0
            for row in try Row.fetchAll(
                db,
                sql: "SELECT state, count(*), total(attempts) FROM record GROUP BY state"
            ) {
                counts[try Self.state(row[0])] = row[1]
                // Saturating: the journal is a file, and a damaged one must not trap the reader.
                let total = row[2] as Double
                let rowAttempts = total.isFinite && total >= 0 ? Int(min(total, Double(Int.max / 2))) : 0
                attempts = min(Int.max / 2, attempts + rowAttempts)
            }
            // The spans' records are counted pending above, with their attempts before the span's.
            let spans =
                hasRequestSpans
                ? try Row.fetchAll(
                    db,
                    sql: "SELECT state, sum(lastOrdinal - firstOrdinal + 1) FROM requestSpan GROUP BY state"
                ) : []
            for row in spans {
                // Clamped: a damaged journal's spans must not trap the reader either.
                let covered = min(max(0, row[1] as Int), Int.max / 4)
                let state = try Self.state(row[0])
                counts[state] = min(Int.max / 2, (counts[state] ?? 0) + covered)
                counts[.pending] = max(Int.min / 2, (counts[.pending] ?? 0) - covered)
                attempts = min(Int.max / 2, attempts + covered)
            }
            let highest = try Int.fetchOne(db, sql: "SELECT max(ordinal) FROM record")
            return JournalSummary(counts: counts, totalAttempts: attempts, highestOrdinal: highest)
        }
    }

    /// The succeeded records the service already held with the same content
    /// (see ``RecordOutcome/Result/alreadyEnrolled``).
    public func alreadyEnrolledCount() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alreadyEnrolled") ?? 0
        }
    }

    /// Up to `limit` records in one of `states` with an ordinal above `ordinal`, in ordinal order.
    ///
    /// Pass the last ordinal of a page to get the next one (keyset paging).
    public func records(
        in states: Set<RecordState>,
        after ordinal: Int? = nil,
        limit: Int = 1000
    ) throws -> [JournalRecord] {
        guard !states.isEmpty, limit > 0 else { return [] }
        let placeholders = Array(repeating: "?", count: states.count).joined(separator: ", ")
        var arguments: [(any DatabaseValueConvertible)?] = states.sorted().map(\.rawValue)
        arguments.append(ordinal ?? -1)
        arguments.append(limit)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM \(recordsRead) WHERE state IN (\(placeholders)) AND ordinal > ?
                    ORDER BY ordinal LIMIT ?
                    """,
                arguments: StatementArguments(arguments)
            )
            .map(Self.record(from:))
        }
    }

    /// Calls `body` for every record in one of `states`, in ordinal order, reading `pageSize` at a time.
    ///
    /// Each page is its own short read, and `body` runs outside any database access, so it may call
    /// the journal (a report writer, for example, never holds a million rows). Records changed while
    /// iterating are seen in their state at the time their page is read.
    public func forEachRecord(
        in states: Set<RecordState>,
        pageSize: Int = 1000,
        _ body: (JournalRecord) throws -> Void
    ) throws {
        var last: Int?
        while true {
            let page = try records(in: states, after: last, limit: max(1, pageSize))
            for record in page { try body(record) }
            guard page.count == max(1, pageSize), let next = page.last?.ordinal else { return }
            last = next
        }
    }

    /// The table or view records are read from: with their spans' states when the journal has spans.
    private var recordsRead: String { hasRequestSpans ? "recordWithSpan" : "record" }

    static func state(_ text: String) throws -> RecordState {
        guard let state = RecordState(rawValue: text) else {
            throw JournalError(code: .incompatibleJournal, message: "unknown record state '\(text)'")
        }
        return state
    }

    static func record(from row: Row) throws -> JournalRecord {
        let kindText: String = row["kind"]
        guard let kind = RecordKind(rawValue: kindText) else {
            throw JournalError(code: .incompatibleJournal, message: "unknown record kind '\(kindText)'")
        }
        return JournalRecord(
            ordinal: row["ordinal"],
            line: row["line"],
            identifier: row["identifier"],
            kind: kind,
            state: try state(row["state"]),
            attempts: row["attempts"],
            reason: row["reason"],
            errorCode: row["errorCode"],
            createdAt: Timestamp.parse(row["createdAt"]) ?? .distantPast,
            updatedAt: Timestamp.parse(row["updatedAt"]) ?? .distantPast
        )
    }
}
