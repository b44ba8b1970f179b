/// A credential that could not give a token. Messages name what is missing; never a secret.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable kind of problem.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { name }
        /// No credential source is configured.
        public static let notConfigured = Code(name: "not-configured")
        /// The identity provider refused (wrong or expired secret, unknown client or tenant).
        public static let refused = Code(name: "refused")
        /// The token endpoint could not be reached.
        public static let unreachable = Code(name: "unreachable")
        /// The token endpoint answered something that is not a token.
        public static let malformedTokenResponse = Code(name: "malformed-token-response")
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
