import Foundation

/// Runs an operation that SIGINT cancels (so the journal is left consistent and the run can resume).
enum Interruptible {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async -> Result<T, any Error> {
        let task = Task { try await operation() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT)
        source.setEventHandler { task.cancel() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        do {
            return .success(try await task.value)
        } catch {
            return .failure(error)
        }
    }
}
