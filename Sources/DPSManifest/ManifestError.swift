/// A manifest that cannot be read at all: a missing file, text that is not UTF-8, a CSV without a usable header.
///
/// Problems with single records are ``Finding``s instead; this error stops the whole read.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable kind of problem.
    public var code: String
    /// The manifest file.
    public var file: String
    /// The line, when the problem has one.
    public var line: Int?
    /// What is wrong and what to do.
    public var message: String

    public init(code: String, file: String, line: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
