/// A service call that did not succeed: the service answered with an error, or the request never got an answer.
///
/// Messages never contain the connection string or the key.
public struct DPSRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable, Hashable {
        /// The service answered with an error status.
        case service(status: Int, errorCode: Int?, message: String, retryAfter: String?)
        /// No usable answer: connection refused, reset or closed, a timeout, an incomplete body.
        case transport(String)
        /// The service answered 2xx with a body that is not what the API specifies.
        case malformedResponse(String)
        /// The TLS handshake failed: the service's certificate is not trusted (or does not name the host). Trying
        /// again cannot help; trusting its CA (`--ca-cert`) or fixing the host name can.
        case untrustedCertificate(String)
    }

    /// What went wrong.
    public let kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The HTTP status, for service errors.
    public var status: Int? {
        if case .service(let status, _, _, _) = kind { return status }
        return nil
    }

    public var description: String {
        switch kind {
        case .service(let status, let errorCode, let message, _):
            "the service answered \(status)\(errorCode.map { " (\($0))" } ?? ""): \(message)"
        case .transport(let reason): "no answer from the service: \(reason)"
        case .malformedResponse(let reason): "the service's answer is not valid: \(reason)"
        case .untrustedCertificate(let reason): "the TLS handshake with the service failed: \(reason)"
        }
    }
}
