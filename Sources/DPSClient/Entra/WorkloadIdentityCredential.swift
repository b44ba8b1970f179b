import AsyncHTTPClient
import Foundation

/// Kubernetes workload identity: the federated token in `AZURE_FEDERATED_TOKEN_FILE` is the client assertion,
/// read anew for every token request (the kubelet rotates it).
public struct WorkloadIdentityCredential: TokenCredential {
    public let name = "workload-identity"
    let authorityHost: URL
    let tenantID: String
    let clientID: String
    let tokenFile: String

    public init(authorityHost: URL, tenantID: String, clientID: String, tokenFile: String) {
        self.authorityHost = authorityHost
        self.tenantID = tenantID
        self.clientID = clientID
        self.tokenFile = tokenFile
    }

    public func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        guard let data = FileManager.default.contents(atPath: tokenFile), data.count <= 64 << 10 else {
            throw CredentialError(.notConfigured, "cannot read the federated token file '\(tokenFile)'")
        }
        let assertion = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !assertion.isEmpty else {
            throw CredentialError(.notConfigured, "the federated token file '\(tokenFile)' is empty")
        }
        return try await TokenEndpoint.post(
            url: TokenEndpoint.url(authorityHost: authorityHost, tenantID: tenantID),
            form: ClientAssertion.form(clientID: clientID, assertion: assertion, scope: scope),
            what: "workload identity \(clientID) in tenant \(tenantID)",
            http: http
        )
    }
}
