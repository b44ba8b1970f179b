import DPSJournal

/// Sends one batch with the journal around it: the records are marked in flight durably before the request, and
/// their outcomes journalled when it is answered. Shared by import and migrate.
///
/// The concurrent batches of one sender share a ``JournalGroupCommit``: their marks and outcomes are committed in
/// groups, each still committed before `send` goes on (the request) or returns (the next step).
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
        try await commits.recordOutcomes(
            result.outcomes,
            counters: RunCounters(
                requestsSent: max(0, result.tally.requests - 1),
                throttled: result.tally.throttled,
                retries: result.tally.retries
            )
        )
        counters.add(reads: result.reads)
        counters.add(done: result.outcomes.count)
        counters.metrics.record(result.outcomes)
    }
}
