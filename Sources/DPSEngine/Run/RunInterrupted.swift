import ServiceLifecycle

/// The run stopped because it was asked to (a graceful shutdown: SIGTERM, SIGINT): it took no new work, finished
/// and journalled the requests in flight, and can be resumed.
public struct RunInterrupted: Error, Sendable, CustomStringConvertible {
    public init() {}

    public var description: String { "interrupted; run the same command again to resume" }

    /// Throws when a graceful shutdown has begun: the place between two pieces of work where a run stops.
    static func checkpoint() throws(RunInterrupted) {
        if Task.isShuttingDownGracefully { throw RunInterrupted() }
    }
}

extension ThrowingTaskGroup where ChildTaskResult == Void, Failure == any Error {
    /// When a graceful shutdown has begun, waits for the children in flight (their outcomes are journalled) and
    /// throws ``RunInterrupted``; otherwise returns at once. Throwing without waiting would cancel them.
    mutating func stopIfShuttingDown() async throws {
        guard Task.isShuttingDownGracefully else { return }
        try await waitForAll()
        throw RunInterrupted()
    }
}
