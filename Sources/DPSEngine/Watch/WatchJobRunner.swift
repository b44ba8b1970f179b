import DPSJournal
import Foundation

/// Carries one claimed job through its states: checks its content against the index, imports it with its own
/// journal, and files it in done/ or rejected/ (or leaves it claimed for a retry or the next start). Every step is
/// written to the job's record first, so a job found in the state directory at start carries on from there.
struct WatchJobRunner: Sendable {
    /// How a job left the runner.
    enum Result: Sendable, Equatable {
        /// Filed in done/ or rejected/.
        case filed(WatchJobState)
        /// Kept claimed after a failure of the service; try again in so many seconds.
        case retry(after: Double)
        /// Stopped by the shutdown; resumes at the next start.
        case interrupted
        /// There was no job to run (a claim that never completed, cleared).
        case vanished
    }

    let configuration: WatchConfiguration
    let target: WatchTarget
    let index: ImportedIndex
    let metrics: WatchJobMetrics
    let events: @Sendable (WatchEvent) -> Void

    private var layout: InboxLayout { configuration.layout }

    /// Runs the job `name` as far as it goes.
    func run(_ name: String) async -> Result {
        let folder = WatchJobFolder(layout: layout, name: name)
        do {
            return try await process(folder)
        } catch {
            events(.problem("job \(name): \(error)"))
            return retry(name, after: configuration.serviceRetry.backoffWindow(forAttempt: 3), reason: "\(error)")
        }
    }

    private func process(_ folder: WatchJobFolder) async throws -> Result {
        let manifestExists = FileManager.default.fileExists(atPath: folder.manifest.path)
        guard var record = try folder.loadRecord() ?? (manifestExists ? WatchJobRecord(name: folder.name) : nil)
        else {
            // The claim stopped between making the folder and moving the manifest in: it is still in the inbox.
            try? FileManager.default.removeItem(at: folder.url)
            return .vanished
        }
        if record.state.isFinal { return try file(record, folder, summary: nil) }
        record.state = record.state.onRestart
        guard manifestExists else {
            events(.problem("job \(folder.name): its manifest is gone from \(folder.url.path); the job is dropped"))
            try? FileManager.default.removeItem(at: folder.url)
            metrics.set(folder.name, nil)
            return .vanished
        }
        let sha256: String
        do {
            sha256 = try record.sha256 ?? ManifestDigest.sha256(ofFileAt: folder.manifest.path)
        } catch {
            return try reject(&record, folder, reason: "the manifest cannot be read", summary: nil)
        }
        record.sha256 = sha256
        if let duplicate = index.claim(sha256, for: record.name) {
            return try reject(&record, folder, reason: "a duplicate: \(duplicate)", summary: nil)
        }
        try move(&record, folder, to: .validating)
        let (outcome, imported) = await importManifest(record, folder)
        if imported { try record.move(to: .importing) }
        switch outcome {
        case .done(let summary):
            try writeSummary(summary, folder)
            if record.state == .validating { try record.move(to: .importing) }  // no phase was reported
            try record.move(to: .done)
            return try file(record, folder, summary: summary)
        case .rejected(let reason, let summary):
            var reason = reason
            if let summary {
                try writeSummary(summary, folder)
                if summary.failed + summary.skipped + summary.conflicts > 0, let problem = writeReport(folder) {
                    reason += " (The report of those records could not be written: \(problem).)"
                }
            }
            return try reject(&record, folder, reason: reason, summary: summary)
        case .retry(let reason):
            record.serviceFailures += 1
            try move(&record, folder, to: .queued, announce: false)
            index.release(sha256)
            var random = SystemRandomNumberGenerator()
            let delay =
                configuration.serviceRetry.delay(forAttempt: record.serviceFailures, retryAfter: nil, using: &random)
                ?? configuration.serviceRetry.maximumDelay
            return retry(record.name, after: delay, reason: reason)
        case .interrupted:
            try move(&record, folder, to: .queued, announce: false)
            index.release(sha256)
            metrics.set(record.name, nil)
            events(.interrupted(job: record.name))
            return .interrupted
        }
    }

    // MARK: - Import

    /// Imports the job's manifest with its journal (resuming it when there is one) and decides the outcome; the
    /// job moves to importing (recorded and logged) when the engine is done validating and starts sending. Returns
    /// the outcome, and whether that move happened.
    private func importManifest(_ record: WatchJobRecord, _ folder: WatchJobFolder) async -> (WatchJobOutcome, Bool) {
        var run = ImportRun(
            configuration: configuration.importConfiguration,
            manifestPath: folder.manifest.path,
            journalPath: folder.journal.path,
            target: target.service,
            caCertificatePath: target.caCertificatePath,
            version: target.version
        )
        run.journalTargetName = target.journalTargetName
        let name = folder.name
        var importing = record
        try? importing.move(to: .importing)
        let observer = ImportPhaseObserver { [events, metrics, importing] in
            try? folder.save(importing)
            metrics.set(name, .importing)
            events(.moved(job: name, to: .importing))
        }
        do {
            let end = try await run.run(progress: observer)
            return (WatchJobOutcome.decide(end.outcome, summary: end.summary), observer.fired)
        } catch {
            return (WatchJobOutcome.decide(.failure(error), summary: nil), observer.fired)
        }
    }

    private func writeSummary(_ summary: RunSummary, _ folder: WatchJobFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try WatchJobFolder.writePrivate(try encoder.encode(summary), to: folder.summary)
    }

    /// Writes the report of the records not enrolled; returns why it could not, or nil.
    private func writeReport(_ folder: WatchJobFolder) -> String? {
        do {
            let journal = try Journal.openForReading(at: folder.journal.path)
            defer { try? journal.close() }
            _ = try FailedRecordsReport.write(
                from: journal,
                states: FailedRecordsReport.unsuccessful,
                to: folder.report.path
            )
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: - States and filing

    private func move(
        _ record: inout WatchJobRecord,
        _ folder: WatchJobFolder,
        to state: WatchJobState,
        announce: Bool = true
    ) throws {
        try record.move(to: state)
        try folder.save(record)
        metrics.set(record.name, state)
        if announce { events(.moved(job: record.name, to: state)) }
    }

    private func retry(_ name: String, after delay: Double, reason: String) -> Result {
        events(.retrying(job: name, after: configuration.exitWhenIdle ? nil : delay, reason: reason))
        metrics.set(name, .queued)
        return .retry(after: delay)
    }

    private func reject(
        _ record: inout WatchJobRecord,
        _ folder: WatchJobFolder,
        reason: String,
        summary: RunSummary?
    ) throws -> Result {
        // Errors name the claimed copy; the operator knows the file by its name.
        let reason = reason.replacingOccurrences(of: folder.manifest.path, with: record.name)
        try WatchJobFolder.writePrivate(Data((reason + "\n").utf8), to: folder.reason)
        if let sha256 = record.sha256 { index.release(sha256) }
        record.reason = reason
        try record.move(to: .rejected)
        return try file(record, folder, summary: summary)
    }

    /// Moves the manifest and its companions to done/ or rejected/ under a free name (chosen once, kept in the
    /// record, so a restart half-way through finishes the same filing), records done content in the index, and
    /// removes the job's folder.
    private func file(_ record: WatchJobRecord, _ folder: WatchJobFolder, summary: RunSummary?) throws -> Result {
        var record = record
        let destination = record.state == .done ? layout.done : layout.rejected
        let filedAs: String
        if let chosen = record.filedAs {
            filedAs = chosen
        } else {
            let taken = Set((try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? [])
            filedAs = FilingName.unique(for: record.name, taken: taken)
            record.filedAs = filedAs
        }
        try folder.save(record)
        let files = FileManager.default
        for (file, suffix) in folder.companions where files.fileExists(atPath: file.path) {
            try files.moveItem(at: file, to: destination.appendingPathComponent(filedAs + suffix))
        }
        if files.fileExists(atPath: folder.manifest.path) {
            try files.moveItem(at: folder.manifest, to: destination.appendingPathComponent(filedAs))
        }
        if let sha256 = record.sha256 {
            if record.state == .done {
                try index.recordImported(sha256, filedAs: filedAs)
            } else {
                index.release(sha256)
            }
        }
        try files.removeItem(at: folder.url)
        metrics.set(record.name, record.state)
        events(
            .filed(job: record.name, state: record.state, filedAs: filedAs, reason: record.reason, summary: summary)
        )
        return .filed(record.state)
    }
}
