import Foundation

/// Gives the `Authorization` header value for service requests: a SAS token, or a Microsoft Entra bearer token.
public protocol ServiceAuthorizer: Sendable {
    /// The header value to send now (cached as long as it stays valid).
    func authorization() async throws(DPSRequestError) -> String
    /// Forgets the cached value, after the service refused it.
    func invalidate()
    /// Whether a refused value is worth replacing and sending again (a token from a cache: yes; a SAS token made
    /// from a fixed key: no).
    var renewsAfterRefusal: Bool { get }
}

extension SASTokenCache: ServiceAuthorizer {
    func authorization() async throws(DPSRequestError) -> String {
        do {
            return try header()
        } catch {
            throw DPSRequestError(.service(status: 401, errorCode: nil, message: error.message, retryAfter: nil))
        }
    }

    func invalidate() {}

    var renewsAfterRefusal: Bool { false }
}
