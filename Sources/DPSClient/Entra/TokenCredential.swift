import AsyncHTTPClient

/// A source of Microsoft Entra access tokens (one link of the credential chain).
public protocol TokenCredential: Sendable {
    /// The name `--credential` uses for it, e.g. `environment`.
    var name: String { get }
    /// A new token for `scope` (e.g. `https://azure-devices-provisioning.net/.default`).
    func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken
}
