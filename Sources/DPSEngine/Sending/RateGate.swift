import Foundation

/// Paces requests for the whole run: hands out send times from an ``AdaptiveRate`` and learns from 429s.
actor RateGate {
    private var rate: AdaptiveRate
    private let start = ContinuousClock.now

    init(operationsPerMinute: Int?) throws {
        if let operationsPerMinute, operationsPerMinute > 0 {
            rate = try AdaptiveRate(fixedOperationsPerMinute: Double(operationsPerMinute))
        } else {
            rate = AdaptiveRate(adaptive: AdaptiveRate.Configuration())
        }
    }

    /// Seconds since the run started, on a monotonic clock.
    nonisolated func now() -> TimeInterval {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Reserves a send slot; returns the time to send at.
    func reserve() -> TimeInterval { rate.nextStart(now: now()) }

    /// Learns from the answer to a request sent at `sentAt`.
    func record(throttled: Bool, sentAt: TimeInterval) { rate.record(throttled: throttled, sentAt: sentAt, now: now()) }

    var operationsPerMinute: Double { rate.operationsPerMinute }

    /// Waits for a send slot; returns the time it was reserved for.
    func waitForSlot() async throws -> TimeInterval {
        let at = reserve()
        let wait = at - now()
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        return at
    }
}
