import DPSClient
import DPSJournal
import DPSModel

/// One `import`: opens (or resumes) the journal and an HTTP client sized from the configuration's concurrency, runs
/// an ``ImportEngine`` with them, and closes both however it ends.
public struct ImportRun: Sendable {
    public var configuration: ImportConfiguration
    /// The manifest to import.
    public var manifestPath: String
    /// The journal file, or ``Journal/inMemoryPath``.
    public var journalPath: String
    /// The instance to import into.
    public var target: ServiceTarget
    /// Extra CA certificates (PEM) to trust, e.g. an emulator's.
    public var caCertificatePath: String?
    /// The dpsbulk version recorded in the journal.
    public var version: String
    /// The name the journal records for the target, when not its host and port: the embedded emulator, whose port
    /// changes every run, is one instance under one name.
    public var journalTargetName: String?

    public init(
        configuration: ImportConfiguration,
        manifestPath: String,
        journalPath: String,
        target: ServiceTarget,
        caCertificatePath: String? = nil,
        version: String
    ) {
        self.configuration = configuration
        self.manifestPath = manifestPath
        self.journalPath = journalPath
        self.target = target
        self.caCertificatePath = caCertificatePath
        self.version = version
    }

    /// The journal's name for this run: the manifest's digest, the target, the mode and the options.
    func descriptor() throws -> RunDescriptor {
        try RunDescriptor(
            manifestPath: manifestPath,
            manifestSHA256: try ManifestDigest.sha256(ofFileAt: manifestPath),
            // With the port: two emulators on one host are two instances, and a journal of one must not resume
            // against the other.
            targetHost: TargetHost(journalTargetName ?? target.hostAndPort),
            mode: configuration.mode,
            options: JournalOptions(
                concurrency: configuration.concurrency,
                operationsPerMinute: configuration.pace,
                strict: configuration.strict
            ),
            dpsbulkVersion: version
        )
    }

    /// Runs (or resumes) the import.
    ///
    /// - Throws: before anything is sent: ``JournalError`` (the journal cannot be opened or belongs to another
    ///   run), an unreadable manifest or CA file. Everything after is in the returned end.
    public func run(progress: (any RunProgressObserver)? = nil) async throws -> JournalledRunEnd {
        let descriptor = try descriptor()
        return try await Journal.withOpen(at: journalPath, run: descriptor, force: configuration.force) { journal in
            try await HTTPClientFactory.withClient(
                connections: configuration.concurrency.value,
                caCertificatePath: caCertificatePath
            ) { http in
                let metrics = RunMetrics(command: .import)
                let engine = try ImportEngine(
                    configuration: configuration,
                    client: DPSServiceClient(target: target, http: http, transfers: metrics),
                    journal: journal,
                    quotaInstance: target.hostAndPort,
                    progress: progress,
                    metrics: metrics
                )
                return await JournalledRunEnd.measuring(
                    { try await engine.run(manifestPath: manifestPath) },
                    summarySoFar: engine.makeSummary(elapsed:)
                )
            }
        }
    }
}
