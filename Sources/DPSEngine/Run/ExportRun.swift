import DPSClient
import DPSModel

/// One `export`: an HTTP client sized from the configuration's concurrency, an ``ExportEngine`` writing `path`,
/// and the client shut down however it ends.
public struct ExportRun: Sendable {
    public var configuration: ExportConfiguration
    /// The instance to export.
    public var source: ServiceTarget
    /// The file to write (resuming an interrupted export to the same path).
    public var path: String
    /// Extra CA certificates (PEM) to trust, e.g. an emulator's.
    public var caCertificatePath: String?
    /// The command whose metrics count this export's requests: `export`, or `diff` reading an instance side.
    public var metricsCommand = MetricsCommand.export

    public init(
        configuration: ExportConfiguration,
        source: ServiceTarget,
        path: String,
        caCertificatePath: String? = nil
    ) {
        self.configuration = configuration
        self.source = source
        self.path = path
        self.caCertificatePath = caCertificatePath
    }

    /// Runs (or resumes) the export.
    ///
    /// - Throws: before anything is read: an unreadable CA file. Everything after (``RunInterrupted`` after a
    ///   graceful shutdown, when the checkpoint lets the same export resume; ``RunStopped``; an I/O error) is in
    ///   the returned end.
    public func run(progress: (any RunProgressObserver)? = nil) async throws -> ExportRunEnd {
        // With --include-keys, a page's `concurrency` attestation reads overlap the next page's query.
        try await HTTPClientFactory.withClient(
            connections: configuration.concurrency.value + 1,
            caCertificatePath: caCertificatePath
        ) { http in
            let recorder = ProgressRecorder(forwardingTo: progress)
            let metrics = RunMetrics(command: metricsCommand)
            let engine = try ExportEngine(
                configuration: configuration,
                client: DPSServiceClient(target: source, http: http, transfers: metrics),
                source: source.host,
                quotaInstance: source.hostAndPort,
                progress: recorder,
                metrics: metrics
            )
            let clock = ContinuousClock()
            let started = clock.now
            let outcome: Result<ExportSummary, any Error>
            do {
                outcome = .success(try await engine.run(to: path))
            } catch {
                outcome = .failure(error)
            }
            return ExportRunEnd(
                outcome: outcome,
                written: recorder.latest?.done ?? 0,
                elapsedSeconds: (clock.now - started) / .seconds(1)
            )
        }
    }
}
