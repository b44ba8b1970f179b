/// Why a certificate value (PEM, or bare base64 DER) could not be read.
///
/// Compare errors by ``code``: two errors with the same code are equal whatever their messages say.
public struct CertificateInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason for the failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's stable spelling, e.g. `"bad-base64"`.
        public let rawValue: String

        /// Creates a code from its spelling.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The value is empty or only whitespace.
        public static let empty = Code(rawValue: "empty")
        /// The value is neither PEM nor base64 DER.
        public static let notPEM = Code(rawValue: "not-pem")
        /// A `-----BEGIN …-----` line has no matching `-----END …-----` line.
        public static let truncatedPEM = Code(rawValue: "truncated-pem")
        /// The base64 text inside a CERTIFICATE block (or the bare base64 value) is broken.
        public static let badBase64 = Code(rawValue: "bad-base64")
        /// The value is something else: a private key, a public key, a CSR, a thumbprint…
        public static let notACertificate = Code(rawValue: "not-a-certificate")
        /// The bytes decode but are not a valid DER X.509 certificate.
        public static let unparseable = Code(rawValue: "unparseable")

        /// The code's stable spelling.
        public var description: String { rawValue }
    }

    /// The stable reason.
    public let code: Code
    /// What is wrong and how to fix it, for a person.
    public let message: String
    /// The 1-based position of the PEM block concerned, when the failure is about one block.
    public let blockIndex: Int?

    /// Creates an error.
    public init(code: Code, message: String, blockIndex: Int? = nil) {
        self.code = code
        self.message = message
        self.blockIndex = blockIndex
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// Errors are equal when their codes are.
    public static func == (lhs: CertificateInputError, rhs: CertificateInputError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}
