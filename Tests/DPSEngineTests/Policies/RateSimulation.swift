import DPSEngine
import Foundation

/// A deterministic discrete-event simulation of an import driving ``AdaptiveRate`` against ``SimulatedQuota``.
///
/// `concurrency` workers each loop: reserve a slot with `nextStart(now:)`, send at that time (the service decides
/// then), receive the answer `latency` seconds later and `record` it. A throttled worker waits the `Retry-After`
/// before asking for its next slot; the throttled record is retried as a new request (the supply is endless).
struct RateSimulation {
    struct Result {
        /// Requests sent within the measured window that were accepted.
        var accepted = 0
        /// Requests sent within the measured window that were throttled.
        var throttled = 0
        /// Throttled requests over the whole run, the initial burst included.
        var throttledOverall = 0
        /// The controller's rate at the end of each minute.
        var ratePerMinute: [Double] = []

        var throttledShare: Double { Double(throttled) / Double(max(1, accepted + throttled)) }
    }

    /// What a worker waits for next.
    private enum Step {
        /// Ready to ask for a slot.
        case ready(at: TimeInterval)
        /// Holding a slot.
        case send(at: TimeInterval)
        /// Waiting for the answer to a request sent at `sentAt`; `retryAfter` is nil when it was accepted.
        case answer(at: TimeInterval, sentAt: TimeInterval, retryAfter: TimeInterval?)

        var time: TimeInterval {
            switch self {
            case .ready(let time), .send(let time), .answer(let time, _, _): time
            }
        }
    }

    var quota: Double
    var concurrency = 4
    var latency: TimeInterval = 0.020
    var duration: TimeInterval = 30 * 60
    var window: Range<TimeInterval> = (5 * 60)..<(30 * 60)

    /// The share of the quota used within the window: accepted operations per minute over the quota.
    func quotaUse(_ result: Result) -> Double {
        Double(result.accepted) / ((window.upperBound - window.lowerBound) / 60 * quota)
    }

    func run(_ initialRate: AdaptiveRate) -> Result {
        var rate = initialRate
        var service = SimulatedQuota(operationsPerMinute: quota)
        var result = Result()
        var workers = [Step](repeating: .ready(at: 0), count: concurrency)
        var nextMinute: TimeInterval = 60
        while true {
            // The earliest event; ties go to the lowest worker index, so the run is deterministic.
            var index = 0
            for candidate in workers.indices where workers[candidate].time < workers[index].time {
                index = candidate
            }
            let now = workers[index].time
            guard now < duration else { break }
            while now >= nextMinute {
                result.ratePerMinute.append(rate.operationsPerMinute)
                nextMinute += 60
            }
            switch workers[index] {
            case .ready:
                workers[index] = .send(at: rate.nextStart(now: now))
            case .send:
                let retryAfter = service.take(at: now)
                if window.contains(now) {
                    if retryAfter == nil { result.accepted += 1 } else { result.throttled += 1 }
                }
                if retryAfter != nil { result.throttledOverall += 1 }
                workers[index] = .answer(at: now + latency, sentAt: now, retryAfter: retryAfter)
            case .answer(_, let sentAt, let retryAfter):
                rate.record(throttled: retryAfter != nil, sentAt: sentAt, now: now)
                workers[index] = .ready(at: now + (retryAfter ?? 0))
            }
        }
        while result.ratePerMinute.count < Int(duration / 60) {
            result.ratePerMinute.append(rate.operationsPerMinute)
        }
        return result
    }
}
