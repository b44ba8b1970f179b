import DPSClient
import DPSJournal
import DPSManifest
import DPSModel
import DPSValidation
import Foundation
import Logging

/// Imports a manifest into DPS: validates every record, journals it, and sends the valid ones in bulk operations
/// of at most 10, groups first, at most `concurrency` requests in flight, paced to the quota.
///
/// Every record is marked in flight in the journal, durably, before its request is sent, and its outcome is
/// journalled when the answer arrives; running the same import again resumes: done records are not sent again
/// and records that were in flight are reconciled (see ``BatchSender``).
public final class ImportEngine: Sendable {
    private let configuration: ImportConfiguration
    private let client: DPSServiceClient
    private let journal: Journal
    private let progress: (any RunProgressObserver)?
    private let logger: Logger
    private let counters: SessionCounters
    private let gate: RateGate

    public init(
        configuration: ImportConfiguration,
        client: DPSServiceClient,
        journal: Journal,
        quotaInstance: String? = nil,
        progress: (any RunProgressObserver)? = nil,
        logger: Logger = Logger(label: "dpsbulk.import"),
        metrics: RunMetrics = RunMetrics(command: .import)
    ) throws {
        self.counters = SessionCounters(metrics: metrics)
        self.configuration = configuration
        self.client = client
        self.journal = journal
        self.progress = progress
        self.logger = logger
        let plan = PacePlan(pace: configuration.pace, known: configuration.knownQuota)
        counters.set(pacing: plan)
        self.gate = try RateGate(
            plan: plan,
            sharedQuota: configuration.sharedQuota,
            instance: quotaInstance,
            logger: logger
        )
    }

    /// Runs (or resumes) the import of `manifestPath`.
    public func run(manifestPath: String) async throws -> RunSummary {
        let started = gate.now()
        let mayBeApplied = Set(try journal.inFlightRecords().map(\.ordinal))
        let before = try journal.summary()
        counters.add(done: before.total - before[.pending] - before[.inFlight])
        do {
            let (groups, invalid) = try await journalManifest(manifestPath)
            counters.markTotalFinal()
            try await sendGroups(groups, mayBeApplied: mayBeApplied)
            try await sendEnrollments(manifestPath, invalid: invalid, mayBeApplied: mayBeApplied)
            let summary = try makeSummary(elapsed: gate.now() - started)
            if summary.pending == 0 { try journal.markCompleted() }
            report(.finished, summary: summary)
            return summary
        } catch {
            try? journal.markInterrupted()
            throw error
        }
    }

    /// The summary of the journal now, plus this session's counters.
    public func makeSummary(elapsed: Double) throws -> RunSummary {
        try RunSummary(journal: journal, session: counters.snapshot, elapsed: elapsed)
    }

    // MARK: - Pass 1: validate and journal every record

    /// Validates the whole manifest, adds every record to the journal (pending or skipped), and returns the valid
    /// enrollment groups (few: at most 200 per instance), which are sent before any enrollment, and the ordinals
    /// of the invalid records (the second read sends the others without validating them again).
    private func journalManifest(
        _ path: String
    ) async throws -> ([BatchSender.Planned<EnrollmentGroup>], OrdinalSet) {
        var chunks = try makeChunks(path)
        var groups: [(Int, EnrollmentGroup)] = []
        var invalid = 0
        var invalidOrdinals = OrdinalSet()
        report(.validating)
        while let chunk = try await chunks.next() {
            try RunInterrupted.checkpoint()
            var records: [NewRecord] = []
            records.reserveCapacity(chunk.count)
            for (ordinal, validated) in chunk {
                let kind: RecordKind = validated.record.entry?.isGroup == true ? .group : .enrollment
                let identifier = validated.record.identifier ?? ""
                let line = validated.record.source.line
                if validated.hasErrors || validated.record.entry == nil {
                    invalid += 1
                    invalidOrdinals.insert(ordinal)
                    let reason = validated.findings.filter { $0.severity == .error }
                        .map { "\($0.field.isEmpty ? "" : "\($0.field): ")\($0.message) [\($0.code.rawValue)]" }
                        .joined(separator: "; ")
                    records.append(
                        NewRecord(
                            ordinal: ordinal,
                            line: line,
                            identifier: identifier,
                            kind: kind,
                            disposition: .skipped(reason: reason.isEmpty ? "invalid record" : reason)
                        )
                    )
                } else {
                    records.append(NewRecord(ordinal: ordinal, line: line, identifier: identifier, kind: kind))
                    if case .group(let group) = validated.record.entry { groups.append((ordinal, group)) }
                }
            }
            let added = try journal.addRecords(records)
            if added.added > 0 {
                let skipped = records.filter { if case .skipped = $0.disposition { true } else { false } }.count
                counters.add(done: skipped)
                counters.metrics.record(.skipped, count: skipped)
            }
            counters.add(total: chunk.count)
        }
        if configuration.strict && invalid > 0 {
            throw ImportRefused(
                message: "\(invalid) record\(invalid == 1 ? " is" : "s are") invalid and --strict sends nothing; "
                    + "run `dpsbulk validate` to see why"
            )
        }
        let states = try states(for: groups.map(\.0))
        let planned = groups.filter { states[$0.0]?.isDone != true }.map { ordinal, group in
            BatchSender.Planned(ordinal: ordinal, item: group, mayBeApplied: false)
        }
        return (planned, invalidOrdinals)
    }

    private func makeChunks(_ path: String) throws -> ValidatedChunks {
        let reader = try ManifestReader(path: path, options: configuration.readOptions)
        return ValidatedChunks(
            reader: reader,
            validator: ManifestValidator(context: ValidationContext(now: configuration.validationTime))
        )
    }

    private func states(for ordinals: [Int]) throws -> [Int: RecordState] {
        guard let low = ordinals.min(), let high = ordinals.max() else { return [:] }
        return try journal.states(forOrdinalsIn: low..<(high + 1))
    }

    // MARK: - Sending

    private func sendGroups(_ groups: [BatchSender.Planned<EnrollmentGroup>], mayBeApplied: Set<Int>) async throws {
        guard !groups.isEmpty else { return }
        report(.groups)
        let planned = groups.map {
            BatchSender.Planned(ordinal: $0.ordinal, item: $0.item, mayBeApplied: mayBeApplied.contains($0.ordinal))
        }
        try await send(
            batches: try BatchPlan.batches(
                of: planned,
                identifier: { GroupKind.identifier($0.item) },
                maximumBatchSize: configuration.batchSize
            ),
            as: GroupKind.self
        )
    }

    /// Reads the manifest again and sends its enrollments that are valid (not in `invalid`) and not done.
    private func sendEnrollments(_ path: String, invalid: OrdinalSet, mayBeApplied: Set<Int>) async throws {
        report(.enrollments)
        var chunks = MappedChunks(reader: try ManifestReader(path: path, options: configuration.readOptions))
        let sender = makeSender()
        try await sender.flushing {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                // A chunk's last, partial batch is completed from the next chunk: batches as if the manifest were
                // one sequence (as the dry run counts them), not one short request per chunk.
                var carried: [BatchSender.Planned<IndividualEnrollment>] = []
                while let chunk = try await chunks.next() {
                    guard let first = chunk.first?.ordinal, let last = chunk.last?.ordinal else { continue }
                    let states = try journal.states(forOrdinalsIn: first..<(last + 1))
                    var planned = carried
                    for (ordinal, record) in chunk {
                        guard case .enrollment(let enrollment) = record.entry, !invalid.contains(ordinal),
                            let state = states[ordinal], state == .pending || state == .inFlight
                        else { continue }
                        planned.append(
                            .init(ordinal: ordinal, item: enrollment, mayBeApplied: mayBeApplied.contains(ordinal))
                        )
                    }
                    var batches = try BatchPlan.batches(
                        of: planned,
                        identifier: { EnrollmentKind.identifier($0.item) },
                        maximumBatchSize: configuration.batchSize
                    )
                    carried =
                        batches.last.map { $0.count < configuration.batchSize } == true ? batches.removeLast() : []
                    try await sendInWaves(
                        batches,
                        as: EnrollmentKind.self,
                        sender: sender,
                        in: &group,
                        running: &running
                    )
                }
                try await sendInWaves(
                    carried.isEmpty ? [] : [carried],
                    as: EnrollmentKind.self,
                    sender: sender,
                    in: &group,
                    running: &running
                )
                try await group.waitForAll()
            }
        }
    }

    private func send<Kind: BulkItemKind>(batches: [[BatchSender.Planned<Kind.Item>]], as kind: Kind.Type) async throws
    {
        let sender = makeSender()
        try await sender.flushing {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                try await sendInWaves(batches, as: kind, sender: sender, in: &group, running: &running)
                try await group.waitForAll()
            }
        }
    }

    /// Sends `batches`, one request each, at most `concurrency` in flight, in waves: once a wave's worth of requests
    /// have finished, the next wave's records are marked in flight in one journal transaction (which also commits
    /// the finished requests' outcomes) and its requests start. A mark per wave instead of one per request; the
    /// requests in flight dip to `concurrency - wave` at most between waves.
    private func sendInWaves<Kind: BulkItemKind>(
        _ batches: [[BatchSender.Planned<Kind.Item>]],
        as kind: Kind.Type,
        sender: JournalledSender,
        in group: inout ThrowingTaskGroup<Void, any Error>,
        running: inout Int
    ) async throws {
        let concurrency = configuration.concurrency.value
        var start = 0
        while start < batches.count {
            try await group.stopIfShuttingDown()
            let wave = Array(batches[start..<min(batches.count, start + Self.waveSize(concurrency: concurrency))])
            while running > concurrency - wave.count {
                _ = try await group.next()
                running -= 1
            }
            try await sender.markInFlight(wave)
            for batch in wave {
                group.addTask {
                    try await sender.send(batch, as: kind, marked: true)
                    self.report(Kind.self == GroupKind.self ? .groups : .enrollments)
                }
            }
            running += wave.count
            start += wave.count
        }
    }

    /// Requests marked and started together: a quarter of those in flight (at least one).
    static func waveSize(concurrency: Int) -> Int { max(1, concurrency / 4) }

    private func makeSender() -> JournalledSender {
        JournalledSender(
            journal: journal,
            sender: BatchSender(
                client: client,
                mode: configuration.mode,
                caller: ServiceCaller(gate: gate, retryPolicy: configuration.retryPolicy, counters: counters)
            ),
            counters: counters
        )
    }

    // MARK: - Progress

    private func report(_ phase: RunProgress.Phase, summary: RunSummary? = nil) {
        progress?.update(counters.progress(phase, elapsed: summary?.elapsedSeconds ?? gate.now()))
    }
}

extension RecordState {
    var isDone: Bool { self != .pending && self != .inFlight }
}
