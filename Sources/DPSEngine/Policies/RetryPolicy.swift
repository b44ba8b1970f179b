import Foundation

/// How long to wait before trying a failed request again: capped exponential backoff with full jitter.
///
/// `attempt` counts the attempts already made for the request, so it is 1 after the first failure. Without a
/// `Retry-After` the delay is drawn uniformly from a window that doubles with each failure up to a cap:
///
///     window(attempt) = min(maximumDelay, baseDelay · 2^(attempt − 1))
///     delay           = uniform(0 ... window(attempt))
///
/// That is the "full jitter" of AWS's *Exponential Backoff and Jitter* (`min(cap, base · 2^n)` with `n` the
/// retry number counted from 0). With the defaults (base 0.5 s, cap 30 s, 8 attempts) the windows are 0.5, 1, 2,
/// 4, 8, 16 and 30 s, so a request that keeps failing waits at most 61.5 s (about 31 s on average) over its
/// 7 retries. Spreading each retry over the whole window keeps many clients that failed together from
/// returning together.
///
/// When the service names a `Retry-After` of `r` seconds, the delay is at least `r`, plus a small jitter so that
/// clients told the same `r` do not return in lockstep:
///
///     delay = r + uniform(0 ... retryAfterJitter · r)        (retryAfterJitter defaults to 0.1: up to 10 %)
///
/// After `maximumAttempts` attempts the answer is `nil`: give the record up. The function is pure: randomness
/// comes from the caller, so tests pass a seeded generator.
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts, the first one included, made for one request.
    public let maximumAttempts: Int
    /// The backoff window after the first failure, in seconds.
    public let baseDelay: TimeInterval
    /// The largest backoff window, in seconds.
    public let maximumDelay: TimeInterval
    /// The largest extra wait on top of a `Retry-After`, as a fraction of it.
    public let retryAfterJitter: Double

    /// 8 attempts, base 0.5 s, cap 30 s, up to 10 % jitter on `Retry-After`.
    public static let standard = RetryPolicy(
        unchecked: 8,
        baseDelay: 0.5,
        maximumDelay: 30,
        retryAfterJitter: 0.1
    )

    /// Creates a policy, rejecting settings that make no sense.
    ///
    /// - Throws: ``PolicyError/Code/invalidRetryPolicy`` when `maximumAttempts < 1`, a delay is negative or not
    ///   finite, `maximumDelay < baseDelay`, or `retryAfterJitter` is negative or not finite.
    public init(
        maximumAttempts: Int = 8,
        baseDelay: TimeInterval = 0.5,
        maximumDelay: TimeInterval = 30,
        retryAfterJitter: Double = 0.1
    ) throws(PolicyError) {
        guard maximumAttempts >= 1 else {
            throw PolicyError(.invalidRetryPolicy, "the maximum number of attempts must be at least 1")
        }
        guard baseDelay.isFinite, maximumDelay.isFinite, baseDelay >= 0, maximumDelay >= baseDelay else {
            throw PolicyError(
                .invalidRetryPolicy,
                "the backoff delays must be finite with 0 <= base (\(baseDelay)) <= cap (\(maximumDelay))"
            )
        }
        guard retryAfterJitter.isFinite, retryAfterJitter >= 0 else {
            throw PolicyError(.invalidRetryPolicy, "the Retry-After jitter must be a fraction >= 0")
        }
        self.init(
            unchecked: maximumAttempts,
            baseDelay: baseDelay,
            maximumDelay: maximumDelay,
            retryAfterJitter: retryAfterJitter
        )
    }

    private init(unchecked maximumAttempts: Int, baseDelay: Double, maximumDelay: Double, retryAfterJitter: Double) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.retryAfterJitter = retryAfterJitter
    }

    /// The upper end of the backoff window after `attempt` attempts: `min(maximumDelay, baseDelay · 2^(attempt − 1))`.
    ///
    /// An `attempt` below 1 is treated as 1.
    public func backoffWindow(forAttempt attempt: Int) -> TimeInterval {
        // Doubling past 2^62 cannot matter: any realistic cap is reached long before.
        let doublings = Double(min(max(attempt, 1) - 1, 62))
        return min(maximumDelay, baseDelay * pow(2, doublings))
    }

    /// The delay before the next attempt, or `nil` when `attempt` attempts exhaust the policy.
    ///
    /// - Parameters:
    ///   - attempt: The attempts made so far for this request (1 after the first failure).
    ///   - retryAfter: The service's `Retry-After` in seconds, if it sent one; a negative or non-finite value is
    ///     ignored.
    ///   - random: The source of jitter.
    public func delay(
        forAttempt attempt: Int,
        retryAfter: TimeInterval?,
        using random: inout some RandomNumberGenerator
    ) -> TimeInterval? {
        guard attempt < maximumAttempts else { return nil }
        if let retryAfter, retryAfter.isFinite, retryAfter >= 0 {
            let spread = retryAfter * retryAfterJitter
            let delay = retryAfter + (spread.isFinite ? Double.random(in: 0...spread, using: &random) : 0)
            return delay.isFinite ? delay : retryAfter  // no jitter where it would overflow
        }
        return Double.random(in: 0...backoffWindow(forAttempt: attempt), using: &random)
    }
}
