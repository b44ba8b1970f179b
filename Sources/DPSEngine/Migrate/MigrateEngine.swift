import DPSClient
import DPSJournal
import DPSManifest
import DPSModel
import Foundation

/// Moves every enrollment (and with `includeGroups` every enrollment group, first) from a source instance to a
/// target instance, streaming: each source query page is journalled and sent to the target in bulk operations
/// while the next page is read. Symmetric keys and certificates always travel with their items.
///
/// Crash-safe and resumable with a ``Journal``: each page's records are journalled together with the source
/// cursor after the page (one transaction), then sent like an import's (marked in flight durably before each
/// request). A resumed run first re-reads the records that were journalled but not done from the source (their
/// content is not kept in the journal: it holds keys) and sends them, reconciling those that were in flight, then
/// continues the walk at the cursor. Nothing is read twice into the journal and nothing is applied twice.
public final class MigrateEngine: Sendable {
    private let configuration: MigrateConfiguration
    private let source: SourceInstance
    private let target: JournalledSender
    private let journal: Journal
    private let progress: (any RunProgressObserver)?
    private let counters: SessionCounters
    private let gate: RateGate

    public init(
        configuration: MigrateConfiguration,
        source: DPSServiceClient,
        target: DPSServiceClient,
        journal: Journal,
        quotaInstances: (source: String, target: String)? = nil,
        progress: (any RunProgressObserver)? = nil,
        metrics: RunMetrics = RunMetrics(command: .migrate)
    ) throws {
        let counters = SessionCounters(metrics: metrics)
        self.counters = counters
        self.configuration = configuration
        self.journal = journal
        self.progress = progress
        let plan = PacePlan(pace: configuration.pace, known: .unknown)
        counters.set(pacing: plan)
        let gate = try RateGate(
            plan: plan,
            sharedQuota: configuration.sharedQuota,
            instance: quotaInstances?.target
        )
        self.gate = gate
        self.source = SourceInstance(
            client: source,
            gate: try RateGate(
                plan: PacePlan(pace: configuration.sourcePace, known: .unknown),
                sharedQuota: configuration.sharedQuota,
                instance: quotaInstances?.source
            ),
            retryPolicy: configuration.retryPolicy,
            counters: counters,
            pageSize: configuration.pageSize
        )
        self.target = JournalledSender(
            journal: journal,
            sender: BatchSender(
                client: target,
                mode: configuration.mode,
                caller: ServiceCaller(gate: gate, retryPolicy: configuration.retryPolicy, counters: counters)
            ),
            counters: counters
        )
    }

    /// Runs (or resumes) the migration.
    public func run() async throws -> RunSummary {
        let started = gate.now()
        let before = try journal.summary()
        counters.add(total: before.total)
        counters.add(done: before.total - before[.pending] - before[.inFlight])
        do {
            try await target.flushing {
                try await sendLeftovers()
                try await walk()
            }
            let summary = try makeSummary(elapsed: gate.now() - started)
            if summary.pending == 0 { try journal.markCompleted() }
            progress?.update(counters.progress(.finished, elapsed: summary.elapsedSeconds))
            return summary
        } catch {
            try? journal.markInterrupted()
            throw error
        }
    }

    /// The journal's counts now, plus this session's counters.
    public func makeSummary(elapsed: Double) throws -> RunSummary {
        try RunSummary(journal: journal, session: counters.snapshot, elapsed: elapsed)
    }

    // MARK: - Records an earlier session journalled but did not finish

    /// Sends again, with their current source content, the records an earlier session left pending or in flight
    /// (at most about one page and the requests that were in flight). Groups go first.
    private func sendLeftovers() async throws {
        let leftovers = try journal.records(in: [.pending, .inFlight], limit: .max)
        guard !leftovers.isEmpty else { return }
        for kind in [RecordKind.group, .enrollment] {
            var planned: [BatchSender.Planned<ManifestEntry>] = []
            var vanished: [JournalRecord] = []
            for record in leftovers where record.kind == kind {
                try RunInterrupted.checkpoint()
                if let entry = try await source.current(record.identifier, isGroup: kind == .group) {
                    planned.append(
                        .init(
                            ordinal: record.ordinal,
                            item: prepared(entry),
                            mayBeApplied: true
                        )
                    )
                } else {
                    vanished.append(record)
                }
            }
            try recordVanished(vanished)
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                try await send(planned, in: &group, running: &running)
                try await group.waitForAll()
            }
        }
    }

    /// Records that were deleted from the source after they were journalled are failed, with the reason.
    private func recordVanished(_ records: [JournalRecord]) throws {
        guard !records.isEmpty else { return }
        try journal.markInFlight(ordinals: records.map(\.ordinal))
        try journal.recordOutcomes(
            records.map {
                RecordOutcome(
                    ordinal: $0.ordinal,
                    .failed(reason: "deleted from the source instance during the migration", errorCode: 404_000)
                )
            }
        )
        counters.add(done: records.count)
    }

    // MARK: - The walk over the source

    /// Reads the source page by page from the journalled cursor; journals each page with the cursor after it, then
    /// sends it while the next page is read. All groups land before the first enrollment is sent.
    private func walk() async throws {
        var cursor =
            try journal.sourceCursor() ?? SourceCursor(phase: configuration.includeGroups ? .groups : .enrollments)
        if cursor.phase == .finished { counters.markTotalFinal() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            while cursor.phase != .finished {
                try await group.stopIfShuttingDown()
                let page = try await source.page(cursor.phase, continuation: cursor.continuation)
                // Deleting needs no keys: only the other modes read each item's attestation mechanism.
                let entries =
                    configuration.mode == .delete
                    ? page.entries
                    : try await source.completed(page.entries, concurrency: configuration.concurrency.value)
                var next = cursor
                next.nextOrdinal += entries.count
                next.continuation = page.continuation
                if page.continuation == nil {
                    next.phase = cursor.phase == .groups ? .enrollments : .finished
                }
                var records: [NewRecord] = []
                var planned: [BatchSender.Planned<ManifestEntry>] = []
                for (offset, entry) in entries.enumerated() {
                    let ordinal = cursor.nextOrdinal + offset
                    records.append(
                        NewRecord(
                            ordinal: ordinal,
                            line: ordinal + 1,
                            identifier: entry.identifier,
                            kind: entry.isGroup ? .group : .enrollment
                        )
                    )
                    // "May be applied": a target that already holds the item with the same content (an earlier,
                    // partial migration) counts it as done; with other content it is a conflict.
                    planned.append(.init(ordinal: ordinal, item: prepared(entry), mayBeApplied: true))
                }
                try journal.addRecords(records, advancingTo: next)
                counters.add(total: records.count)
                if next.phase == .finished { counters.markTotalFinal() }
                try await send(planned, in: &group, running: &running)
                if next.phase != cursor.phase {
                    try await group.waitForAll()
                    running = 0
                }
                cursor = next
            }
            try await group.waitForAll()
        }
    }

    /// Adds the bulk requests for `planned` to `group`, at most `concurrency` running.
    private func send(
        _ planned: [BatchSender.Planned<ManifestEntry>],
        in group: inout ThrowingTaskGroup<Void, any Error>,
        running: inout Int
    ) async throws {
        var groups: [BatchSender.Planned<EnrollmentGroup>] = []
        var enrollments: [BatchSender.Planned<IndividualEnrollment>] = []
        for item in planned {
            switch item.item {
            case .group(let value):
                groups.append(.init(ordinal: item.ordinal, item: value, mayBeApplied: item.mayBeApplied))
            case .enrollment(let value):
                enrollments.append(.init(ordinal: item.ordinal, item: value, mayBeApplied: item.mayBeApplied))
            }
        }
        let size = configuration.batchSize
        let groupBatches = try BatchPlan.batches(
            of: groups,
            identifier: { GroupKind.identifier($0.item) },
            maximumBatchSize: size
        )
        for batch in groupBatches {
            try await group.addTask(limit: configuration.concurrency.value, running: &running) {
                try await self.target.send(batch, as: GroupKind.self)
                self.report(.groups)
            }
        }
        let enrollmentBatches = try BatchPlan.batches(
            of: enrollments,
            identifier: { EnrollmentKind.identifier($0.item) },
            maximumBatchSize: size
        )
        for batch in enrollmentBatches {
            try await group.addTask(limit: configuration.concurrency.value, running: &running) {
                try await self.target.send(batch, as: EnrollmentKind.self)
                self.report(.enrollments)
            }
        }
    }

    /// The source item as the target should receive it: without what the source instance owns (ETag, timestamps,
    /// registration state), with its hubs renamed.
    private func prepared(_ entry: ManifestEntry) -> ManifestEntry {
        switch configuration.hubMap.apply(to: entry) {
        case .enrollment(var enrollment):
            enrollment.etag = nil
            enrollment.registrationState = nil
            enrollment.createdDateTimeUtc = nil
            enrollment.lastUpdatedDateTimeUtc = nil
            return .enrollment(enrollment)
        case .group(var group):
            group.etag = nil
            group.createdDateTimeUtc = nil
            group.lastUpdatedDateTimeUtc = nil
            return .group(group)
        }
    }

    private func report(_ phase: RunProgress.Phase) {
        progress?.update(counters.progress(phase, elapsed: gate.now()))
    }
}
