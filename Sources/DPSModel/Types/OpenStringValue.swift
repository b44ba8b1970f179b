/// A string-valued wire enumeration that also carries values this model does not know.
///
/// The service may add values (a newer allocation policy, say); they must decode, validate as "unknown" with a
/// clear message, and re-encode unchanged rather than fail the whole document.
public protocol OpenStringValue: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
where RawValue == String {
    /// The values documented by service API 2021-10-01.
    static var knownValues: [Self] { get }
    init(rawValue: String)
}

extension OpenStringValue {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Whether the value is one the 2021-10-01 API documents (exact, case-sensitive match).
    ///
    /// Inlinable (like ``caseInsensitiveMatch``) so that callers in other modules get a version specialized for
    /// the concrete type instead of the generic one, which goes through witness tables for every comparison.
    @inlinable
    public var isKnown: Bool { Self.knownValues.contains(self) }

    /// The documented value equal to this one ignoring case, if any.
    @inlinable
    public var caseInsensitiveMatch: Self? {
        if isKnown { return self }
        let lowered = rawValue.lowercased()
        return Self.knownValues.first { $0.rawValue.lowercased() == lowered }
    }
}
