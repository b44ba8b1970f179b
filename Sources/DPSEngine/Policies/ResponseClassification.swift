import Foundation

/// What to do after one call to the service: carry on, try again, give the record up, or stop the run.
///
/// | outcome | decision |
/// |---|---|
/// | 2xx | ``success`` |
/// | 408, 429, 500, 502, 503, 504, any other 5xx, a transient transport failure | ``retry(reason:retryAfter:)`` |
/// | 400, 404, 409, 412 and any other 4xx | ``final(status:errorCode:message:)`` |
/// | 401, 403 | ``fatal(message:)``: the credentials are wrong for every record alike |
/// | 1xx, 3xx, anything outside 100...599, a permanent transport failure | ``fatal(message:)`` |
///
/// `Retry-After` (seconds or an RFC 1123 date, see ``RetryAfter``) is passed on with retries only; whether
/// DPS sends it with 429 is not documented, so it is optional.
public enum ResponseClassification: Sendable, Hashable {
    /// The call did what it was asked (for a bulk call: the per-item results still need reading).
    case success
    /// A passing condition (throttling, an overloaded or restarting service, a dropped connection): send the same
    /// request again after a backoff of at least `retryAfter` seconds when the service named one.
    case retry(reason: String, retryAfter: TimeInterval?)
    /// The service rejected the request for good; `message` is the service's own words when it gave any.
    case final(status: Int, errorCode: Int?, message: String)
    /// Nothing later can succeed (refused credentials, a service that is not DPS): stop the whole run.
    case fatal(message: String)

    /// The fatal message for 401 and 403.
    public static let credentialsRefusedMessage =
        "the service refused the credentials: check DPS_CONNECTION_STRING's key and policy, "
        + "or the Entra identity's role"

    /// Classifies one call's outcome.
    ///
    /// - Parameters:
    ///   - outcome: What the call produced.
    ///   - now: The current wall-clock time, which a `Retry-After` HTTP-date is measured from.
    public init(_ outcome: ServiceCallOutcome, now: Date) {
        switch outcome {
        case .transportFailure(let description, let isTransient):
            self =
                isTransient
                ? .retry(reason: "transport failure: \(description)", retryAfter: nil)
                : .fatal(message: "could not reach the service: \(description)")
        case .response(let status, let retryAfter, let errorCode, let message):
            let message = message.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            self = Self.classify(status: status, errorCode: errorCode, message: message) {
                retryAfter.flatMap { RetryAfter(headerValue: $0, now: now)?.delay }
            }
        }
    }

    private static func classify(
        status: Int,
        errorCode: Int?,
        message: String?,
        retryAfter: () -> TimeInterval?
    ) -> ResponseClassification {
        let detail = message.map { ": \($0)" } ?? ""
        switch status {
        case 200...299:
            return .success
        case 401, 403:
            return .fatal(message: "\(credentialsRefusedMessage) (HTTP \(status)\(detail))")
        case 408, 429, 500...599:
            return .retry(reason: "HTTP \(status) \(reasonPhrase(status))\(detail)", retryAfter: retryAfter())
        case 400...499:
            return .final(
                status: status,
                errorCode: errorCode,
                message: message ?? "the service answered HTTP \(status) \(reasonPhrase(status))"
            )
        default:
            return .fatal(message: "the service answered with an unexpected HTTP status \(status)\(detail)")
        }
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 500...599: "Server Error"
        default: "Client Error"
        }
    }
}
