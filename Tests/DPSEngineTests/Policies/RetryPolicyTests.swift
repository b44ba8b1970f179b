import DPSEngine
import Foundation
import Testing

struct RetryPolicyTests {
    @Test(
        "the backoff window doubles from the base up to the cap",
        arguments: [
            (1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 16.0), (7, 30.0), (8, 30.0), (100, 30.0),
            (0, 0.5), (-3, 0.5), (Int.max, 30.0),
        ]
    )
    func window(attempt: Int, expected: TimeInterval) {
        #expect(RetryPolicy.standard.backoffWindow(forAttempt: attempt) == expected)
    }

    @Test("full jitter stays inside the window and spreads over it", arguments: 1...7)
    func fullJitter(attempt: Int) throws {
        let policy = RetryPolicy.standard
        let window = policy.backoffWindow(forAttempt: attempt)
        var random = SplitMix64(seed: UInt64(attempt))
        var delays: [TimeInterval] = []
        for _ in 0..<500 {
            delays.append(try #require(policy.delay(forAttempt: attempt, retryAfter: nil, using: &random)))
        }
        #expect(delays.allSatisfy { (0...window).contains($0) })
        // Uniform over the window: the extremes are reached and the mean sits near the middle.
        #expect(try #require(delays.min()) < 0.05 * window)
        #expect(try #require(delays.max()) > 0.95 * window)
        let mean = delays.reduce(0, +) / Double(delays.count)
        #expect(abs(mean - window / 2) < 0.1 * window)
    }

    @Test(
        "Retry-After is a floor with up to 10% jitter on top",
        arguments: [0.0, 0.25, 1, 7, 60, 3600]
    )
    func retryAfter(seconds: TimeInterval) throws {
        var random = SplitMix64(seed: 42)
        var delays: [TimeInterval] = []
        for attempt in 1...7 {
            for _ in 0..<50 {
                delays.append(
                    try #require(RetryPolicy.standard.delay(forAttempt: attempt, retryAfter: seconds, using: &random))
                )
            }
        }
        #expect(delays.allSatisfy { $0 >= seconds && $0 <= seconds * 1.1 })
        if seconds > 0 {
            // Jittered, not lockstep.
            #expect(Set(delays).count > 300)
        }
    }

    @Test(
        "an unusable Retry-After falls back to the backoff",
        arguments: [-1.0, -.infinity, .infinity, .nan]
    )
    func unusableRetryAfter(seconds: TimeInterval) throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<100 {
            let delay = try #require(RetryPolicy.standard.delay(forAttempt: 3, retryAfter: seconds, using: &random))
            #expect((0...2).contains(delay))
        }
    }

    @Test(
        "attempts run out after the maximum, with or without Retry-After",
        arguments: [
            (8, 7, true), (8, 8, false), (8, 9, false), (8, 1, true),
            (1, 1, false), (3, 2, true), (3, 3, false),
        ]
    )
    func exhaustion(maximumAttempts: Int, attempt: Int, retries: Bool) throws {
        let policy = try RetryPolicy(maximumAttempts: maximumAttempts)
        var random = SplitMix64(seed: 1)
        #expect((policy.delay(forAttempt: attempt, retryAfter: nil, using: &random) != nil) == retries)
        #expect((policy.delay(forAttempt: attempt, retryAfter: 2, using: &random) != nil) == retries)
    }

    @Test("the same seed gives the same delays")
    func deterministic() {
        func draw() -> [TimeInterval?] {
            var random = SplitMix64(seed: 2024)
            return (1...8).map { RetryPolicy.standard.delay(forAttempt: $0, retryAfter: nil, using: &random) }
        }
        #expect(draw() == draw())
        #expect(draw().last! == nil)
    }

    @Test("the defaults are 8 attempts, base 0.5 s, cap 30 s, 10% jitter on Retry-After")
    func defaults() throws {
        let policy = try RetryPolicy()
        #expect(policy == RetryPolicy.standard)
        #expect(policy.maximumAttempts == 8)
        #expect(policy.baseDelay == 0.5)
        #expect(policy.maximumDelay == 30)
        #expect(policy.retryAfterJitter == 0.1)
    }

    @Test(
        "custom settings change the window",
        arguments: [(0.1, 1.0, 5, 1.0), (2.0, 2.0, 1, 2.0), (0.0, 0.0, 9, 0.0), (1.0, 100.0, 3, 4.0)]
    )
    func custom(base: TimeInterval, cap: TimeInterval, attempt: Int, expected: TimeInterval) throws {
        let policy = try RetryPolicy(maximumAttempts: 20, baseDelay: base, maximumDelay: cap)
        #expect(policy.backoffWindow(forAttempt: attempt) == expected)
    }

    @Test(
        "nonsensical settings are rejected",
        arguments: [
            (0, 0.5, 30.0, 0.1), (-1, 0.5, 30, 0.1),
            (8, -0.5, 30, 0.1), (8, 5, 1, 0.1), (8, .nan, 30, 0.1), (8, 0.5, .infinity, 0.1),
            (8, 0.5, 30, -0.1), (8, 0.5, 30, .nan),
        ]
    )
    func invalid(attempts: Int, base: TimeInterval, cap: TimeInterval, jitter: Double) {
        #expect(throws: PolicyError(.invalidRetryPolicy, "")) {
            try RetryPolicy(maximumAttempts: attempts, baseDelay: base, maximumDelay: cap, retryAfterJitter: jitter)
        }
    }
}
