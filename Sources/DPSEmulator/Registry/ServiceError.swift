/// An error the emulated service returns: an HTTP status, a six-digit service error code and a message.
///
/// Codes follow the real service's pattern `HTTP status × 1000 + n` (NOTES.md).
public struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The service error code, e.g. 404201.
    public var errorCode: Int
    /// The message for the caller.
    public var message: String

    public init(status: Int, errorCode: Int, message: String) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
    }

    public var description: String { "\(status) \(errorCode): \(message)" }

    static func badRequest(_ message: String, code: Int = 400_000) -> ServiceError {
        ServiceError(status: 400, errorCode: code, message: message)
    }

    static func notFound(_ message: String) -> ServiceError {
        ServiceError(status: 404, errorCode: 404_201, message: message)
    }

    static func conflict(_ message: String) -> ServiceError {
        ServiceError(status: 409, errorCode: 409_201, message: message)
    }

    static func preconditionFailed(_ message: String) -> ServiceError {
        ServiceError(status: 412, errorCode: 412_002, message: message)
    }

    static func unauthorized(_ message: String) -> ServiceError {
        ServiceError(status: 401, errorCode: 401_002, message: message)
    }

    static func throttled(_ message: String) -> ServiceError {
        ServiceError(status: 429, errorCode: 429_001, message: message)
    }

    static func internalError(_ message: String) -> ServiceError {
        ServiceError(status: 500, errorCode: 500_000, message: message)
    }
}
