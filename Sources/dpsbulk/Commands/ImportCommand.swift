import ArgumentParser
import DPSClient
import DPSEngine
import DPSJournal
import DPSManifest
import DPSModel
import DPSValidation
import Foundation

/// `dpsbulk import`: takes a manifest into DPS with bulk operations, journalled so that it can always resume.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a manifest into DPS: validated, journalled, resumable, within the quota.",
        discussion: """
            The target is DPS_CONNECTION_STRING (or --connection-string-file, or --emulator). Running the same \
            command again resumes from the journal. Exit status: 0 every record done, 1 some records failed, \
            conflicted or were invalid, 2 usage or unreadable input, 3 the run stopped (credentials refused, \
            service unreachable after retries), 130 interrupted (SIGINT), 143 terminated (SIGTERM): both finish the \
            requests in flight first.
            """
    )

    @OptionGroup var logging: LogOptions

    @OptionGroup var metrics: MetricsOptions

    @Argument(help: "The manifest: CSV (.csv) or JSON lines (.jsonl).")
    var manifest: String

    @OptionGroup var target: TargetOptions

    @OptionGroup var age: AgeIdentityOptions

    @OptionGroup var sharedQuota: SharedQuotaOptions

    @OptionGroup var behaviour: ImportBehaviourOptions

    @Option(
        help:
            "The journal file (default: beside the manifest, MANIFEST.MODE.journal); :memory: keeps it in memory only (no resume; for measuring)."
    )
    var journal: String?

    @Flag(help: "Validate and plan only: count the billable operations and their time at the quota; send nothing.")
    var dryRun = false

    @Flag(help: "Resume even though the manifest changed since the journal was started.")
    var force = false

    @Option(name: .customLong("summary-json"), help: "Write the final counts as JSON to this file.")
    var summaryJSON: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func run() async throws {
        guard FileManager.default.isReadableFile(atPath: manifest) else {
            throw ValidationError("cannot read the manifest '\(manifest)'")
        }
        if dryRun {
            try await DryRun(
                manifest: manifest,
                mode: behaviour.mode,
                readOptions: behaviour.readOptions(ageIdentities: try age.load()),
                pace: behaviour.operationsPerMinute
            ).run()
            return
        }
        switch try target.resolve() {
        case .target(let target):
            try await importInto(target, knownQuota: .unknown, sharedQuota: try sharedQuota.directory())
        case .embeddedEmulator:
            try await EmbeddedEmulator.withRunning { connection, quota in
                // The embedded emulator is this process's own: there is no quota to share with anyone.
                try await importInto(
                    ServiceTarget(connection),
                    journalTargetName: EmbeddedEmulator.journalTargetName,
                    knownQuota: quota,
                    sharedQuota: nil
                )
            }
        }
    }

    private func importInto(
        _ connection: ServiceTarget,
        journalTargetName: String? = nil,
        knownQuota: KnownQuota,
        sharedQuota: SharedQuotaDirectory?
    ) async throws {
        var configuration = behaviour.importConfiguration(ageIdentities: try age.load())
        configuration.knownQuota = knownQuota
        configuration.sharedQuota = sharedQuota
        configuration.force = force
        var run = ImportRun(
            configuration: configuration,
            manifestPath: manifest,
            journalPath: journal ?? "\(manifest).\(behaviour.mode.rawValue).journal",
            target: connection,
            caCertificatePath: target.caCertificate,
            version: DPSBulk.configuration.version
        )
        run.journalTargetName = journalTargetName
        let progress = quiet ? nil : ProgressDisplay()
        let end = await GracefulRun.run { [run] in try await run.run(progress: progress) }
        progress?.finish()
        try JournalledRunOutcome.conclude(end, journalPath: run.journalPath, summaryJSON: summaryJSON)
    }
}

/// A command failure with its exit status and a message for standard error.
struct CommandFailure: Error {
    let status: Int32
    let message: String
}
