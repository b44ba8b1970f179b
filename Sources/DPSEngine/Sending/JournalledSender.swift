import DPSJournal

/// Sends one batch with the journal around it: the records are marked in flight durably before the request, and
/// their outcomes journalled when it is answered. Shared by import and migrate.
///
/// The concurrent batches of one sender share a ``JournalGroupCommit``: their marks and outcomes are committed in
/// groups, each mark before its request is sent. `send` does not wait for its outcomes to be committed: they go with
/// the next mark (or ``flush()``), so a request costs one transaction, not two. Call ``flush()`` once every `send`
/// has returned, however the sending ended, before anything reads the outcomes.
struct JournalledSender: Sendable {
    let sender: BatchSender
    let counters: SessionCounters
    private let commits: JournalGroupCommit

    init(journal: Journal, sender: BatchSender, counters: SessionCounters) {
        self.sender = sender
        self.counters = counters
        self.commits = JournalGroupCommit(journal: journal)
    }

    /// Marks the records of `batches`, about to be sent each as one request, in flight: one transaction for all.
    func markInFlight<Item>(_ batches: [[BatchSender.Planned<Item>]]) async throws {
        try await commits.markInFlight(requests: batches.map { $0.map(\.ordinal) })
    }

    /// Sends `batch` (marking it in flight first, unless ``markInFlight(_:)`` did) and records its outcomes.
    func send<Kind: BulkItemKind>(
        _ batch: [BatchSender.Planned<Kind.Item>],
        as kind: Kind.Type,
        marked: Bool = false
    ) async throws {
        if !marked { try await commits.markInFlight(ordinals: batch.map(\.ordinal)) }
        let result = try await sender.send(batch, as: kind)
        // Nothing this batch does next depends on its outcomes: they are committed with the next mark or flush().
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

    /// Commits the outcomes not committed yet; throws when one could not be.
    func flush() async throws {
        try await commits.flush()
    }

    /// Runs `sending` (whose sends have all returned when it ends), then ``flush()``, also when `sending` throws
    /// (a stop, a refused credential): the answered requests' outcomes are committed before the run ends.
    func flushing(_ sending: () async throws -> Void) async throws {
        do {
            try await sending()
        } catch {
            try? await flush()
            throw error
        }
        try await flush()
    }
}
