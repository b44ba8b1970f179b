import DPSClient
import DPSManifest
import DPSModel
import Foundation
import Logging

/// Exports every enrollment (and with `includeGroups` every enrollment group, first) by walking the query pages,
/// to a file that `import` reads back unchanged.
///
/// Crash-safe and resumable: pages are appended to `OUT.partial` and flushed to disk; after each page a checkpoint
/// (`OUT.partial.checkpoint`: continuation token, records and bytes written) is saved atomically. A killed export
/// resumes from the checkpoint, cutting the partial file back to the checkpointed length. At the end the file is
/// renamed into place, a SHA-256 sidecar (`OUT.sha256`, `sha256sum` format) is written, and the checkpoint removed.
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
        if state.bytes == 0, configuration.format == .csv {
            try writer.append(Data(ManifestCSVEncoder.header.utf8))
            state.bytes = writer.bytes
            if resumable { try state.save(to: checkpointPath) }
        }
        // Three stages overlap: page n+2 is requested while page n+1 is decoded and page n is encoded and written.
        // The checkpoint saved after page n holds the position after page n, so a resumed export starts right there.
        let instance = self.instance
        let fetch = { (position: ExportCheckpoint) in
            Task { try await instance.rawPage(position.phase.cursorPhase, continuation: position.continuation) }
        }
        var position = state
        var fetching: Task<SourceInstance.RawPage, any Error>? = fetch(position)
        var decoding: Task<(ExportPage, ExportCheckpoint?), any Error>?
        defer {
            fetching?.cancel()
            decoding?.cancel()
        }
        let format = configuration.format
        while fetching != nil || decoding != nil {
            try RunInterrupted.checkpoint()
            var nextDecoding: Task<(ExportPage, ExportCheckpoint?), any Error>?
            if let task = fetching {
                let raw = try await task.value
                let after = Self.position(after: position, continuation: raw.continuation)
                fetching = after.map(fetch)
                if let after { position = after }
                nextDecoding = Task { (try ExportPage(raw, format: format), after) }
            }
            if let task = decoding {
                let (page, after) = try await task.value
                var entries = try page.decodedEntries(includeKeys: configuration.includeKeys)
                if configuration.includeKeys {
                    let (reused, toFetch) = Self.split(entries.map(\.entry), previous: previousKeys)
                    let fetched = try await instance.completed(
                        toFetch.map { entries[$0].entry },
                        concurrency: configuration.concurrency.value
                    )
                    for (index, entry) in reused { entries[index].entry = entry }
                    for (index, entry) in zip(toFetch, fetched) { entries[index].entry = entry }
                    keysReused += reused.count
                    keysFetched += toFetch.count
                }
                try writer.append(page.data(changing: entries, encode: encode))
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
                if let after {
                    state.phase = after.phase
                    state.continuation = after.continuation
                    if resumable { try state.save(to: checkpointPath) }
                }
            }
            decoding = nextDecoding
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

    /// The entries of a page that take their keys from the previous backup (by index), and the indices of those
    /// that must be fetched (items without keys to fetch, like TPM ones, are in neither).
    static func split(_ entries: [ManifestEntry], previous: PreviousKeys) -> ([(Int, ManifestEntry)], [Int]) {
        var reused: [(Int, ManifestEntry)] = []
        var toFetch: [Int] = []
        for (index, entry) in entries.enumerated() where SourceInstance.needsMechanism(entry.attestation) {
            if let entry = previous.reused(for: entry) {
                reused.append((index, entry))
            } else {
                toFetch.append(index)
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
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
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data =
                switch entry {
                case .enrollment(let enrollment): try encoder.encode(enrollment)
                case .group(let group): try encoder.encode(group)
                }
            data.append(0x0A)
            return data
        }
    }

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
