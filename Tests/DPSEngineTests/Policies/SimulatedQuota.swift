import Foundation

/// The service side of the rate simulation: DPS's quota as the emulator models it, a token bucket holding one
/// minute's budget (full at the start) and refilling continuously at `quota / 60` per second.
struct SimulatedQuota {
    let operationsPerMinute: Double
    private var tokens: Double
    private var updated: TimeInterval = 0

    init(operationsPerMinute: Double) {
        self.operationsPerMinute = operationsPerMinute
        self.tokens = operationsPerMinute
    }

    /// Takes one token at `now`; `nil` when accepted, else the `Retry-After` until the next token.
    mutating func take(at now: TimeInterval) -> TimeInterval? {
        let perSecond = operationsPerMinute / 60
        tokens = min(operationsPerMinute, tokens + max(0, now - updated) * perSecond)
        updated = max(updated, now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / perSecond
    }
}
