/// A shared option's value that is not allowed: `--operations-per-minute fast`, `--concurrency 0`.
public struct OptionValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which option's rule the value broke.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// A pace that is neither `auto` nor a positive number.
        public static let pace = Code(rawValue: "option.pace")
        /// A concurrency outside ``Concurrency/allowed``.
        public static let concurrency = Code(rawValue: "option.concurrency")
        /// A listen address that is not `HOST:PORT`, or not loopback when only loopback is allowed.
        public static let listenAddress = Code(rawValue: "option.listen-address")
        public var description: String { rawValue }
    }

    public let code: Code
    /// What is wrong, as a sentence fragment that follows the option's name.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Equal when the codes are: the message is for people.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
