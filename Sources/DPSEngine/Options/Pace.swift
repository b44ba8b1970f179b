/// How fast a run sends requests: `auto` finds the service's quota from its 429s and stays just under it, a number
/// paces at exactly that many operations per minute.
///
/// Written and parsed as `auto` or the number (what `--operations-per-minute` takes and what journals record).
public enum Pace: Sendable, Hashable, CustomStringConvertible {
    /// Adapt to the service's quota.
    case auto
    /// Exactly this many operations per minute (positive).
    case perMinute(Int)

    /// The highest fixed pace: 100,000,000 operations a minute, far past any real instance (1,000 a minute per
    /// unit) but what benchmarks use for "unthrottled", and small enough that no rate or duration computed from it
    /// overflows.
    public static let maximumPerMinute = 100_000_000

    /// The pace `text` names: `auto` (any case) or a whole number from 1 to ``maximumPerMinute``.
    ///
    /// - Throws: ``OptionValueError/Code/pace`` for anything else.
    public init(parsing text: String) throws(OptionValueError) {
        if text.lowercased() == "auto" {
            self = .auto
        } else if let number = Int(text), (1...Self.maximumPerMinute).contains(number) {
            self = .perMinute(number)
        } else {
            throw OptionValueError(
                .pace,
                "must be auto or a number from 1 to \(Self.maximumPerMinute), not '\(text)'"
            )
        }
    }

    /// The fixed rate, or nil when the rate adapts to the quota.
    public var operationsPerMinute: Int? {
        switch self {
        case .auto: nil
        case .perMinute(let number): number
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .perMinute(let number): String(number)
        }
    }
}

extension Pace: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Pace(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
