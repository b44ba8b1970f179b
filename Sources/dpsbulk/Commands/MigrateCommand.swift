import ArgumentParser
import Crypto
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
        abstract: "Copy all enrollments (and groups) from one DPS instance to another: streaming, keys included, resumable.",
        discussion: """
            The source is DPS_SOURCE_CONNECTION_STRING (or --source-connection-string-file), the target \
            DPS_TARGET_CONNECTION_STRING (or --target-connection-string-file). Symmetric keys and certificates always \
            travel (one extra read on the source per symmetric-key or X.509 item). Running the same command again \
            resumes from the journal. Registration states are not copied: devices register again with the target. \
            Exit status as import: 0 all done, 1 some records failed or conflicted, 2 usage, 3 the run stopped, \
            130 interrupted.
            """
    )

    @Option(
        name: .customLong("source-connection-string-file"),
        help: "Read the source instance's connection string from this file."
    )
    var sourceConnectionStringFile: String?

    @Option(
        name: .customLong("target-connection-string-file"),
        help: "Read the target instance's connection string from this file."
    )
    var targetConnectionStringFile: String?

    @Option(name: .customLong("ca-cert"), help: "Also trust the CA certificates in this PEM file (e.g. an emulator's).")
    var caCertificate: String?

    @Flag(help: "Migrate enrollment groups too (all of them before the individual enrollments).")
    var groups = false

    @Option(
        help:
            "create (default: an enrollment the target already has is a reported conflict), update, upsert, or delete (removes the source's items from the target: undoes a migration)."
    )
    var mode: ImportCommand.Mode = .create

    @Option(
        name: .customLong("map-hub"),
        help: "OLD=NEW: replace the IoT hub host name OLD by NEW in iotHubHostName and iotHubs (repeatable)."
    )
    var mapHub: [String] = []

    @Option(help: "The journal file (default: migrate-SOURCE-to-TARGET.MODE.journal in the current directory).")
    var journal: String?

    @Option(help: "Bulk requests in flight at once on the target.")
    var concurrency = 4

    @Option(name: .customLong("operations-per-minute"), help: "On the target: auto or a number.")
    var operationsPerMinute = "auto"

    @Option(name: .customLong("source-operations-per-minute"), help: "On the source: auto or a number.")
    var sourceOperationsPerMinute = "auto"

    @Option(name: .customLong("page-size"), help: "Items per source query page (at most 1000).")
    var pageSize = 1000

    @Option(name: .customLong("summary-json"), help: "Write the final counts as JSON to this file.")
    var summaryJSON: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
        try OperationsPerMinute.validate(operationsPerMinute)
        try OperationsPerMinute.validate(sourceOperationsPerMinute, option: "--source-operations-per-minute")
        guard (1...1000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 1000") }
        do {
            _ = try HubMap(pairs: mapHub)
        } catch {
            throw ValidationError("--map-hub: \(error.message)")
        }
    }

    func run() async throws {
        let source = try TargetOptions.connectionString(
            file: sourceConnectionStringFile,
            argument: nil,
            environmentVariable: "DPS_SOURCE_CONNECTION_STRING"
        )
        let target = try TargetOptions.connectionString(
            file: targetConnectionStringFile,
            argument: nil,
            environmentVariable: "DPS_TARGET_CONNECTION_STRING"
        )
        guard Self.instance(source) != Self.instance(target) else {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "the source and the target are the same instance (\(Self.instance(source)))"
            )
        }
        var configuration = MigrateConfiguration()
        configuration.mode = mode.runMode
        configuration.includeGroups = groups
        configuration.concurrency = concurrency
        configuration.operationsPerMinute = Int(operationsPerMinute)
        configuration.sourceOperationsPerMinute = Int(sourceOperationsPerMinute)
        configuration.pageSize = pageSize
        configuration.hubMap = try HubMap(pairs: mapHub)
        let journalPath =
            journal
            ?? "migrate-\(Self.fileSafe(Self.instance(source)))-to-\(Self.fileSafe(Self.instance(target)))"
            + ".\(mode.rawValue).journal"
        let journalFile = try openJournal(journalPath, source: source, target: target, configuration: configuration)
        let http = try HTTPClientFactory.make(connections: concurrency + 2, caCertificatePath: caCertificate)
        let engine = try MigrateEngine(
            configuration: configuration,
            source: DPSServiceClient(connectionString: source, http: http),
            target: DPSServiceClient(connectionString: target, http: http),
            journal: journalFile,
            progress: quiet ? nil : ProgressDisplay()
        )
        let outcome = await Interruptible.run { try await engine.run() }
        try? await http.shutdown()
        let summary = (try? engine.makeSummary(elapsed: 0)) ?? ImportSummary()
        try? journalFile.close()
        try JournalledRunOutcome.conclude(
            outcome,
            summarySoFar: summary,
            journalPath: journalPath,
            summaryJSON: summaryJSON
        )
    }

    /// Opens (or resumes) the journal. Its identity is the source and the options that decide which records it
    /// holds in which order, so a different migration cannot resume it.
    private func openJournal(
        _ path: String,
        source: ConnectionString,
        target: ConnectionString,
        configuration: MigrateConfiguration
    ) throws -> Journal {
        let hubs = configuration.hubMap.replacements.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let identity = "migrate source=\(Self.instance(source)) groups=\(groups) pageSize=\(pageSize) hubs=\(hubs)"
        let digest = SHA256.hash(data: Data(identity.utf8)).map { String(format: "%02x", $0) }.joined()
        let options =
            #"{"concurrency":\#(concurrency),"operationsPerMinute":"\#(operationsPerMinute)","groups":\#(groups)}"#
        do {
            return try Journal.open(
                at: path,
                run: try RunDescriptor(
                    manifestPath: "dps://\(Self.instance(source))",
                    manifestSHA256: digest,
                    targetHost: TargetHost(Self.instance(target)),
                    mode: mode.runMode,
                    options: options,
                    dpsbulkVersion: DPSBulk.configuration.version
                )
            )
        } catch let error as JournalError where error.code == .manifestChanged {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "journal \(path) belongs to a migration from another source or with other --groups, "
                    + "--page-size or --map-hub options; run it with those, or give another --journal"
            )
        } catch let error as JournalError {
            throw CommandFailure(status: ExitStatus.forJournal(error), message: error.message)
        }
    }

    /// The instance a connection string names: its host, with the port when it has one (emulators).
    static func instance(_ connection: ConnectionString) -> String {
        (connection.port.map { "\(connection.host):\($0)" } ?? connection.host).lowercased()
    }

    /// A host name as part of a file name (the port's colon replaced).
    static func fileSafe(_ host: String) -> String {
        String(host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
    }
}
