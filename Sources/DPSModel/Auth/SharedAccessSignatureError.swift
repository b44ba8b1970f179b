/// Why an `Authorization` value is not a usable shared access signature.
public struct SharedAccessSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The value does not start with `SharedAccessSignature `.
        public static let notSharedAccessSignature = Code("not-shared-access-signature")
        /// A field is not `name=value`, or the token is too long.
        public static let malformed = Code("malformed")
        /// A field appears twice.
        public static let repeatedField = Code("repeated-field")
        /// `sr`, `sig` or `se` is missing.
        public static let missingField = Code("missing-field")
        /// `se` is not 1 to 13 ASCII digits.
        public static let badExpiry = Code("bad-expiry")
    }

    public let code: Code
    /// A message naming the field, never echoing the signature.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
