/// A policy was configured with values it cannot work with (a batch size over 10, a rate of zero, …).
///
/// Equality compares the ``code`` only, so tests and callers can match on the kind of mistake.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of mistake.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable spelling.
        public let description: String

        private init(_ description: String) {
            self.description = description
        }

        /// A batch size outside `1...10`.
        public static let invalidBatchSize = Code("invalid-batch-size")
        /// A rate (operations per minute) that is not a positive finite number.
        public static let invalidRate = Code("invalid-rate")
        /// Retry settings that make no sense (no attempts, negative or inverted delays).
        public static let invalidRetryPolicy = Code("invalid-retry-policy")
        /// A count or share outside its range (negative records, a share outside `0...1`).
        public static let invalidEstimateInput = Code("invalid-estimate-input")
    }

    /// The kind of mistake.
    public let code: Code
    /// A sentence for the user naming the value and what it should be.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Errors are equal when their codes are.
    public static func == (lhs: PolicyError, rhs: PolicyError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}
