import Foundation

/// A DPS service connection string: `HostName=...;SharedAccessKeyName=...;SharedAccessKey=...`.
///
/// Keys are matched case-insensitively. A host name may carry `http://` or `https://` and a port for local
/// endpoints such as the emulator (as the official Python client allows); without a scheme HTTPS is used.
/// `description` never shows the key.
public struct ConnectionString: Sendable, Hashable, CustomStringConvertible {
    /// The host name, without scheme or port, e.g. `contoso.azure-devices-provisioning.net`.
    public var host: String
    /// The TCP port when one was given.
    public var port: Int?
    /// Whether requests use TLS (true unless the host name said `http://`).
    public var usesTLS: Bool
    /// The shared access policy name.
    public var keyName: String
    /// The shared access key, as base64 text.
    public var key: String

    /// Parses a connection string; throws ``ConnectionStringError`` naming the problem but never the key.
    public init(parsing text: String) throws(ConnectionStringError) {
        var fields: [String: String] = [:]
        for part in text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";") {
            let piece = part.trimmingCharacters(in: .whitespaces)
            if piece.isEmpty { continue }
            guard let equals = piece.firstIndex(of: "=") else {
                throw .init(.malformed, "a part of the connection string has no '=' (expected Name=value pairs)")
            }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            fields[name] = String(piece[piece.index(after: equals)...])
        }
        guard let hostName = fields["hostname"], !hostName.isEmpty else {
            throw .init(.missingField, "the connection string has no HostName")
        }
        guard let keyName = fields["sharedaccesskeyname"], !keyName.isEmpty else {
            throw .init(.missingField, "the connection string has no SharedAccessKeyName")
        }
        guard let key = fields["sharedaccesskey"], !key.isEmpty else {
            throw .init(.missingField, "the connection string has no SharedAccessKey")
        }
        guard Data(base64Encoded: key) != nil else {
            throw .init(.badKey, "the SharedAccessKey is not valid base64")
        }
        var remainder = Substring(hostName)
        var usesTLS = true
        if remainder.lowercased().hasPrefix("https://") {
            remainder = remainder.dropFirst(8)
        } else if remainder.lowercased().hasPrefix("http://") {
            remainder = remainder.dropFirst(7)
            usesTLS = false
        }
        while remainder.hasSuffix("/") { remainder = remainder.dropLast() }
        var port: Int?
        if let colon = remainder.lastIndex(of: ":"), !remainder.hasSuffix("]") {
            guard let value = Int(remainder[remainder.index(after: colon)...]), (1...65535).contains(value) else {
                throw .init(.malformed, "the HostName has an invalid port")
            }
            port = value
            remainder = remainder[..<colon]
        }
        guard !remainder.isEmpty, !remainder.contains("/") else {
            throw .init(.malformed, "the HostName '\(hostName)' is not a host name")
        }
        self.host = String(remainder)
        self.port = port
        self.usesTLS = usesTLS
        self.keyName = keyName
        self.key = key
    }

    /// Creates a connection string from its parts.
    public init(host: String, port: Int? = nil, usesTLS: Bool = true, keyName: String, key: String) {
        self.host = host
        self.port = port
        self.usesTLS = usesTLS
        self.keyName = keyName
        self.key = key
    }

    /// The base URL of the service, e.g. `https://contoso.azure-devices-provisioning.net`.
    public var baseURL: URL { Self.baseURL(host: host, port: port, usesTLS: usesTLS) }

    /// The base URL of a service at `host` (and `port`), over TLS or not.
    public static func baseURL(host: String, port: Int?, usesTLS: Bool) -> URL {
        var components = URLComponents()
        components.scheme = usesTLS ? "https" : "http"
        components.host = host
        components.port = port
        return components.url!
    }

    /// The host as it appears in the `HostName` field, with a scheme and port only when needed.
    public var hostNameField: String {
        let hostPort = port.map { "\(host):\($0)" } ?? host
        if usesTLS && port == nil { return hostPort }
        return "\(usesTLS ? "https" : "http")://\(hostPort)"
    }

    /// The full connection string, key included. Only for handing to a program; never print it.
    public var secretText: String {
        "HostName=\(hostNameField);SharedAccessKeyName=\(keyName);SharedAccessKey=\(key)"
    }

    /// The connection string with the key replaced by `***`, safe for logs.
    public var description: String {
        "HostName=\(hostNameField);SharedAccessKeyName=\(keyName);SharedAccessKey=***"
    }
}

/// A connection string that cannot be used. Its message never contains the key.
public struct ConnectionStringError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable kind of problem.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { name }
        /// A part is not `Name=value`, or a value is malformed.
        public static let malformed = Code(name: "malformed")
        /// HostName, SharedAccessKeyName or SharedAccessKey is absent.
        public static let missingField = Code(name: "missing-field")
        /// The key is not base64.
        public static let badKey = Code(name: "bad-key")
    }

    /// What is wrong.
    public let code: Code
    /// A message for a person; it never contains the key.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
