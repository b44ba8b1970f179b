import Foundation

/// Where a manifest record is in its life cycle.
///
/// The allowed changes are `pending → inFlight → pending | succeeded | failed | conflict`, plus
/// `inFlight → inFlight` when a record in doubt (left in flight by a crash) is sent again;
/// `skipped` is set only when the record is added. The database refuses any other change.
public enum RecordState: String, Sendable, CaseIterable, Codable, Comparable {
    /// Not sent yet, or sent and due for a retry.
    case pending
    /// Part of a request that may have reached the service; reconcile after a crash.
    case inFlight
    /// The service applied it.
    case succeeded
    /// The service refused it for good.
    case failed
    /// Validation refused it; never sent.
    case skipped
    /// The service reported a conflict (already exists, ETag mismatch).
    case conflict

    /// Whether the record needs no more work in this run.
    public var isFinal: Bool {
        switch self {
        case .pending, .inFlight: false
        case .succeeded, .failed, .skipped, .conflict: true
        }
    }

    /// Orders states in declaration order (pending first).
    public static func < (lhs: RecordState, rhs: RecordState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a manifest record describes.
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    /// An individual enrollment (identifier: the registration ID).
    case enrollment
    /// An enrollment group (identifier: the group ID).
    case group
}

/// A manifest record to add to the journal, as the engine reads it.
public struct NewRecord: Sendable, Equatable {
    /// How a record enters the journal.
    public enum Disposition: Sendable, Equatable {
        /// Valid; to be sent.
        case pending
        /// Refused by validation; `reason` lists the findings. Never sent.
        case skipped(reason: String)
    }

    /// The 0-based position of the record in the manifest, in reading order.
    public var ordinal: Int
    /// The 1-based line of the manifest where the record starts.
    public var line: Int
    /// The registration ID or group ID (may be empty for a skipped record that has none).
    public var identifier: String
    /// Enrollment or group.
    public var kind: RecordKind
    /// Pending or skipped.
    public var disposition: Disposition

    /// Creates a record to add.
    public init(ordinal: Int, line: Int, identifier: String, kind: RecordKind, disposition: Disposition = .pending) {
        self.ordinal = ordinal
        self.line = line
        self.identifier = identifier
        self.kind = kind
        self.disposition = disposition
    }
}

/// The result of sending one record, to store with ``Journal/recordOutcomes(_:counters:)``.
public struct RecordOutcome: Sendable, Equatable {
    /// What happened to the record.
    public enum Result: Sendable, Equatable {
        /// The service applied it.
        case succeeded
        /// The service already held the record with the same content (a create answered 409 and a read showed
        /// it identical): a success, counted apart by ``Journal/alreadyEnrolledCount()``.
        case alreadyEnrolled
        /// The service refused it for good, with its message and error code.
        case failed(reason: String, errorCode: Int?)
        /// The service reported a conflict, with its message and error code.
        case conflict(reason: String, errorCode: Int?)
        /// A transient failure: back to pending, keeping the message as the last error.
        case retry(reason: String?, errorCode: Int?)
    }

    /// The record's ordinal.
    public var ordinal: Int
    /// What happened.
    public var result: Result

    /// Creates an outcome.
    public init(ordinal: Int, _ result: Result) {
        self.ordinal = ordinal
        self.result = result
    }
}

/// A record as stored in the journal.
public struct JournalRecord: Sendable, Equatable {
    /// The 0-based position in the manifest.
    public var ordinal: Int
    /// The 1-based manifest line.
    public var line: Int
    /// The registration ID or group ID.
    public var identifier: String
    /// Enrollment or group.
    public var kind: RecordKind
    /// The current state.
    public var state: RecordState
    /// How many requests carried this record.
    public var attempts: Int
    /// The service's message (failed, conflict, last retry) or the validation findings (skipped).
    public var reason: String?
    /// The service's error code, when it gave one.
    public var errorCode: Int?
    /// When the record was added.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date
}

/// Counters of a run, kept in the run row; also used as a delta to add.
public struct RunCounters: Sendable, Equatable {
    /// Requests sent to the service (``Journal/markInFlight(ordinals:)`` counts one each).
    public var requestsSent: Int
    /// Responses that said "slow down" (HTTP 429 / 503 with Retry-After).
    public var throttled: Int
    /// Requests that were retries of an earlier one.
    public var retries: Int

    /// Creates counters (or a delta).
    public init(requestsSent: Int = 0, throttled: Int = 0, retries: Int = 0) {
        self.requestsSent = requestsSent
        self.throttled = throttled
        self.retries = retries
    }

    /// All zero.
    public static let zero = RunCounters()
}

/// Counts of a journal's records by state, and the total number of requests records took part in.
public struct JournalSummary: Sendable, Equatable {
    /// Number of records in each state; every state is present, possibly with 0.
    public var counts: [RecordState: Int]
    /// Sum of all records' attempts.
    public var totalAttempts: Int
    /// The highest ordinal added, or nil when the journal has no record (the engine resumes adding after it).
    public var highestOrdinal: Int?

    /// Creates a summary.
    public init(counts: [RecordState: Int], totalAttempts: Int, highestOrdinal: Int?) {
        self.counts = counts
        self.totalAttempts = totalAttempts
        self.highestOrdinal = highestOrdinal
    }

    /// Number of records in the journal.
    public var total: Int { counts.values.reduce(0, +) }

    /// Number of records in `state`.
    public subscript(state: RecordState) -> Int { counts[state] ?? 0 }
}
