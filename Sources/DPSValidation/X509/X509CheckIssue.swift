import Foundation

/// One finding about an enrollment's X.509 certificate.
public struct X509CheckIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable {
        /// DPS would refuse the enrollment, or the device could not register.
        case error
        /// It would work, but probably not as intended.
        case warning
    }

    /// A stable, machine-readable name for the kind of finding.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's stable spelling, e.g. `"x509.expired"`.
        public let rawValue: String

        /// Creates a code from its spelling.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The certificate's validity ended before `now` (error).
        public static let expired = Code(rawValue: "x509.expired")
        /// The certificate's validity starts after `now` (error).
        public static let notYetValid = Code(rawValue: "x509.not-yet-valid")
        /// The certificate expires within ``X509Checker/expiryWarningWindow`` of `now` (warning).
        public static let expiresSoon = Code(rawValue: "x509.expires-soon")
        /// Individual enrollment: the subject CN is not the registration ID (error).
        public static let commonNameMismatch = Code(rawValue: "x509.cn-mismatch")
        /// Individual enrollment: the subject has no CN (error).
        public static let commonNameMissing = Code(rawValue: "x509.cn-missing")
        /// Individual enrollment: the CN is over 64 characters, longer than an X.509 registration ID may be (error).
        public static let commonNameTooLong = Code(rawValue: "x509.cn-too-long")
        /// Several certificates were given where DPS takes one; only the first is used (warning).
        public static let chainGiven = Code(rawValue: "x509.chain-given")
        /// Enrollment group: the signing certificate is not a CA (error).
        public static let signingCertificateNotCA = Code(rawValue: "x509.signing-cert-not-ca")
        /// Individual enrollment: the device certificate is a CA certificate (warning).
        public static let leafIsCA = Code(rawValue: "x509.leaf-is-ca")

        /// The code's stable spelling.
        public var description: String { rawValue }
    }

    /// How serious the finding is.
    public let severity: Severity
    /// What kind of finding it is.
    public let code: Code
    /// What is wrong, naming the dates, names and IDs involved.
    public let message: String

    /// Creates a finding.
    public init(severity: Severity, code: Code, message: String) {
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// `severity code: message`.
    public var description: String { "\(severity.rawValue) \(code): \(message)" }

    /// A date as DPS writes it, e.g. `2021-01-01T00:00:00Z`.
    static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }
}
