import DPSJournal

/// The outcome of an import, as printed at the end and written by `--summary-json`.
public struct RunSummary: Sendable, Codable, Equatable {
    /// Records in the manifest.
    public var total = 0
    /// Records the service applied (in this run or an earlier session of it).
    public var succeeded = 0
    /// Of the succeeded, records the service already held with the same content (a create met an identical one).
    public var alreadyEnrolled = 0
    /// Records the service refused.
    public var failed = 0
    /// Records that were invalid and never sent.
    public var skipped = 0
    /// Records that clash with different content already in the service.
    public var conflicts = 0
    /// Records not done (the run stopped before them).
    public var pending = 0
    /// Requests sent (billable operations).
    public var requests = 0
    /// Of the requests, reads of one item: a create's 409 compared with the service's content, or an answer that
    /// could not be read settled.
    public var reconcileReads = 0
    /// Requests the service throttled (429).
    public var throttled = 0
    /// Requests sent again after a transient failure.
    public var retries = 0
    /// Wall time of this session.
    public var elapsedSeconds = 0.0
    /// Whether this session resumed an earlier one.
    public var resumed = false
    /// How this session was paced: `auto` (adapting to the quota), the fixed operations per minute, or `unpaced`
    /// (the embedded emulator without a quota).
    public var pacing = PacePlan.adaptive.description
    /// Seconds this session's requests waited for their send slot, summed over the requests in flight at once.
    public var pacingWaitSeconds = 0.0

    public init() {}

    /// Whether every record is done and none failed, conflicted or was skipped.
    public var isComplete: Bool { failed == 0 && skipped == 0 && conflicts == 0 && pending == 0 }
}

extension RunSummary {
    /// The journal's counts now, plus one session's counters.
    init(journal: Journal, session: SessionCounters.Values, elapsed: Double) throws {
        let journalSummary = try journal.summary()
        self.init()
        total = journalSummary.total
        succeeded = journalSummary[.succeeded]
        alreadyEnrolled = try journal.alreadyEnrolledCount()
        failed = journalSummary[.failed]
        skipped = journalSummary[.skipped]
        conflicts = journalSummary[.conflict]
        pending = journalSummary[.pending] + journalSummary[.inFlight]
        requests = session.requests
        reconcileReads = session.reads
        throttled = session.throttled
        retries = session.retries
        elapsedSeconds = elapsed
        resumed = journal.resumption != nil
        pacing = session.pacing
        pacingWaitSeconds = session.pacingWait
    }
}
