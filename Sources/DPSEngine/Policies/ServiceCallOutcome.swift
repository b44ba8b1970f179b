/// What one call to the service produced, reduced to what ``ResponseClassification`` needs.
///
/// The service client builds it from an HTTP response (status, `Retry-After` header, and the
/// `ProvisioningServiceErrorDetails` body's `errorCode` and `message` when there is one) or from a transport error.
public enum ServiceCallOutcome: Sendable, Hashable {
    /// The service answered with an HTTP status.
    ///
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - retryAfter: The raw `Retry-After` header value (delay-seconds or an HTTP-date), if present.
    ///   - errorCode: The body's six-digit `errorCode` (or the `x-ms-error-code` header), if any.
    ///   - message: The body's `message`, if any.
    case response(status: Int, retryAfter: String? = nil, errorCode: Int? = nil, message: String? = nil)

    /// No HTTP answer arrived.
    ///
    /// - Parameters:
    ///   - description: What went wrong, for the user (for example "connection reset by peer").
    ///   - isTransient: Whether trying again can help: true for a reset or closed connection or a timeout;
    ///     false for failures every later call would repeat (the host name does not resolve, the server's
    ///     certificate is not trusted).
    case transportFailure(description: String, isTransient: Bool = true)
}
