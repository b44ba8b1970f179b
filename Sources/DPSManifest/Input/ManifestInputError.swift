/// An error reading a manifest file: it cannot be opened, its bytes are not well-formed UTF-8 / RFC 4180 CSV, or a
/// gzip-compressed manifest (`.gz`) is damaged or cut short.
///
/// Two errors are equal when their ``code`` is equal, so tests can compare against a bare code.
public struct ManifestInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable error code (its `rawValue` never changes between releases).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable code string, e.g. `"unterminated-quote"`.
        public let rawValue: String

        /// Creates a code from its stable string.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The stable code string.
        public var description: String { rawValue }

        /// The file does not exist.
        public static let fileNotFound = Code(rawValue: "file-not-found")
        /// The file exists but cannot be opened or read (permissions, a directory, an I/O error).
        public static let unreadable = Code(rawValue: "unreadable")
        /// The bytes are not valid UTF-8.
        public static let notUTF8 = Code(rawValue: "not-utf8")
        /// A quoted CSV field is never closed before the end of the file.
        public static let unterminatedQuote = Code(rawValue: "unterminated-quote")
        /// A `"` appears inside a CSV field that does not start with a quote.
        public static let quoteInUnquotedField = Code(rawValue: "quote-in-unquoted-field")
        /// A closing quote of a CSV field is followed by something other than a comma or a line end.
        public static let textAfterClosingQuote = Code(rawValue: "text-after-closing-quote")
        /// A single CSV field is longer than the reader's field limit.
        public static let fieldTooLarge = Code(rawValue: "field-too-large")
        /// A whole CSV record is longer than the reader's record limit.
        public static let recordTooLarge = Code(rawValue: "record-too-large")
        /// A CSV record has more fields than the reader's field-count limit.
        public static let tooManyFields = Code(rawValue: "too-many-fields")
        /// A physical line read by ``LineReader`` is longer than its line limit.
        public static let lineTooLarge = Code(rawValue: "line-too-large")
        /// A carriage return outside a quoted CSV field is not followed by a line feed (CR-only line endings).
        public static let bareCarriageReturn = Code(rawValue: "bare-carriage-return")
        /// A `.gz` file is not gzip, its compressed data is damaged (a CRC or length check fails), or bytes that are
        /// not another gzip member follow its last member.
        public static let gzipCorrupt = Code(rawValue: "gzip-corrupt")
        /// A `.gz` file is empty or ends inside a gzip member (an interrupted copy, download or export).
        public static let gzipTruncated = Code(rawValue: "gzip-truncated")
    }

    /// The stable code identifying the kind of error.
    public var code: Code
    /// The 1-based physical line the error refers to, or `nil` when it concerns the whole file.
    public var line: Int?
    /// The 1-based column, counted in bytes from the start of the line, or `nil` when not known.
    public var column: Int?
    /// A message a person can act on; starts with `line N:` when the error has a line.
    public var message: String

    /// Creates an error; the message should say what is wrong and how to fix it.
    public init(code: Code, line: Int? = nil, column: Int? = nil, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// The human-readable message.
    public var description: String { message }

    /// Errors compare equal by ``code`` only.
    public static func == (lhs: ManifestInputError, rhs: ManifestInputError) -> Bool {
        lhs.code == rhs.code
    }
}
