import DPSEngine
import Hummingbird
import Logging
import Metrics
import Prometheus

/// `--metrics-address`: serves `GET /metrics` in the Prometheus text format (the `dpsbulk_watch_jobs` gauge and
/// whatever else the process records through swift-metrics) for as long as the watcher runs.
/// The registry is the process's one metrics backend (``MetricsBootstrap``): the jobs' import series are there too.
enum WatchMetricsEndpoint {
    /// Runs `body`, with the endpoint served on `address` when one is given.
    static func serving<T: Sendable>(
        _ address: ListenAddress?,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let address else { return try await body() }
        let registry = MetricsBootstrap.bootstrap()
        let router = Router()
        router.get("metrics") { _, _ in registry.emitToString() }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                let shown = ListenAddress.display(host: address.host, port: port)
                WatchEventPrinter.note("metrics served on http://\(shown)/metrics")
            },
            logger: Logger(label: "dpsbulk.metrics", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await application.run()
                return nil
            }
            group.addTask { try await body() }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }
}
