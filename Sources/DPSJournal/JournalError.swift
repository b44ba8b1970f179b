/// An error thrown by the journal: a stable ``code`` to switch on and a human-readable ``message``.
///
/// Two errors are equal when their codes are equal, so tests and callers can write
/// `#expect(throws: JournalError.manifestChanged) { ... }` without matching the message.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier of a kind of journal error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable text of the code, e.g. `"journalInUse"`.
        public let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// The text of the code.
        public var description: String { rawValue }
    }

    /// The stable kind of this error.
    public let code: Code
    /// What went wrong, for a person to read; never contains a secret.
    public let message: String
    /// The underlying error, such as a SQLite error, when there is one.
    public let underlying: (any Error & Sendable)?

    /// Creates an error with a code, a message and an optional cause.
    public init(code: Code, message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: JournalError, rhs: JournalError) -> Bool { lhs.code == rhs.code }
}

extension JournalError.Code {
    /// The target host is empty, malformed or looks like a credential (a key, a connection string).
    public static let invalidTargetHost = Self("invalidTargetHost")
    /// The manifest digest is not 64 hexadecimal characters.
    public static let invalidManifestDigest = Self("invalidManifestDigest")
    /// The run options are not a JSON object or contain something that looks like a secret.
    public static let invalidOptions = Self("invalidOptions")
    /// A record to add is malformed (negative ordinal, line below 1, duplicate ordinal, empty reason).
    public static let invalidRecord = Self("invalidRecord")
    /// The journal belongs to a run of another manifest (different SHA-256) and `force` was not given.
    public static let manifestChanged = Self("manifestChanged")
    /// The journal belongs to a run against another target host; never overridable.
    public static let targetHostMismatch = Self("targetHostMismatch")
    /// The journal belongs to a run of another mode; never overridable.
    public static let modeMismatch = Self("modeMismatch")
    /// Another process (or another `Journal` in this process) holds the journal.
    public static let journalInUse = Self("journalInUse")
    /// The lock file could not be created or locked for a reason other than another holder.
    public static let lockFailed = Self("lockFailed")
    /// A record already in the journal has another identifier or kind than the one being added.
    public static let recordMismatch = Self("recordMismatch")
    /// A state change not allowed by the record life cycle (e.g. marking a succeeded record in flight).
    public static let invalidTransition = Self("invalidTransition")
    /// An ordinal that is not in the journal.
    public static let unknownOrdinal = Self("unknownOrdinal")
    /// The file is not a journal, or was written by a newer dpsbulk with a schema this one does not know.
    public static let incompatibleJournal = Self("incompatibleJournal")
    /// The journal was closed.
    public static let closed = Self("closed")
    /// SQLite reported an error (I/O, corruption...).
    public static let database = Self("database")
    /// The disk (or the file system's quota) is full: nothing is wrong with the run, it can resume once there is
    /// room.
    public static let diskFull = Self("diskFull")
}

extension JournalError {
    /// Matches any ``JournalError/Code/invalidTargetHost`` error.
    public static let invalidTargetHost = JournalError(code: .invalidTargetHost, message: "")
    /// Matches any ``JournalError/Code/invalidManifestDigest`` error.
    public static let invalidManifestDigest = JournalError(code: .invalidManifestDigest, message: "")
    /// Matches any ``JournalError/Code/invalidOptions`` error.
    public static let invalidOptions = JournalError(code: .invalidOptions, message: "")
    /// Matches any ``JournalError/Code/invalidRecord`` error.
    public static let invalidRecord = JournalError(code: .invalidRecord, message: "")
    /// Matches any ``JournalError/Code/manifestChanged`` error.
    public static let manifestChanged = JournalError(code: .manifestChanged, message: "")
    /// Matches any ``JournalError/Code/targetHostMismatch`` error.
    public static let targetHostMismatch = JournalError(code: .targetHostMismatch, message: "")
    /// Matches any ``JournalError/Code/modeMismatch`` error.
    public static let modeMismatch = JournalError(code: .modeMismatch, message: "")
    /// Matches any ``JournalError/Code/journalInUse`` error.
    public static let journalInUse = JournalError(code: .journalInUse, message: "")
    /// Matches any ``JournalError/Code/lockFailed`` error.
    public static let lockFailed = JournalError(code: .lockFailed, message: "")
    /// Matches any ``JournalError/Code/recordMismatch`` error.
    public static let recordMismatch = JournalError(code: .recordMismatch, message: "")
    /// Matches any ``JournalError/Code/invalidTransition`` error.
    public static let invalidTransition = JournalError(code: .invalidTransition, message: "")
    /// Matches any ``JournalError/Code/unknownOrdinal`` error.
    public static let unknownOrdinal = JournalError(code: .unknownOrdinal, message: "")
    /// Matches any ``JournalError/Code/incompatibleJournal`` error.
    public static let incompatibleJournal = JournalError(code: .incompatibleJournal, message: "")
    /// Matches any ``JournalError/Code/closed`` error.
    public static let closed = JournalError(code: .closed, message: "")
    /// Matches any ``JournalError/Code/database`` error.
    public static let database = JournalError(code: .database, message: "")
}
