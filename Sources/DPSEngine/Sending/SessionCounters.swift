import Synchronization

/// Requests, throttles and retries of this session, shared by the concurrent senders, and passed on to the
/// command's metrics.
final class SessionCounters: Sendable {
    struct Values: Sendable {
        var requests = 0
        var throttled = 0
        var retries = 0
        /// Reads that settled an item in doubt or compared an existing one (also counted in `requests`).
        var reads = 0
        /// Records done: succeeded, failed, conflict or skipped (earlier sessions included).
        var done = 0
        /// Records in the manifest, known once the first pass has read them.
        var total = 0
        /// The pacing rate last seen, operations per minute.
        var operationsPerMinute = 0.0
        /// Whether `total` is every record the run will do.
        var totalIsFinal = false
        /// Seconds requests waited for their send slot (summed over concurrent requests).
        var pacingWait = 0.0
        /// How the run is paced (``PacePlan/description``).
        var pacing = PacePlan.adaptive.description
    }

    private let values = Mutex(Values())
    /// The command's metrics, which hear every count added here.
    let metrics: RunMetrics

    init(metrics: RunMetrics) { self.metrics = metrics }

    func add(requests: Int = 0, throttled: Int = 0, retries: Int = 0) {
        values.withLock {
            $0.requests += requests
            $0.throttled += throttled
            $0.retries += retries
        }
        metrics.add(requests: requests, throttled: throttled, retries: retries)
    }

    func add(reads: Int) { values.withLock { $0.reads += reads } }

    func add(done: Int) { values.withLock { $0.done += done } }

    func add(total: Int) { values.withLock { $0.total += total } }

    func set(operationsPerMinute: Double) {
        values.withLock { $0.operationsPerMinute = operationsPerMinute }
        metrics.set(operationsPerMinute: operationsPerMinute)
    }

    func add(pacingWait seconds: Double) { values.withLock { $0.pacingWait += max(0, seconds) } }

    func set(pacing: PacePlan) { values.withLock { $0.pacing = pacing.description } }

    /// `total` now counts every record the run will do.
    func markTotalFinal() { values.withLock { $0.totalIsFinal = true } }

    var snapshot: Values { values.withLock { $0 } }

    /// The progress to show now.
    func progress(_ phase: RunProgress.Phase, elapsed: Double) -> RunProgress {
        let session = snapshot
        return RunProgress(
            phase: phase,
            done: session.done,
            total: session.total,
            requests: session.requests,
            retries: session.retries,
            throttled: session.throttled,
            operationsPerMinute: session.operationsPerMinute,
            elapsed: elapsed,
            totalIsFinal: session.totalIsFinal
        )
    }
}
