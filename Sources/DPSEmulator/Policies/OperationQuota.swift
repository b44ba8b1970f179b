import Foundation

/// The service quota: every call is one operation; at most `operationsPerMinute` a minute.
///
/// A token bucket that holds up to one minute's budget and refills continuously at `operationsPerMinute / 60`
/// per second. A full bucket lets a burst of up to a minute's worth through; after that calls pass at the steady
/// rate. A refused call learns when the next token arrives (the `Retry-After`). Pure: time is passed in.
public struct OperationQuota: Sendable {
    /// The budget; 0 means unlimited.
    public let operationsPerMinute: Int
    private var tokens: Double
    private var updated: TimeInterval?

    public init(operationsPerMinute: Int) {
        self.operationsPerMinute = operationsPerMinute
        self.tokens = Double(operationsPerMinute)
    }

    /// The outcome of asking for one operation.
    public enum Decision: Equatable, Sendable {
        case allowed
        /// Refused; the caller may retry after this many seconds.
        case throttled(retryAfter: TimeInterval)
    }

    /// Takes one operation from the budget at time `now` (seconds on any monotonic scale).
    public mutating func take(at now: TimeInterval) -> Decision {
        guard operationsPerMinute > 0 else { return .allowed }
        let rate = Double(operationsPerMinute) / 60
        if let updated {
            tokens = min(Double(operationsPerMinute), tokens + max(0, now - updated) * rate)
        }
        updated = now
        if tokens >= 1 {
            tokens -= 1
            return .allowed
        }
        return .throttled(retryAfter: (1 - tokens) / rate)
    }
}
