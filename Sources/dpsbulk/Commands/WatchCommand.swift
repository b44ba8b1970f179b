import ArgumentParser
import DPSClient
import DPSEngine
import DPSManifest
import Foundation

/// `dpsbulk watch INBOX`: a long-running drop-folder import service (see ``WatchService``).
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Import every complete manifest dropped into a folder, filing each in done/ or rejected/.",
        discussion: """
            A manifest is taken once complete: renamed into INBOX (temporary names such as .NAME, NAME.tmp and \
            NAME.part are left alone), or with --ready-convention marker once NAME.ready exists. Each is imported \
            with its own journal under the state directory, then moved to INBOX/done/ with NAME.summary.json, or \
            to INBOX/rejected/ with NAME.reason.txt and the report of its failed records. A failure of the service \
            keeps the job and retries it later. SIGTERM or SIGINT: no new files, the jobs finish their requests in \
            flight and resume at the next start; exit 0. With --once: exit 0 all done, 1 some rejected, 3 some \
            left for a failure of the service. 2: bad usage, or another watcher holds the state directory.
            """
    )

    @Argument(help: "The drop folder.")
    var inbox: String

    @Option(help: "Where claimed jobs, their journals and the index live (default: INBOX/.dpsbulk-watch).")
    var stateDir: String?

    @Option(help: "How a complete manifest is told: rename (renamed in when complete) or marker (NAME.ready).")
    var readyConvention = ReadyConvention.rename

    @Option(help: "Manifests imported at once (1-64), each with --concurrency requests in flight.")
    var maxJobs = 2

    @Option(help: "Seconds between two looks at the inbox (0.1-3600).")
    var pollInterval = 2.0

    @Flag(help: "Take what is ready, finish every job that can finish, and exit (for cron and tests).")
    var once = false

    @Option(help: "Serve Prometheus metrics on HOST:PORT (loopback only unless --metrics-allow-remote).")
    var metricsAddress: String?

    @Flag(help: "Allow a --metrics-address that is not loopback.")
    var metricsAllowRemote = false

    @OptionGroup var target: TargetOptions

    @OptionGroup var age: AgeIdentityOptions

    @OptionGroup var sharedQuota: SharedQuotaOptions

    @OptionGroup var logging: LogOptions

    @OptionGroup var behaviour: ImportBehaviourOptions

    func run() async throws {
        var configuration = try watchConfiguration()
        let metrics = try metricsAddress.map { text in
            do {
                return try ListenAddress(parsing: text, allowingRemote: metricsAllowRemote)
            } catch let error as OptionValueError {
                throw ValidationError(error.message)
            }
        }
        let end: GracefulRun.End<WatchEnd>
        switch try target.resolve() {
        case .target(let service):
            configuration.importConfiguration.sharedQuota = try sharedQuota.directory()
            end = await GracefulRun.run { [target, configuration] in
                try await WatchMetricsEndpoint.serving(metrics) {
                    try await WatchService(
                        configuration: configuration,
                        target: WatchTarget(
                            service: service,
                            caCertificatePath: target.caCertificate,
                            journalTargetName: nil,
                            version: DPSBulk.configuration.version
                        )
                    ).run(events: WatchEventPrinter.print)
                }
            }
        case .embeddedEmulator:
            end = await GracefulRun.run { [configuration] in
                try await EmbeddedEmulator.withRunning { connection, quota in
                    // The embedded emulator is this process's own: its quota is known and shared with no one.
                    var ownConfiguration = configuration
                    ownConfiguration.importConfiguration.knownQuota = quota
                    ownConfiguration.importConfiguration.sharedQuota = nil
                    return try await WatchMetricsEndpoint.serving(metrics) { [ownConfiguration] in
                        try await WatchService(
                            configuration: ownConfiguration,
                            target: WatchTarget(
                                service: ServiceTarget(connection),
                                caCertificatePath: nil,
                                journalTargetName: EmbeddedEmulator.journalTargetName,
                                version: DPSBulk.configuration.version
                            )
                        ).run(events: WatchEventPrinter.print)
                    }
                }
            }
        }
        try conclude(end)
    }

    private func watchConfiguration() throws -> WatchConfiguration {
        var configuration = WatchConfiguration(
            layout: InboxLayout(
                inbox: URL(fileURLWithPath: inbox),
                stateDirectory: stateDir.map { URL(fileURLWithPath: $0) }
            )
        )
        configuration.convention = readyConvention
        configuration.maximumJobs = maxJobs
        guard pollInterval.isFinite, pollInterval > 0 else {
            throw ValidationError("--poll-interval must be 0.1 to 3600 seconds")
        }
        configuration.pollInterval = .milliseconds(Int64((min(pollInterval, 1e7) * 1000).rounded()))
        configuration.exitWhenIdle = once
        configuration.importConfiguration = behaviour.importConfiguration(ageIdentities: try age.load())
        do {
            try configuration.validate()
            try configuration.layout.checkInbox()  // before an embedded emulator starts for nothing
        } catch let error as WatchError {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
        }
        return configuration
    }

    /// Prints the tally and throws the exit status (see the discussion).
    private func conclude(_ end: GracefulRun.End<WatchEnd>) throws {
        let tally: WatchEnd
        switch end.result {
        case .success(let value): tally = value
        case .failure(let error as WatchError):
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
        case .failure(let error): throw error
        }
        print(
            "watch: \(tally.done) done, \(tally.rejected) rejected, \(tally.waiting) waiting for the service, "
                + "\(tally.interrupted) to resume at the next start"
        )
        guard once, end.signal == nil else { return }
        if tally.waiting > 0 { throw ExitCode(ExitStatus.stopped) }
        if tally.rejected > 0 { throw ExitCode(ExitStatus.recordErrors) }
    }
}

extension ReadyConvention: ExpressibleByArgument {}
