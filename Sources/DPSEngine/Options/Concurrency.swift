/// How many requests a run keeps in flight at once: between 1 and 64, 4 unless told.
///
/// The one place that decides the default and the bounds; the HTTP connection pool is sized from it too.
public struct Concurrency: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The values allowed.
    public static let allowed = 1...64
    /// What a run uses unless told otherwise.
    public static let `default` = Concurrency(checked: 4)

    /// Requests in flight at once, within ``allowed``.
    public let value: Int

    /// - Throws: ``OptionValueError/Code/concurrency`` unless `value` is within ``allowed``.
    public init(_ value: Int) throws(OptionValueError) {
        guard Self.allowed.contains(value) else {
            throw OptionValueError(
                .concurrency,
                "must be between \(Self.allowed.lowerBound) and \(Self.allowed.upperBound), not \(value)"
            )
        }
        self.value = value
    }

    /// The concurrency `text` names: a whole number within ``allowed``.
    ///
    /// - Throws: ``OptionValueError/Code/concurrency`` for anything else.
    public init(parsing text: String) throws(OptionValueError) {
        guard let number = Int(text) else {
            throw OptionValueError(
                .concurrency,
                "must be a number between \(Self.allowed.lowerBound) and \(Self.allowed.upperBound), not '\(text)'"
            )
        }
        try self.init(number)
    }

    private init(checked value: Int) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(try container.decode(Int.self))
        } catch let error as OptionValueError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { String(value) }
}
