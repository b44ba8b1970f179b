/// Why an age file, key or identity was refused; `code` is stable, `message` a sentence that names the problem.
///
/// Messages never contain key material: a refused identity is described by its position, not its text.
public struct AgeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable code (`age-bad-recipient`, `age-no-identity-matches`, ...).
    public let code: String
    /// A sentence that says what is wrong.
    public let message: String

    /// An error with a code and a message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: AgeError, rhs: AgeError) -> Bool { lhs.code == rhs.code }

    static func badRecipient(_ reason: String) -> AgeError {
        AgeError(code: "age-bad-recipient", message: "the age recipient is not valid: \(reason)")
    }

    static func badIdentity(_ reason: String) -> AgeError {
        AgeError(code: "age-bad-identity", message: "the age identity is not valid: \(reason)")
    }

    static func badHeader(_ reason: String) -> AgeError {
        AgeError(code: "age-bad-header", message: "the age header is malformed: \(reason)")
    }

    static let noIdentityMatches = AgeError(
        code: "age-no-identity-matches",
        message: "no age identity given can decrypt this file (wrong identity, or the file was not encrypted to it)"
    )

    static let headerMACMismatch = AgeError(
        code: "age-header-tampered",
        message: "the age header's MAC does not match: the file was altered or damaged"
    )

    static func chunkFailed(_ index: UInt64) -> AgeError {
        AgeError(
            code: "age-payload-tampered",
            message: "the age payload fails authentication at chunk \(index) (bytes from \(index * 65_536) of the "
                + "plaintext): the file was altered, damaged or truncated"
        )
    }

    static func truncated(_ reason: String) -> AgeError {
        AgeError(code: "age-truncated", message: "the age file is truncated: \(reason)")
    }

    static func trailingData(_ index: UInt64) -> AgeError {
        AgeError(
            code: "age-trailing-data",
            message: "the age payload has an empty final chunk after chunk \(index): the file was altered"
        )
    }

    static let armored = AgeError(
        code: "age-armored",
        message: "the file is ASCII-armored age (-----BEGIN AGE ENCRYPTED FILE-----); dpsbulk reads binary age "
            + "files only: dearmor it or encrypt without -a"
    )
}
