import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts form requests to an OAuth 2.0 token endpoint and reads the answer with bounds.
enum TokenEndpoint {
    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    static func url(authorityHost: URL, tenantID: String) -> String {
        var base = authorityHost.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(tenantID)/oauth2/v2.0/token"
    }

    /// Form-encodes a value (RFC 3986 unreserved characters kept).
    static func encode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// Sends `form` to `url`; `what` names the identity in messages (never a secret).
    static func post(
        url: String,
        form: [(String, String)],
        what: String,
        http: HTTPClient
    ) async throws(CredentialError) -> AccessToken {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let body = form.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        let status: Int
        let data: Data
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            status = Int(response.status.code)
            var buffer = try await response.body.collect(upTo: TokenResponse.maximumBodyBytes)
            data = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            throw CredentialError(.unreachable, "could not reach the token endpoint \(url): \(error)")
        }
        guard (200..<300).contains(status) else {
            throw CredentialError(
                .refused,
                "Microsoft Entra ID refused a token for \(what) (HTTP \(status)): \(TokenResponse.errorText(data))"
            )
        }
        return try TokenResponse.parse(data, now: Date())
    }
}
