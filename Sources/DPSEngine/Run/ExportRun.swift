import DPSClient
import DPSModel

/// One `export`: an HTTP client sized from the configuration's concurrency, an ``ExportEngine`` writing `path`,
/// and the client shut down however it ends.
public struct ExportRun: Sendable {
    public var configuration: ExportConfiguration
    /// The instance to export.
    public var source: ConnectionString
    /// The file to write (resuming an interrupted export to the same path).
    public var path: String
    /// Extra CA certificates (PEM) to trust, e.g. an emulator's.
    public var caCertificatePath: String?

    public init(
        configuration: ExportConfiguration,
        source: ConnectionString,
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
    /// - Throws: ``RunInterrupted`` after a graceful shutdown (the checkpoint lets the same export resume),
    ///   ``ImportStopped``, an I/O error, an unreadable CA file.
    public func run(progress: (any ImportProgressObserver)? = nil) async throws -> ExportSummary {
        // With --include-keys, a page's `concurrency` attestation reads overlap the next page's query.
        try await HTTPClientFactory.withClient(
            connections: configuration.concurrency.value + 1,
            caCertificatePath: caCertificatePath
        ) { http in
            let engine = try ExportEngine(
                configuration: configuration,
                client: DPSServiceClient(connectionString: source, http: http),
                source: source.host,
                progress: progress
            )
            return try await engine.run(to: path)
        }
    }
}
