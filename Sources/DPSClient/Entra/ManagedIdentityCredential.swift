import AsyncHTTPClient
import Foundation

/// A managed identity: App Service's local endpoint (`IDENTITY_ENDPOINT` with `IDENTITY_HEADER`) when set, else
/// the instance metadata service (IMDS) of a virtual machine.
public struct ManagedIdentityCredential: TokenCredential {
    public let name = "managed-identity"

    /// Where the token comes from.
    public enum Source: Sendable, Equatable {
        /// App Service / Functions: `GET {endpoint}?api-version=2019-08-01&resource=R` with `X-IDENTITY-HEADER`.
        case appService(endpoint: String, header: String)
        /// IMDS: `GET {endpoint}?api-version=2018-02-01&resource=R` with `Metadata: true`.
        case instanceMetadata(endpoint: String)
    }

    /// The standard IMDS token endpoint.
    public static let instanceMetadataEndpoint = "http://169.254.169.254/metadata/identity/oauth2/token"

    let source: Source
    /// A user-assigned identity's client ID (`AZURE_CLIENT_ID`); nil for the system-assigned one.
    let clientID: String?

    public init(source: Source, clientID: String?) {
        self.source = source
        self.clientID = clientID
    }

    /// The request for `scope`: URL and headers. Pure, for tests.
    func request(scope: String) -> (url: String, headers: [(String, String)]) {
        var resource = scope
        if resource.hasSuffix("/.default") { resource.removeLast("/.default".count) }
        var query = ["resource=\(TokenEndpoint.encode(resource))"]
        if let clientID { query.append("client_id=\(TokenEndpoint.encode(clientID))") }
        switch source {
        case .appService(let endpoint, let header):
            let separator = endpoint.contains("?") ? "&" : "?"
            return (
                "\(endpoint)\(separator)api-version=2019-08-01&" + query.joined(separator: "&"),
                [("X-IDENTITY-HEADER", header)]
            )
        case .instanceMetadata(let endpoint):
            return ("\(endpoint)?api-version=2018-02-01&" + query.joined(separator: "&"), [("Metadata", "true")])
        }
    }

    public func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        let (url, headers) = request(scope: scope)
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let status: Int
        let data: Data
        do {
            let response = try await http.execute(request, timeout: .seconds(10))
            status = Int(response.status.code)
            var buffer = try await response.body.collect(upTo: TokenResponse.maximumBodyBytes)
            data = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            throw CredentialError(.unreachable, "the managed identity endpoint did not answer: \(error)")
        }
        guard (200..<300).contains(status) else {
            throw CredentialError(
                .refused,
                "the managed identity endpoint refused a token (HTTP \(status)): \(TokenResponse.errorText(data))"
            )
        }
        return try TokenResponse.parse(data, now: Date())
    }
}
