import GRDB

/// Where a migration stands in its walk over the source instance's query pages.
///
/// A migration journals each source page's records together with the cursor that follows the page, in one
/// transaction: after a crash either both are in the journal or neither is, so the walk resumes at the first page
/// whose records are not journalled, and no record is journalled twice.
public struct SourceCursor: Sendable, Equatable {
    /// Which query the walk is in.
    public enum Phase: String, Sendable, CaseIterable {
        /// Enrollment groups (walked first: enrollments may be allocated like their group).
        case groups
        /// Individual enrollments.
        case enrollments
        /// Every page is journalled.
        case finished
    }

    public var phase: Phase
    /// The continuation token of the next page of `phase`, nil for its first page.
    public var continuation: String?
    /// The ordinal the next journalled record gets.
    public var nextOrdinal: Int

    public init(phase: Phase, continuation: String? = nil, nextOrdinal: Int = 0) {
        self.phase = phase
        self.continuation = continuation
        self.nextOrdinal = nextOrdinal
    }
}

extension Journal {
    /// The cursor saved with the last journalled page, or nil when no page is journalled yet.
    public func sourceCursor() throws -> SourceCursor? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT phase, continuation, nextOrdinal FROM sourceCursor")
            else { return nil }
            let phase: String = row["phase"]
            guard let parsed = SourceCursor.Phase(rawValue: phase) else {
                throw JournalError(code: .incompatibleJournal, message: "journal \(path) has source phase '\(phase)'")
            }
            return SourceCursor(phase: parsed, continuation: row["continuation"], nextOrdinal: row["nextOrdinal"])
        }
    }

    /// Adds one source page's records (see ``addRecords(_:)``) and saves `cursor`, the position after the page,
    /// in the same transaction.
    ///
    /// - Throws: ``JournalError/Code/invalidRecord`` when the cursor's `nextOrdinal` does not follow the records.
    @discardableResult
    public func addRecords(_ records: [NewRecord], advancingTo cursor: SourceCursor) throws -> AddRecordsResult {
        if let last = records.map(\.ordinal).max(), cursor.nextOrdinal <= last {
            throw JournalError(
                code: .invalidRecord,
                message: "the source cursor's next ordinal \(cursor.nextOrdinal) does not follow ordinal \(last)"
            )
        }
        let now = timestamp()
        return try addRecords(records) { db in
            try db.execute(
                sql: """
                    INSERT INTO sourceCursor (id, phase, continuation, nextOrdinal, updatedAt) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET phase = excluded.phase, continuation = excluded.continuation,
                        nextOrdinal = excluded.nextOrdinal, updatedAt = excluded.updatedAt
                    """,
                arguments: [cursor.phase.rawValue, cursor.continuation, cursor.nextOrdinal, now]
            )
        }
    }
}
