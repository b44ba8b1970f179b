/// How serious a finding is. A record with an error is never sent; warnings do not block.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// A stable, machine-readable name of a kind of problem, such as `registration-id.invalid-character`.
///
/// Codes never change once published: scripts match on them. Each rule declares its codes beside it.
public struct FindingCode: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One problem with one manifest record: where it is, which field, what is wrong and what to do.
public struct Finding: Sendable, Hashable, Codable {
    /// The manifest file.
    public var file: String
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// The record's registration ID or enrollment group ID, when it has one.
    public var registrationId: String?
    /// The manifest field (CSV column or JSON member path) the problem is in.
    public var field: String
    /// The stable code of the problem.
    public var code: FindingCode
    /// Whether the problem blocks the record.
    public var severity: Severity
    /// What is wrong and how to fix it, for a factory engineer.
    public var message: String

    /// Creates a finding.
    public init(
        file: String,
        line: Int,
        registrationId: String?,
        field: String,
        code: FindingCode,
        severity: Severity,
        message: String
    ) {
        self.file = file
        self.line = line
        self.registrationId = registrationId
        self.field = field
        self.code = code
        self.severity = severity
        self.message = message
    }
}
