import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs an operation as a service that SIGTERM and SIGINT stop gracefully: the operation sees
/// `Task.isShuttingDownGracefully`, takes no new work and finishes what is in flight; after
/// ``maximumShutdownDuration`` it is cancelled.
enum GracefulRun {
    /// How long the work in flight may take to finish after a signal.
    static let maximumShutdownDuration = Duration.seconds(10)

    /// How the operation ended, and the signal that stopped it if one did.
    struct End<T: Sendable>: Sendable {
        var result: Result<T, any Error>
        var signal: UnixSignal?
    }

    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async -> End<T> {
        let operationService = OperationService(operation: operation)
        let signalService = FirstSignal()
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: operationService, successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: signalService, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            logger: Logger(label: "dpsbulk.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        configuration.maximumGracefulShutdownDuration = maximumShutdownDuration
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            // The services do not throw; the group's own errors leave the operation's result to tell.
        }
        let result = operationService.result.withLock { $0 } ?? .failure(CancellationError())
        return End(result: result, signal: signalService.received.withLock { $0 })
    }

    /// The operation, its result kept for ``run(_:)``.
    private final class OperationService<T: Sendable>: Service {
        let operation: @Sendable () async throws -> T
        let result = Mutex<Result<T, any Error>?>(nil)

        init(operation: @escaping @Sendable () async throws -> T) { self.operation = operation }

        func run() async {
            let outcome: Result<T, any Error>
            do {
                outcome = .success(try await operation())
            } catch {
                outcome = .failure(error)
            }
            result.withLock { $0 = outcome }
        }
    }

    /// Waits for SIGTERM or SIGINT and returns when one comes (which shuts the group down gracefully), or when the
    /// group shuts down because the operation ended.
    private final class FirstSignal: Service {
        let received = Mutex<UnixSignal?>(nil)

        func run() async {
            for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint).cancelOnGracefulShutdown() {
                received.withLock { $0 = signal }
                return
            }
        }
    }
}
