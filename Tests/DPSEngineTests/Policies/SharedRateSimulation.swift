import DPSEngine
import Foundation

/// ``RateSimulation`` with several processes against one quota: each process runs `concurrency` workers and paces
/// either on one ``SharedQuota`` (kept as the bytes of its state file, read and written around every reservation
/// and answer, as the processes do) or on its own ``AdaptiveRate`` (separate controllers). A process with an entry
/// in `fixed` paces at that fixed rate, also taking its share of the shared schedule when shared.
struct SharedRateSimulation {
    enum Pacing {
        case shared
        case separate
    }

    private enum Step {
        case ready(at: TimeInterval)
        /// A fixed process's own slot has come: reserve on the shared schedule.
        case reserve(at: TimeInterval)
        case send(at: TimeInterval)
        case answer(at: TimeInterval, sentAt: TimeInterval, retryAfter: TimeInterval?)

        var time: TimeInterval {
            switch self {
            case .ready(let time), .reserve(let time), .send(let time), .answer(let time, _, _): time
            }
        }
    }

    var quota: Double
    var processes = 2
    var concurrency = 4
    var latency: TimeInterval = 0.020
    var duration: TimeInterval = 10 * 60
    var window: Range<TimeInterval> = (2 * 60)..<(10 * 60)
    /// Fixed paces by process index; the others are `auto`.
    var fixed: [Int: Double] = [:]

    /// The share of the quota used within the window.
    func quotaUse(_ result: RateSimulation.Result) -> Double {
        Double(result.accepted) / ((window.upperBound - window.lowerBound) / 60 * quota)
    }

    func run(_ pacing: Pacing) throws -> RateSimulation.Result {
        var own = try (0..<processes).map { process in
            try fixed[process].map { try AdaptiveRate(fixedOperationsPerMinute: $0) } ?? AdaptiveRate()
        }
        var file: Data? = nil
        func withShared<T>(_ now: TimeInterval, _ change: (inout SharedQuota) -> T) -> T {
            var quota = SharedQuota.read(file, now: now).quota!
            defer { file = quota.encoded() }
            return change(&quota)
        }
        var service = SimulatedQuota(operationsPerMinute: quota)
        var result = RateSimulation.Result()
        var workers = [Step](repeating: .ready(at: 0), count: processes * concurrency)
        while true {
            var index = 0
            for candidate in workers.indices where workers[candidate].time < workers[index].time {
                index = candidate
            }
            let now = workers[index].time
            guard now < duration else { break }
            let process = index / concurrency
            switch workers[index] {
            case .ready:
                switch (pacing, fixed[process]) {
                case (.shared, nil):
                    workers[index] = .send(at: withShared(now) { $0.reserve(now: now, fixedOperationsPerMinute: nil) })
                case (.shared, .some):
                    workers[index] = .reserve(at: own[process].nextStart(now: now))
                case (.separate, _):
                    workers[index] = .send(at: own[process].nextStart(now: now))
                }
            case .reserve:
                let pace = fixed[process]
                workers[index] = .send(at: withShared(now) { $0.reserve(now: now, fixedOperationsPerMinute: pace) })
            case .send:
                let retryAfter = service.take(at: now)
                if window.contains(now) {
                    if retryAfter == nil { result.accepted += 1 } else { result.throttled += 1 }
                }
                if retryAfter != nil { result.throttledOverall += 1 }
                workers[index] = .answer(at: now + latency, sentAt: now, retryAfter: retryAfter)
            case .answer(_, let sentAt, let retryAfter):
                switch pacing {
                case .shared:
                    withShared(now) { $0.record(throttled: retryAfter != nil, sentAt: sentAt, now: now) }
                case .separate:
                    own[process].record(throttled: retryAfter != nil, sentAt: sentAt, now: now)
                }
                workers[index] = .ready(at: now + (retryAfter ?? 0))
            }
        }
        return result
    }
}
