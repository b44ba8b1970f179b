/// The import stopped for a reason that affects every record: refused credentials, a service that does not
/// answer after every retry. The journal keeps what was done; the same command resumes.
public struct RunStopped: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The import refused to start: `--strict` with invalid records.
public struct ImportRefused: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
