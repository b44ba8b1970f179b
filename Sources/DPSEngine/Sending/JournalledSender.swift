import DPSJournal

/// Sends one batch with the journal around it: the records are marked in flight durably before the request, and
/// their outcomes journalled when it is answered. Shared by import and migrate.
struct JournalledSender: Sendable {
    let journal: Journal
    let sender: BatchSender
    let counters: SessionCounters

    func send<Kind: BulkItemKind>(_ batch: [BatchSender.Planned<Kind.Item>], as kind: Kind.Type) async throws {
        try journal.markInFlight(ordinals: batch.map(\.ordinal))
        let result = try await sender.send(batch, as: kind)
        try journal.recordOutcomes(
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
