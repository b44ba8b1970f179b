import DPSClient
import Foundation

/// Calls the service until it answers for good: paced by the ``RateGate``, transient failures retried with the
/// ``RetryPolicy`` (honouring `Retry-After`), refused credentials or an unreachable service stopping the run
/// (``RunStopped``). Shared by import and export.
struct ServiceCaller: Sendable {
    let gate: RateGate
    let retryPolicy: RetryPolicy
    let counters: SessionCounters

    /// How many times one request may be throttled (429) before the run stops.
    static let maximumThrottles = 100

    /// The requests, throttles and retries some work took.
    struct Tally: Sendable {
        var requests = 0
        var throttled = 0
        var retries = 0
    }

    /// Seconds for people, saturating: "301 s", "more than 10^15 s".
    static func describe(seconds: TimeInterval) -> String {
        seconds < 1e15 ? "\(Int(seconds.rounded(.up))) s" : "more than 10^15 s"
    }

    struct FinalFailure: Error {
        let status: Int
        let errorCode: Int?
        let message: String
    }

    /// Calls the service until it answers for good; returns the value and the number of attempts, or the final
    /// failure. Throws ``RunStopped`` when the run must stop.
    func call<Value>(
        _ result: inout Tally,
        _ operation: () async throws(DPSRequestError) -> Value
    ) async throws -> Swift.Result<(Value, Int), FinalFailure> {
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        // Throttling is the service saying "later", not failing: it has its own, larger budget, so a tight quota
        // slows the run down instead of stopping it. Other failures use the retry policy's attempts.
        var failures = 0
        var throttles = 0
        while true {
            attempt += 1
            let (sentAt, waited) = try await gate.waitForSlot()
            counters.add(pacingWait: waited)
            counters.add(requests: 1)
            result.requests += 1
            let outcome: ServiceCallOutcome
            do throws(DPSRequestError) {
                let value = try await operation()
                await gate.record(throttled: false, sentAt: sentAt)
                counters.set(operationsPerMinute: await gate.operationsPerMinute)
                return .success((value, attempt))
            } catch {
                switch error.kind {
                case .service(let status, let errorCode, let message, let retryAfter):
                    outcome = .response(status: status, retryAfter: retryAfter, errorCode: errorCode, message: message)
                case .transport(let description):
                    outcome = .transportFailure(description: description, isTransient: true)
                case .malformedResponse(let description):
                    return .failure(FinalFailure(status: 200, errorCode: nil, message: description))
                case .untrustedCertificate(let description):
                    throw RunStopped(
                        message: "the service's TLS certificate is not trusted (\(description)); if it is signed by "
                            + "a private CA (the emulator's, say), pass that CA's PEM file with --ca-cert"
                    )
                }
            }
            let throttled = { if case .response(429, _, _, _) = outcome { return true } else { return false } }()
            await gate.record(throttled: throttled, sentAt: sentAt)
            counters.set(operationsPerMinute: await gate.operationsPerMinute)
            switch ResponseClassification(outcome, now: Date()) {
            case .success:
                preconditionFailure("a failed call classified as success")
            case .final(let status, let errorCode, let message):
                return .failure(FinalFailure(status: status, errorCode: errorCode, message: message))
            case .fatal(let message):
                throw RunStopped(message: message)
            case .retry(let reason, let retryAfter):
                if let retryAfter, retryAfter > RetryAfter.maximumDelay {
                    // Waiting hours (or for ever) inside one run helps no one: stop, and let the user resume.
                    throw RunStopped(
                        message: "the service asked to wait \(Self.describe(seconds: retryAfter)) before retrying "
                            + "(Retry-After), more than the \(Int(RetryAfter.maximumDelay)) s dpsbulk waits; "
                            + "run the same command again later to resume"
                    )
                }
                let delay: TimeInterval?
                if throttled {
                    result.throttled += 1
                    counters.add(throttled: 1)
                    throttles += 1
                    delay =
                        throttles > Self.maximumThrottles
                        ? nil
                        : retryPolicy.delay(
                            forAttempt: min(throttles, retryPolicy.maximumAttempts - 1),
                            retryAfter: retryAfter,
                            using: &random
                        )
                } else {
                    failures += 1
                    delay = retryPolicy.delay(forAttempt: failures, retryAfter: retryAfter, using: &random)
                }
                guard let delay else {
                    throw RunStopped(
                        message: "the service did not answer after \(attempt) attempts (last: \(reason)); "
                            + "run the same command again to resume"
                    )
                }
                result.retries += 1
                counters.add(retries: 1)
                // Bounded by the policy already; clamped again so no number can overflow a Duration.
                try await Task.sleep(for: .seconds(min(max(delay, 0), RetryAfter.maximumDelay * 2)))
            }
        }
    }
}
