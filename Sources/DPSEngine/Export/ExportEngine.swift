import DPSClient
import DPSManifest
import DPSModel
import Foundation
import Logging

/// Exports every enrollment (and with `includeGroups` every enrollment group, first) by walking the query pages,
/// to a file that `import` reads back unchanged.
///
/// Crash-safe and resumable: pages are appended to `OUT.partial`; when ``CheckpointSchedule`` says so after a page
/// (and when the run stops), the file is flushed to disk and then a checkpoint (`OUT.partial.checkpoint`:
/// continuation token, records and bytes written) is saved atomically. A killed export resumes from the checkpoint,
/// cutting the partial file back to the checkpointed length. At the end the file is renamed into place, a SHA-256
/// sidecar (`OUT.sha256`, `sha256sum` format, hashed as the file was written) is written, and the checkpoint
/// removed. Pages are fetched ahead of the writing by an ``ExportPagePrefetcher``.
public final class ExportEngine: Sendable {
    private let configuration: ExportConfiguration
    private let client: DPSServiceClient
    private let source: String
    private let counters: SessionCounters
    private let instance: SourceInstance
    private let progress: (any RunProgressObserver)?

    /// An export from the instance `client` talks to; `source` names it (host) for the checkpoint. `progress` hears
    /// after every page (its `total` is 0: the service does not say how many items there are). `quotaInstance`
    /// (host, or host:port) names the instance whose quota is shared with `configuration.sharedQuota`.
    public init(
        configuration: ExportConfiguration,
        client: DPSServiceClient,
        source: String,
        quotaInstance: String? = nil,
        progress: (any RunProgressObserver)? = nil,
        metrics: RunMetrics = RunMetrics(command: .export)
    ) throws {
        let counters = SessionCounters(metrics: metrics)
        self.counters = counters
        self.configuration = configuration
        self.client = client
        self.source = source
        self.progress = progress
        let plan = PacePlan(pace: configuration.pace, known: configuration.knownQuota)
        counters.set(pacing: plan)
        self.instance = SourceInstance(
            client: client,
            gate: try RateGate(plan: plan, sharedQuota: configuration.sharedQuota, instance: quotaInstance),
            retryPolicy: configuration.retryPolicy,
            counters: counters,
            pageSize: configuration.pageSize
        )
    }

    /// Exports to `path` (resuming an interrupted export to the same path).
    public func run(to path: String) async throws -> ExportSummary {
        let started = Date()
        let partial = path + ".partial"
        let checkpointPath = partial + ".checkpoint"
        let identity =
            "\(source) \(configuration.format.rawValue) groups=\(configuration.includeGroups) keys=\(configuration.includeKeys)"
        // An encrypted export never resumes: the encryption state (the file key) is never written to disk, so a
        // killed one starts again from byte 0, replacing its partial ciphertext.
        let resumable = configuration.recipients.isEmpty
        if !resumable { try? FileManager.default.removeItem(atPath: checkpointPath) }
        let keysFrom = try configuration.includeKeys ? previousBackup(for: path) : nil
        let previousKeys =
            try keysFrom.map { try PreviousKeys(path: $0, identities: configuration.identities) }
            ?? PreviousKeys()
        var keysReused = 0
        var keysFetched = 0
        var checkpoint = ExportCheckpoint.load(from: checkpointPath).flatMap { $0.source == identity ? $0 : nil }
        let resumed = checkpoint != nil
        if checkpoint == nil {
            try? FileManager.default.removeItem(atPath: partial)
            checkpoint = ExportCheckpoint(
                phase: configuration.includeGroups ? .groups : .enrollments,
                continuation: nil,
                bytes: 0,
                enrollments: 0,
                groups: 0,
                byAttestation: [:],
                source: identity
            )
        }
        var state = checkpoint!
        let writer = try ExportWriter(
            path: partial,
            resumeAt: state.bytes,
            secret: configuration.includeKeys,
            compressed: ExportWriter.isCompressed(path: path),
            recipients: configuration.recipients
        )
        // Saves where the walk stands once what the file holds is on disk (a resumable export only), when the
        // schedule says so: not after every page.
        let clock = ContinuousClock()
        var lastCheckpoint = clock.now
        var checkpointed = state.bytes
        var walked = false  // the last page is written: the checkpoint's position would not match its bytes
        func saveCheckpoint() throws {
            guard resumable else { return }
            try writer.synchronize()
            try state.save(to: checkpointPath)
            lastCheckpoint = clock.now
            checkpointed = state.bytes
        }
        if state.bytes == 0, configuration.format == .csv {
            try writer.append(Data(ManifestCSVEncoder.header.utf8))
            state.bytes = writer.bytes
            try saveCheckpoint()
        }
        // The pages are fetched ahead (each request sent as soon as the page before names its continuation) while
        // this loop rewrites, writes and checkpoints the pages in hand. The checkpoint saved after page n holds
        // the position after page n, so a resumed export starts right there.
        let (pages, pageSink) = AsyncThrowingStream.makeStream(of: ExportPagePrefetcher.Fetched.self)
        let (taken, takenSink) = AsyncStream.makeStream(of: Void.self)
        let instance = self.instance
        let prefetcher = ExportPagePrefetcher(instance: instance, ahead: Self.pagesAhead)
        let start = state
        let format = configuration.format
        let attestationEncoder = Self.lineEncoder
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await prefetcher.run(from: start, into: pageSink, taken: taken) }
                for try await next in pages {
                    try RunInterrupted.checkpoint()
                    let page = try ExportPage(next.raw, format: format)
                    var completed: [(position: Int, attestation: AttestationMechanism)] = []
                    if configuration.includeKeys {
                        let keys = try await completions(of: page, previous: previousKeys)
                        completed = keys.completed
                        keysReused += keys.reused
                        keysFetched += keys.completed.count - keys.reused
                    }
                    try writer.append(
                        page.data(completing: completed, encode: encode) { try attestationEncoder.encode($0) }
                    )
                    for type in page.attestationTypes {
                        if page.isGroups { state.groups += 1 } else { state.enrollments += 1 }
                        state.byAttestation[type, default: 0] += 1
                    }
                    state.bytes = writer.bytes
                    counters.add(done: page.count)
                    counters.metrics.record(.exported, count: page.count)
                    progress?.update(
                        counters.progress(
                            page.isGroups ? .groups : .enrollments,
                            elapsed: Date().timeIntervalSince(started)
                        )
                    )
                    if let after = next.after {
                        state.phase = after.phase
                        state.continuation = after.continuation
                        let unsynced = state.bytes - checkpointed
                        if configuration.checkpoints.isDue(sinceLast: clock.now - lastCheckpoint, unsynced: unsynced) {
                            try saveCheckpoint()
                        }
                    } else {
                        walked = true
                    }
                    takenSink.yield()
                }
                group.cancelAll()
            }
        } catch {
            // Stopped (a signal, a failure): what was written before the stop is kept for the resumed run.
            if !walked, state.bytes > checkpointed { try? saveCheckpoint() }
            throw error
        }
        let digest = try writer.finish(renamingTo: path)
        state.bytes = writer.bytes  // an encrypted file's last chunk is written when it is finished
        try? FileManager.default.removeItem(atPath: checkpointPath)
        let removed =
            try configuration.retention?.apply(
                newBackup: path,
                host: source,
                identities: configuration.identities
            ) ?? []
        var registrations: Int?
        if let registrationsPath = configuration.registrationsPath {
            registrations = try await exportRegistrations(to: registrationsPath)
        }
        let tally = counters.snapshot
        var summary = ExportSummary()
        summary.registrations = registrations ?? 0
        summary.file = path
        summary.enrollments = state.enrollments
        summary.groups = state.groups
        summary.byAttestation = state.byAttestation
        summary.bytes = state.bytes
        summary.sha256 = digest
        summary.containsSecrets = configuration.includeKeys && (state.byAttestation["symmetricKey"] ?? 0) > 0
        summary.requests = tally.requests
        summary.throttled = tally.throttled
        summary.retries = tally.retries
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        progress?.update(counters.progress(.finished, elapsed: summary.elapsedSeconds))
        summary.resumed = resumed
        summary.encrypted = !configuration.recipients.isEmpty
        summary.keysReused = keysReused
        summary.keysFetched = keysFetched
        summary.keysFrom = keysFrom
        summary.removedBackups = removed
        return summary
    }

    /// The previous backup to take keys from: `keysFrom` itself, or, when it holds `{date}` or `{time}`, the newest
    /// backup of that series other than `output`; nil when none exists yet (every key is then fetched).
    private func previousBackup(for output: String) throws -> String? {
        guard let keysFrom = configuration.keysFrom else { return nil }
        let pattern = try BackupPattern(template: keysFrom, host: source)
        guard pattern.isSeries else { return keysFrom }
        let outputName = URL(fileURLWithPath: output).standardizedFileURL.path
        return pattern.existing().last {
            URL(fileURLWithPath: $0.path).standardizedFileURL.path != outputName
                && FileManager.default.fileExists(atPath: $0.path + ".sha256")
        }?.path
    }

    /// The completed attestations of `page`'s keyed items (``ExportPage/keyedItems()``), by position in position
    /// order: from the previous backup when their etag is unchanged (`reused` of them), fetched otherwise,
    /// ``ExportConfiguration/concurrency`` at a time.
    private func completions(
        of page: ExportPage,
        previous: PreviousKeys
    ) async throws -> (completed: [(position: Int, attestation: AttestationMechanism)], reused: Int) {
        let (reused, toFetch) = Self.split(page.keyedItems(), previous: previous)
        let instance = self.instance
        let fetched = try await SourceInstance.inOrder(toFetch, concurrency: configuration.concurrency.value) {
            try await instance.attestation(of: $0.identifier, isGroup: $0.isGroup)
        }
        let completed = reused + zip(toFetch, fetched).map { (position: $0.position, attestation: $1) }
        return (completed.sorted { $0.position < $1.position }, reused.count)
    }

    /// The keyed items of a page that take their attestation from the previous backup (by position, with it), and
    /// those whose attestation must be fetched.
    static func split(
        _ items: [ExportPage.Keyed],
        previous: PreviousKeys
    ) -> ([(position: Int, attestation: AttestationMechanism)], [ExportPage.Keyed]) {
        var reused: [(position: Int, attestation: AttestationMechanism)] = []
        var toFetch: [ExportPage.Keyed] = []
        for item in items {
            if let attestation = previous.attestation(
                isGroup: item.isGroup,
                identifier: item.identifier,
                etag: item.etag
            ) {
                reused.append((item.position, attestation))
            } else {
                toFetch.append(item)
            }
        }
        return (reused, toFetch)
    }

    /// Writes the registration states of every enrollment group to `path` (atomically, with a SHA-256 sidecar);
    /// returns how many. Not resumable: it is rewritten from the start when interrupted (it is small next to the
    /// enrollments).
    private func exportRegistrations(to path: String) async throws -> Int {
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let writer = try ExportWriter(
            path: partial,
            resumeAt: 0,
            secret: false,
            compressed: ExportWriter.isCompressed(path: path)
        )
        let encoder = Self.lineEncoder
        var count = 0
        var groupContinuation: String?
        repeat {
            let groups = try await instance.page(.groups, continuation: groupContinuation)
            for group in groups.entries {
                var continuation: String?
                repeat {
                    let page = try await instance.fetch { () throws(DPSRequestError) in
                        try await self.client.queryRegistrations(
                            group: group.identifier,
                            pageSize: self.configuration.pageSize,
                            continuation: continuation
                        )
                    }
                    var data = Data()
                    for state in page.body {
                        guard
                            case .object(var object) = try JSONDecoder().decode(
                                JSONValue.self,
                                from: encoder.encode(state)
                            )
                        else { continue }
                        object["enrollmentGroupId"] = .string(group.identifier)
                        data.append(try encoder.encode(JSONValue.object(object)))
                        data.append(0x0A)
                        count += 1
                    }
                    try writer.append(data)
                    continuation = page.continuation
                } while continuation != nil
            }
            groupContinuation = groups.continuation
        } while groupContinuation != nil
        _ = try writer.finish(renamingTo: path)
        return count
    }

    /// One entry as a line of the export file (CSV or JSON Lines, as configured).
    private func encode(_ entry: ManifestEntry) throws -> Data {
        switch configuration.format {
        case .csv:
            return Data(ManifestCSVEncoder.line(entry).utf8)
        case .jsonLines:
            let encoder = Self.lineEncoder
            var data =
                switch entry {
                case .enrollment(let enrollment): try encoder.encode(enrollment)
                case .group(let group): try encoder.encode(group)
                }
            data.append(0x0A)
            return data
        }
    }

    /// The encoder of an item written through the model: compact, members sorted by name, `/` not escaped (the
    /// layout ``CanonicalJSON`` gives passed-through items).
    static var lineEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Query pages fetched or being fetched beyond the one being written, at most (about 1 MB each at the largest
    /// page size).
    static let pagesAhead = 4

    /// Where the walk stands after a page of the query at `position` whose continuation is `continuation`; nil
    /// after the last page.
    static func position(after position: ExportCheckpoint, continuation: String?) -> ExportCheckpoint? {
        var after = position
        if let continuation {
            after.continuation = continuation
        } else if position.phase == .groups {
            after.phase = .enrollments
            after.continuation = nil
        } else {
            return nil
        }
        return after
    }
}
