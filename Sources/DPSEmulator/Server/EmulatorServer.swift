import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// A local DPS service: the REST API 2021-10-01 over HTTP or HTTPS, backed by a ``Registry``.
public enum EmulatorServer {
    /// Runs an emulator until `body` returns, then shuts it down. `body` gets the bound endpoint.
    public static func withRunning<T: Sendable>(
        _ configuration: EmulatorConfiguration,
        _ body: @Sendable (EmulatorEndpoint, Registry) async throws -> T
    ) async throws -> T {
        let registry = try makeRegistry(configuration)
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = try await makeApplication(configuration, registry: registry) { port in
            continuation.yield(port)
        }
        // A ServiceGroup so that the server stops gracefully when `body` is done: cancelling its task instead
        // could drop a connection in the middle of writing a response (swift-nio traps on an unfinished writer).
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: configuration.logger)
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await services.run()
                return nil
            }
            var ports = stream.makeAsyncIterator()
            guard let port = await ports.next() else { throw CancellationError() }
            var endpoint = EmulatorEndpoint(
                host: configuration.host,
                port: port,
                usesTLS: configuration.tls != nil,
                policy: configuration.policy
            )
            endpoint.entraTenantID = configuration.entra?.tenantID
            let outcome: Result<T, any Error>
            do {
                outcome = .success(try await body(endpoint, registry))
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try outcome.get()
        }
    }

    /// Runs an emulator until SIGTERM or SIGINT. `onStarted` gets the endpoint once it listens.
    public static func run(
        _ configuration: EmulatorConfiguration,
        onStarted: @escaping @Sendable (EmulatorEndpoint) -> Void
    ) async throws {
        let registry = try makeRegistry(configuration)
        let application = try await makeApplication(configuration, registry: registry) { port in
            var endpoint = EmulatorEndpoint(
                host: configuration.host,
                port: port,
                usesTLS: configuration.tls != nil,
                policy: configuration.policy
            )
            endpoint.entraTenantID = configuration.entra?.tenantID
            onStarted(endpoint)
        }
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    static func makeRegistry(_ configuration: EmulatorConfiguration) throws -> Registry {
        let persistence = try configuration.dataDirectory.map { try SQLiteRegistryPersistence(directory: $0) }
        return try Registry(
            persistence: persistence,
            limits: configuration.limits,
            listsSuccessesInBulkErrors: configuration.bulkResultsListSuccesses
        )
    }

    static func makeApplication(
        _ configuration: EmulatorConfiguration,
        registry: Registry,
        onPort: @escaping @Sendable (Int) -> Void
    ) async throws -> some ApplicationProtocol {
        let connections = ConnectionCounter()
        var entra: EntraPolicy?
        if let settings = configuration.entra { entra = try await EntraPolicy(settings) }
        var responder = ServiceResponder(
            registry: registry,
            policy: configuration.policy,
            gate: RequestGate(
                operationsPerMinute: configuration.operationsPerMinute,
                faultRate: configuration.faultRate,
                seed: configuration.seed,
                slowDelay: configuration.slowResponseDelay,
                unreadableBulkAnswers: configuration.unreadableBulkAnswers
            ),
            slowDelay: configuration.slowResponseDelay,
            logger: configuration.logger
        )
        responder.connections = connections
        responder.maximumConnections = max(1, configuration.connections.maximumConnections)
        let idle = configuration.connections.idleTimeout
        let http1 = HTTPServerBuilder.http1(
            configuration: HTTP1Channel.Configuration(
                idleTimeout: idle.isFinite && idle > 0 ? .milliseconds(Int64(min(idle, 86_400) * 1000)) : nil
            )
        )
        responder.entra = entra
        let issuerPolicy = entra
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            let chain: [NIOSSLCertificateSource]
            let key: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain).map { .certificate($0) }
            } catch {
                throw TLSFileError(
                    path: tls.certificateChain,
                    what: "certificate chain (--tls-cert)",
                    reason: "\(error)"
                )
            }
            do {
                key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
            } catch {
                throw TLSFileError(path: tls.privateKey, what: "private key (--tls-key)", reason: "\(error)")
            }
            var tlsConfiguration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain,
                privateKey: .privateKey(key)
            )
            // TLS 1.0 and 1.1 are deprecated (RFC 8996); the service itself requires 1.2.
            tlsConfiguration.minimumTLSVersion = .tlsv12
            server = try .tls(http1, tlsConfiguration: tlsConfiguration)
        } else {
            server = http1
        }
        return Application(
            responder: responder,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "dpsbulk-emulator",
                availableConnectionsDelegate: CountingConnectionsDelegate(
                    counter: connections,
                    hardLimit: 2 * max(1, configuration.connections.maximumConnections)
                )
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                issuerPolicy?.listening(
                    at: "\(configuration.tls != nil ? "https" : "http")://\(configuration.host):\(port)"
                )
                onPort(port)
            },
            logger: configuration.logger
        )
    }
}

/// A TLS file of the emulator that does not load, named with its path.
public struct TLSFileError: Error, Sendable, CustomStringConvertible {
    /// The file given.
    public let path: String
    /// What the file should hold.
    public let what: String
    /// What the TLS library said.
    public let reason: String

    public var description: String { "cannot load the \(what) from '\(path)': \(reason)" }
}
