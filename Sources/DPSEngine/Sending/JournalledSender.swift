import DPSJournal

/// Sends one batch with the journal around it: the records are marked in flight durably before the request, and
/// their outcomes journalled when it is answered. Shared by import and migrate.
///
/// The concurrent batches of one sender share a ``JournalGroupCommit``: their marks and outcomes are committed in
/// groups, each mark before its request is sent. An outcome is handed to the commit running, if one is, and `send`
/// returns without waiting for it; every outcome is committed once every `send` has returned, and
/// ``throwDeferredFailure()`` then says whether one could not be.
struct JournalledSender: Sendable {
    let sender: BatchSender
    let counters: SessionCounters
    private let commits: JournalGroupCommit

    init(journal: Journal, sender: BatchSender, counters: SessionCounters) {
        self.sender = sender
        self.counters = counters
        self.commits = JournalGroupCommit(journal: journal)
    }

    func send<Kind: BulkItemKind>(_ batch: [BatchSender.Planned<Kind.Item>], as kind: Kind.Type) async throws {
        try await commits.markInFlight(ordinals: batch.map(\.ordinal))
        let result = try await sender.send(batch, as: kind)
        // Nothing this batch does next depends on its outcomes: they need not be committed before it goes on.
        try await commits.recordOutcomes(
            result.outcomes,
            counters: RunCounters(
                requestsSent: max(0, result.tally.requests - 1),
                throttled: result.tally.throttled,
                retries: result.tally.retries
            ),
            waits: false
        )
        counters.add(reads: result.reads)
        counters.add(done: result.outcomes.count)
        counters.metrics.record(result.outcomes)
    }

    /// Throws when an outcome handed to a running commit could not be committed. Call it once every `send` has
    /// returned (then every outcome is committed or has failed), before anything that reads the outcomes.
    func throwDeferredFailure() throws {
        try commits.throwDeferredFailure()
    }
}
