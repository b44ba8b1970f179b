import Crypto
import DPSClient
import DPSJournal
import DPSModel
import Foundation

/// One `migrate`: opens (or resumes) the journal and an HTTP client sized from the configuration's concurrency, runs
/// a ``MigrateEngine`` from `source` to `target` with them, and closes both however it ends.
public struct MigrateRun: Sendable {
    public var configuration: MigrateConfiguration
    public var source: ServiceTarget
    public var target: ServiceTarget
    /// The journal file; nil for ``defaultJournalPath``.
    public var journalPath: String?
    /// Extra CA certificates (PEM) to trust, e.g. an emulator's.
    public var caCertificatePath: String?
    /// The dpsbulk version recorded in the journal.
    public var version: String

    public init(
        configuration: MigrateConfiguration,
        source: ServiceTarget,
        target: ServiceTarget,
        journalPath: String? = nil,
        caCertificatePath: String? = nil,
        version: String
    ) {
        self.configuration = configuration
        self.source = source
        self.target = target
        self.journalPath = journalPath
        self.caCertificatePath = caCertificatePath
        self.version = version
    }

    /// The instance a connection string names: its host, with the port when it has one (emulators).
    public static func instance(_ connection: ServiceTarget) -> String {
        connection.hostAndPort.lowercased()
    }

    /// `migrate-SOURCE-to-TARGET.MODE.journal` in the current directory (a port's colon replaced).
    public var defaultJournalPath: String {
        func fileSafe(_ host: String) -> String {
            String(host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        }
        return "migrate-\(fileSafe(Self.instance(source)))-to-\(fileSafe(Self.instance(target)))"
            + ".\(configuration.mode.rawValue).journal"
    }

    /// The journal file this run uses.
    public var resolvedJournalPath: String { journalPath ?? defaultJournalPath }

    /// The journal's name for this run. Its identity is the source and the options that decide which records it
    /// holds in which order, so a different migration cannot resume it.
    func descriptor() throws -> RunDescriptor {
        let hubs = configuration.hubMap.replacements.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let identity =
            "migrate source=\(Self.instance(source)) groups=\(configuration.includeGroups) "
            + "pageSize=\(configuration.pageSize) hubs=\(hubs)"
        return try RunDescriptor(
            manifestPath: "dps://\(Self.instance(source))",
            manifestSHA256: SHA256.hash(data: Data(identity.utf8)).lowercaseHex,
            targetHost: TargetHost(Self.instance(target)),
            mode: configuration.mode,
            options: JournalOptions(
                concurrency: configuration.concurrency,
                operationsPerMinute: configuration.pace,
                groups: configuration.includeGroups
            ),
            dpsbulkVersion: version
        )
    }

    /// Runs (or resumes) the migration.
    ///
    /// - Throws: before anything is read or sent: ``JournalError`` (a journal of another migration is
    ///   ``JournalError/Code/manifestChanged``, with a message naming the options that decide it), an unreadable CA
    ///   file. Everything after is in the returned end.
    public func run(progress: (any RunProgressObserver)? = nil) async throws -> JournalledRunEnd {
        let path = resolvedJournalPath
        let journal: @Sendable (RunDescriptor) throws -> Journal = { descriptor in
            do {
                return try Journal.open(at: path, run: descriptor)
            } catch let error as JournalError where error.code == .manifestChanged {
                throw JournalError(
                    code: .manifestChanged,
                    message: "journal \(path) belongs to a migration from another source or with other --groups, "
                        + "--page-size or --map-hub options; run it with those, or give another --journal",
                    underlying: error
                )
            }
        }
        let opened = try journal(try descriptor())
        return try await opened.closing { journal in
            // Each page's attestation reads on the source and its bulk requests on the target both run
            // `concurrency` at once; the pool's limit is per host.
            try await HTTPClientFactory.withClient(
                connections: configuration.concurrency.value,
                caCertificatePath: caCertificatePath
            ) { http in
                let metrics = RunMetrics(command: .migrate)
                let engine = try MigrateEngine(
                    configuration: configuration,
                    source: DPSServiceClient(target: source, http: http, transfers: metrics),
                    target: DPSServiceClient(target: target, http: http, transfers: metrics),
                    journal: journal,
                    quotaInstances: (Self.instance(source), Self.instance(target)),
                    progress: progress,
                    metrics: metrics
                )
                return await JournalledRunEnd.measuring({ try await engine.run() }, summarySoFar: engine.makeSummary)
            }
        }
    }
}
