/// Why a string is not strict, standard, padded base64, and where (0-based UTF-8 byte offset).
///
/// Two errors are equal when their ``code`` is equal, so tests can compare against the constants.
public struct StrictBase64Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for the kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable string form, e.g. `"whitespace"`.
        public let rawValue: String

        /// Wraps a raw code string.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A space, tab, CR or LF: the value must be one unbroken line.
        public static let whitespace = Code(rawValue: "whitespace")
        /// `-` or `_`: base64url was used instead of standard base64.
        public static let urlSafeCharacter = Code(rawValue: "url-safe-character")
        /// A byte outside `A–Z a–z 0–9 + / =`.
        public static let invalidCharacter = Code(rawValue: "invalid-character")
        /// `=` somewhere other than the last one or two positions.
        public static let misplacedPadding = Code(rawValue: "misplaced-padding")
        /// The length is not a multiple of 4 (usually missing `=` padding, or a value cut short).
        public static let invalidLength = Code(rawValue: "invalid-length")
        /// The last character before the padding carries bits that the decoded bytes cannot hold.
        public static let nonZeroTrailingBits = Code(rawValue: "non-zero-trailing-bits")

        /// The raw code string.
        public var description: String { rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The 0-based offset, in UTF-8 bytes, of the first offending character (the input length for a length error).
    public let offset: Int
    /// A sentence a person can act on; it names the offset.
    public let message: String

    /// Creates an error.
    public init(code: Code, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Equality on ``code`` only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes ``code`` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
