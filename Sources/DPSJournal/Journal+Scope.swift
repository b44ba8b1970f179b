extension Journal {
    /// Opens (or resumes) the journal at `path` for the duration of `body`, and closes it however `body` ends.
    ///
    /// - Throws: what ``open(at:run:force:configuration:)`` throws, or what `body` throws.
    public static func withOpen<T>(
        at path: String,
        run: RunDescriptor,
        force: Bool = false,
        configuration: Configuration = Configuration(),
        _ body: (Journal) async throws -> T
    ) async throws -> T {
        try await open(at: path, run: run, force: force, configuration: configuration).closing(body)
    }

    /// Runs `body` with this open journal, then closes it however `body` ends.
    public func closing<T>(_ body: (Journal) async throws -> T) async throws -> T {
        let value: T
        do {
            value = try await body(self)
        } catch {
            try? close()
            throw error
        }
        try close()
        return value
    }
}
