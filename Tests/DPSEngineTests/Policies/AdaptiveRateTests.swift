import DPSEngine
import Foundation
import Testing

struct AdaptiveRateTests {
    /// Asks for `count` slots, each caller arriving at `now`.
    static func starts(_ rate: inout AdaptiveRate, count: Int, now: TimeInterval = 0) -> [TimeInterval] {
        (0..<count).map { _ in rate.nextStart(now: now) }
    }

    @Test(
        "fixed mode spaces slots 60 / N seconds apart",
        arguments: [(60.0, 1.0), (1000, 0.06), (200, 0.3), (1, 60), (12_000, 0.005)] as [(Double, TimeInterval)]
    )
    func fixedSpacing(operationsPerMinute: Double, interval: TimeInterval) throws {
        var rate = try AdaptiveRate(fixedOperationsPerMinute: operationsPerMinute)
        let starts = Self.starts(&rate, count: 5)
        for (index, start) in starts.enumerated() {
            #expect(abs(start - Double(index) * interval) < 1e-9)
        }
    }

    @Test(
        "a late caller starts at once but earns no burst",
        arguments: [(0.5, 1.0), (1.0, 1.0), (3.0, 3.0), (10.25, 10.25)] as [(TimeInterval, TimeInterval)]
    )
    func lateCaller(arrival: TimeInterval, expectedStart: TimeInterval) throws {
        var rate = try AdaptiveRate(fixedOperationsPerMinute: 60)
        #expect(rate.nextStart(now: 0) == 0)
        #expect(rate.nextStart(now: arrival) == expectedStart)
        #expect(rate.nextStart(now: arrival) == expectedStart + 1)
    }

    @Test("fixed mode ignores 429s and successes")
    func fixedIgnoresFeedback() throws {
        var rate = try AdaptiveRate(fixedOperationsPerMinute: 500)
        for second in 0..<100 {
            let start = rate.nextStart(now: Double(second))
            rate.record(throttled: second.isMultiple(of: 2), sentAt: start, now: start + 0.02)
        }
        #expect(rate.mode == .fixed)
        #expect(rate.operationsPerMinute == 500)
        #expect(rate.ceilingEstimate == nil)
    }

    @Test("a fixed rate must be positive and finite", arguments: [0.0, -1, -.infinity, .infinity, .nan])
    func fixedInvalid(operationsPerMinute: Double) {
        #expect(throws: PolicyError(.invalidRate, "")) {
            try AdaptiveRate(fixedOperationsPerMinute: operationsPerMinute)
        }
    }

    @Test("adaptive mode starts at 1,000 a minute with no ceiling")
    func adaptiveDefaults() {
        let rate = AdaptiveRate()
        #expect(rate.mode == .adaptive)
        #expect(rate.operationsPerMinute == 1000)
        #expect(rate.ceilingEstimate == nil)
    }

    @Test("a 429 remembers the rate as the ceiling and cuts the rate by 10%")
    func decrease() {
        var rate = AdaptiveRate()
        let sent = rate.nextStart(now: 0)
        rate.record(throttled: true, sentAt: sent, now: 0.02)
        #expect(rate.ceilingEstimate == 1000)
        #expect(abs(rate.operationsPerMinute - 900) < 1e-9)
    }

    @Test(
        "only 429s for requests sent after the last cut count again",
        arguments: [
            // (send times of the throttled requests, expected rate): the first one always cuts.
            ([0.0, 0.06, 0.12], 900.0),  // all three were handed out before the cut: one reaction
            ([0.0, 0.18], 810),  // the second was sent after the cut
            ([0.0, 0.18, 0.2], 810),  // the third was handed out before the second cut
            ([0.0, 0.18, 0.26], 729),
        ] as [([TimeInterval], Double)]
    )
    func oneReactionPerBurst(sentTimes: [TimeInterval], expected: Double) {
        var rate = AdaptiveRate()
        // Three slots handed out at the initial 0.06 s spacing: 0, 0.06, 0.12.
        _ = Self.starts(&rate, count: 3)
        for sent in sentTimes {
            if sent > 0.12 {
                // Hand out slots up to this send time at the current spacing.
                while rate.nextStart(now: sent) < sent {}
            }
            rate.record(throttled: true, sentAt: sent, now: sent + 0.02)
        }
        #expect(abs(rate.operationsPerMinute - expected) < 1e-6)
    }

    @Test("the rate never drops below the minimum")
    func floor() {
        var configuration = AdaptiveRate.Configuration()
        configuration.minimumOperationsPerMinute = 600
        var rate = AdaptiveRate(adaptive: configuration)
        var now: TimeInterval = 0
        for _ in 0..<50 {
            let sent = rate.nextStart(now: now)
            now = sent + 0.02
            rate.record(throttled: true, sentAt: sent, now: now)
        }
        #expect(rate.operationsPerMinute == 600)
    }

    /// Runs one paced worker for `seconds` with every request accepted, answers arriving `latency` later.
    static func accept(
        _ rate: inout AdaptiveRate,
        from start: TimeInterval,
        seconds: TimeInterval,
        latency: TimeInterval = 0.001
    ) {
        var now = start
        while now < start + seconds {
            let sent = rate.nextStart(now: now)
            now = sent + latency
            rate.record(throttled: false, sentAt: sent, now: now)
        }
    }

    @Test(
        "slow start doubles the rate every 20 s while the rate is what holds the caller back",
        arguments: [(20.0, 2000.0), (40, 4000), (10, 1414)] as [(TimeInterval, Double)]
    )
    func slowStart(seconds: TimeInterval, expected: Double) {
        var rate = AdaptiveRate()
        Self.accept(&rate, from: 0, seconds: seconds)
        #expect(abs(rate.operationsPerMinute - expected) / expected < 0.02)
    }

    @Test("the rate does not grow while the caller is slower than it")
    func noGrowthWhenUnused() {
        var rate = AdaptiveRate()
        // One request a second against a pace of 1,000 a minute: never held back.
        for second in 0..<120 {
            let now = Double(second)
            let sent = rate.nextStart(now: now)
            #expect(sent == now)
            rate.record(throttled: false, sentAt: sent, now: now + 0.5)
        }
        #expect(rate.operationsPerMinute == 1000)
    }

    @Test(
        "after a 429 the rate climbs fast far below the ceiling and slowly near and above it",
        arguments: [
            // (seconds of accepted traffic after the cut from 1,000 to 900, expected rate)
            (15.0, 925.0),  // 10% of the ceiling per minute: +25 in 15 s
            (30, 950),  // reaches the probe band at 950
            (60, 960),  // then 2% a minute: +10 in 30 s
            (180, 1000),
            (300, 1040),  // probing above the ceiling
        ] as [(TimeInterval, Double)]
    )
    func additiveIncrease(seconds: TimeInterval, expected: Double) {
        var rate = AdaptiveRate()
        let sent = rate.nextStart(now: 0)
        rate.record(throttled: true, sentAt: sent, now: 0.001)
        Self.accept(&rate, from: 0.001, seconds: seconds)
        #expect(rate.ceilingEstimate == 1000)
        #expect(abs(rate.operationsPerMinute - expected) < 1.5)
    }

    @Test("a ceiling passed by 25% without a 429 is forgotten and slow start resumes")
    func forgetCeiling() {
        var rate = AdaptiveRate()
        let sent = rate.nextStart(now: 0)
        rate.record(throttled: true, sentAt: sent, now: 0.001)
        // 900 → 950 in 30 s, then +20 a minute: 1,250 after another 15 minutes.
        Self.accept(&rate, from: 0.001, seconds: 30 + 15 * 60 + 5)
        #expect(rate.ceilingEstimate == nil)
        let forgotten = rate.operationsPerMinute
        Self.accept(&rate, from: 1000, seconds: 20)
        #expect(rate.operationsPerMinute > 1.9 * forgotten)
    }

    @Test("the rate never grows above the maximum")
    func ceilingCap() {
        var configuration = AdaptiveRate.Configuration()
        configuration.maximumOperationsPerMinute = 3000
        var rate = AdaptiveRate(adaptive: configuration)
        Self.accept(&rate, from: 0, seconds: 120)
        #expect(rate.operationsPerMinute == 3000)
    }
}
