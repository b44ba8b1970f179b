import AsyncHTTPClient
import Foundation
import NIOCore

/// A service principal's client secret, exchanged at `{authority}/{tenant}/oauth2/v2.0/token`
/// (OAuth 2.0 client credentials grant).
public struct ClientSecretCredential: TokenCredential {
    public let name = "environment"
    let authorityHost: URL
    let tenantID: String
    let clientID: String
    /// A secret: never in a message.
    let clientSecret: String

    public init(authorityHost: URL, tenantID: String, clientID: String, clientSecret: String) {
        self.authorityHost = authorityHost
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    public func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        try await TokenEndpoint.post(
            url: TokenEndpoint.url(authorityHost: authorityHost, tenantID: tenantID),
            form: [
                ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret),
                ("scope", scope),
            ],
            what: "client \(clientID) in tenant \(tenantID)",
            http: http
        )
    }
}
