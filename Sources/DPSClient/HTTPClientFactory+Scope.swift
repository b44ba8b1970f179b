import AsyncHTTPClient

extension HTTPClientFactory {
    /// A client made as ``make(connections:caCertificatePath:)`` makes it, for the duration of `body`; it is shut
    /// down however `body` ends.
    public static func withClient<T>(
        connections: Int,
        caCertificatePath: String? = nil,
        _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        let client = try make(connections: connections, caCertificatePath: caCertificatePath)
        let value: T
        do {
            value = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return value
    }
}
