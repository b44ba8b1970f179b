import Foundation
import Metrics
import Synchronization

/// The `dpsbulk_watch_jobs` gauge, one series per state (`state="queued"`, ...): the jobs in each state now, and
/// for `done` and `rejected` the jobs filed since the watcher started. Emitted through swift-metrics, so it goes
/// wherever the process bootstrapped metrics to (`--metrics-address`), and nowhere without one. A job filed in
/// done/ also sets `dpsbulk_last_success_timestamp_seconds{command="watch"}`.
final class WatchJobMetrics: Sendable {
    private struct Counts {
        var jobs: [String: WatchJobState] = [:]
        var filed: [WatchJobState: Int] = [:]
    }

    private let gauges: [WatchJobState: Gauge]
    private let counts = Mutex(Counts())

    init() {
        var gauges: [WatchJobState: Gauge] = [:]
        for state in WatchJobState.allCases {
            gauges[state] = Gauge(label: MetricName.watchJobs, dimensions: [(MetricName.stateLabel, state.rawValue)])
        }
        self.gauges = gauges
    }

    /// The job `name` is now in `state`; nil: it left this process's hands (it resumes at the next start).
    func set(_ name: String, _ state: WatchJobState?) {
        let values = counts.withLock { counts in
            if let state, state.isFinal {
                counts.jobs[name] = nil
                counts.filed[state, default: 0] += 1
            } else {
                counts.jobs[name] = state
            }
            var values: [WatchJobState: Int] = counts.filed
            for state in counts.jobs.values { values[state, default: 0] += 1 }
            return values
        }
        for (state, gauge) in gauges { gauge.record(values[state, default: 0]) }
        if state == .done { RunMetrics.recordSuccess(of: .watch, atUnixTime: Date().timeIntervalSince1970) }
    }
}
