extension ThrowingTaskGroup where ChildTaskResult == Void, Failure == any Error {
    /// Adds `operation` as a child task once fewer than `limit` children run (`running` counts them), waiting for
    /// one to finish first when needed; a child's error is thrown here. Once a graceful shutdown has begun it adds
    /// nothing: it waits for the children in flight and throws ``RunInterrupted``.
    mutating func addTask(
        limit: Int,
        running: inout Int,
        _ operation: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await stopIfShuttingDown()
        if running >= limit {
            try await next()
            running -= 1
        }
        addTask(operation: operation)
        running += 1
    }
}
