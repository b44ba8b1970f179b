extension ThrowingTaskGroup where ChildTaskResult == Void, Failure == any Error {
    /// Adds `operation` as a child task once fewer than `limit` children run (`running` counts them), waiting for
    /// one to finish first when needed; a child's error is thrown here.
    mutating func addTask(
        limit: Int,
        running: inout Int,
        _ operation: @escaping @Sendable () async throws -> Void
    ) async throws {
        if running >= Swift.max(1, limit) {
            try await next()
            running -= 1
        }
        addTask(operation: operation)
        running += 1
    }
}
