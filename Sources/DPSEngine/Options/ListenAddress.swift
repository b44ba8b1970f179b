/// A `HOST:PORT` to listen on (`--metrics-address`): an IPv4 address, `localhost`, or an IPv6 address in brackets
/// (`[::1]:9464`). Loopback unless the caller allows more: the metrics say which manifests a factory sends and
/// when, which is nobody else's business by default.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host, without brackets.
    public let host: String
    /// The TCP port (0 picks a free one).
    public let port: Int

    /// Parses `text`.
    ///
    /// - Throws: ``OptionValueError`` when it is not `HOST:PORT` with a port of 0 to 65535, or when the host is not
    ///   loopback (127.0.0.0/8, `::1`, `localhost`) and `allowingRemote` is false.
    public init(parsing text: String, allowingRemote: Bool = false) throws(OptionValueError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Self.malformed(text) }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw Self.malformed(text) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { throw Self.malformed(text) }
        self.host = String(host)
        self.port = port
        guard allowingRemote || isLoopback else {
            throw OptionValueError(
                .listenAddress,
                "the metrics address \(text) is not loopback; pass --metrics-allow-remote to serve metrics beyond "
                    + "this machine"
            )
        }
    }

    /// Whether the host is a loopback address.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { Self.display(host: host, port: port) }

    /// `host:port`, with an IPv6 host in brackets.
    public static func display(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func malformed(_ text: String) -> OptionValueError {
        OptionValueError(
            .listenAddress,
            "the metrics address must be HOST:PORT (e.g. 127.0.0.1:9464 or [::1]:9464), not \(text)"
        )
    }
}
