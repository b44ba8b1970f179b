import Foundation

/// One per-item entry of a bulk answer's `errors` array, as the service spelt it.
///
/// The service lists failed items there; some SDK documentation shows successes listed too
/// (`errorCode` 200, `errorStatus` "Succeeded"). Codes are six digits (`HTTP * 1000 + n`, such as 409201) or a bare
/// HTTP status (409).
public struct BulkItemEntry: Sendable, Hashable {
    /// The item's `registrationId` or `enrollmentGroupId`.
    public let identifier: String
    /// The six-digit service code or a bare HTTP status.
    public let errorCode: Int
    /// The service's text for it, if any.
    public let errorStatus: String?

    /// Creates an entry.
    public init(identifier: String, errorCode: Int, errorStatus: String? = nil) {
        self.identifier = identifier
        self.errorCode = errorCode
        self.errorStatus = errorStatus
    }

    /// The HTTP status the code stands for: the code itself when it has three digits, its first three digits when
    /// it has six; `nil` for anything else.
    public var httpStatus: Int? {
        switch errorCode {
        case 100...599: errorCode
        case 100_000...599_999: errorCode / 1000
        default: nil
        }
    }

    /// Whether the entry reports a success: a 2xx code, or the status text "Succeeded" (any case).
    public var reportsSuccess: Bool {
        if let status = httpStatus, (200...299).contains(status) { return true }
        return errorStatus?.trimmingCharacters(in: .whitespaces).lowercased() == "succeeded"
    }

    /// The reason to journal for a refused item.
    var reason: String { errorStatus ?? "error \(errorCode)" }
}
