import AsyncHTTPClient

/// Tries credentials in order; one that is not available here (not configured, endpoint unreachable) gives way to
/// the next; one that refuses ends the search.
final class FallbackCredential: TokenCredential {
    let name = "managed-identity or azure-cli"
    private let credentials: [any TokenCredential]

    init(_ credentials: [any TokenCredential]) {
        self.credentials = credentials
    }

    func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        var reasons: [String] = []
        for credential in credentials {
            do {
                return try await credential.token(scope: scope, http: http)
            } catch  where error.code == .refused || error.code == .malformedTokenResponse {
                throw error
            } catch {
                reasons.append("\(credential.name): \(error.message)")
            }
        }
        throw CredentialError(
            .notConfigured,
            "no Microsoft Entra credential is available: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET "
                + "(or use a connection string); tried " + reasons.joined(separator: "; ")
        )
    }
}
