/// A failure of `dpsbulk watch` itself (not of one manifest): a stable code and a message naming the thing.
public struct WatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A job state change the state machine does not allow.
        public static let invalidTransition = Code(rawValue: "watch.invalid-transition")
        /// The inbox is not a readable folder.
        public static let inboxUnusable = Code(rawValue: "watch.inbox-unusable")
        /// The state directory cannot hold claims: it is on another file system than the inbox.
        public static let stateDirectoryUnusable = Code(rawValue: "watch.state-directory-unusable")
        /// Another watcher holds the state directory.
        public static let stateInUse = Code(rawValue: "watch.state-in-use")
        /// A job's `job.json` cannot be read.
        public static let unreadableJob = Code(rawValue: "watch.unreadable-job")
        /// An option is out of range.
        public static let invalidOption = Code(rawValue: "watch.invalid-option")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: WatchError, rhs: WatchError) -> Bool { lhs.code == rhs.code }
}
