import ArgumentParser
import DPSClient
import DPSEngine
import DPSJournal
import DPSModel
import Foundation

/// `dpsbulk migrate`: streams every enrollment (and group) of one DPS instance into another, keys included,
/// journalled so that it can always resume.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract:
            "Copy all enrollments (and groups) from one DPS instance to another: streaming, keys included, resumable.",
        discussion: """
            The source is DPS_SOURCE_CONNECTION_STRING (or --source-connection-string-file), the target \
            DPS_TARGET_CONNECTION_STRING (or --target-connection-string-file). Symmetric keys and certificates always \
            travel (one extra read on the source per symmetric-key or X.509 item). Running the same command again \
            resumes from the journal. Registration states are not copied: devices register again with the target. \
            Exit status as import: 0 all done, 1 some records failed or conflicted, 2 usage, 3 the run stopped, \
            130 interrupted (SIGINT), 143 terminated (SIGTERM).
            """
    )

    @OptionGroup var logging: LogOptions

    @OptionGroup var metrics: MetricsOptions

    @OptionGroup var instances: InstancePairOptions

    @Flag(help: "Migrate enrollment groups too (all of them before the individual enrollments).")
    var groups = false

    @Option(
        help:
            "create (default: an enrollment the target already has is a reported conflict), update, upsert, or delete (removes the source's items from the target: undoes a migration)."
    )
    var mode: ImportBehaviourOptions.Mode = .create

    @Option(
        name: .customLong("map-hub"),
        help: "OLD=NEW: replace the IoT hub host name OLD by NEW in iotHubHostName and iotHubs (repeatable)."
    )
    var mapHub: [String] = []

    @Option(help: "The journal file (default: migrate-SOURCE-to-TARGET.MODE.journal in the current directory).")
    var journal: String?

    @Option(help: "Bulk requests in flight at once on the target (1-64).")
    var concurrency = Concurrency.default

    @OptionGroup var sharedQuota: SharedQuotaOptions

    @Option(name: .customLong("operations-per-minute"), help: "On the target: auto or a number.")
    var operationsPerMinute = Pace.auto

    @Option(name: .customLong("source-operations-per-minute"), help: "On the source: auto or a number.")
    var sourceOperationsPerMinute = Pace.auto

    @Option(name: .customLong("page-size"), help: "Items per source query page (at most 1000).")
    var pageSize = 1000

    @Option(name: .customLong("summary-json"), help: "Write the final counts as JSON to this file.")
    var summaryJSON: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        guard (1...1000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 1000") }
        do {
            _ = try HubMap(pairs: mapHub)
        } catch {
            throw ValidationError("--map-hub: \(error.message)")
        }
    }

    func run() async throws {
        let source = try instances.resolve(.source)
        let target = try instances.resolve(.target)
        guard MigrateRun.instance(source) != MigrateRun.instance(target) else {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "the source and the target are the same instance (\(MigrateRun.instance(source)))"
            )
        }
        var configuration = MigrateConfiguration()
        configuration.mode = mode.runMode
        configuration.includeGroups = groups
        configuration.concurrency = concurrency
        configuration.pace = operationsPerMinute
        configuration.sharedQuota = try sharedQuota.directory()
        configuration.sourcePace = sourceOperationsPerMinute
        configuration.pageSize = pageSize
        configuration.hubMap = try HubMap(pairs: mapHub)
        let run = MigrateRun(
            configuration: configuration,
            source: source,
            target: target,
            journalPath: journal,
            caCertificatePath: instances.caCertificate,
            version: DPSBulk.configuration.version
        )
        let progress = quiet ? nil : ProgressDisplay()
        let end = await GracefulRun.run { try await run.run(progress: progress) }
        progress?.finish()
        try JournalledRunOutcome.conclude(end, journalPath: run.resolvedJournalPath, summaryJSON: summaryJSON)
    }
}
