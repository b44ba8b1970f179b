import DPSClient
import DPSJournal
import Metrics

/// One command's metrics, through the swift-metrics API: whatever backend the executable bootstrapped (the
/// Prometheus registry of `--metrics-file` and `watch`), or nothing when it bootstrapped none.
///
/// Every series the command can have is created at once, so a run that was never throttled still reports
/// `dpsbulk_throttled_requests_total{command="import"} 0`; all but the last success timestamp, which exists only
/// once there is a success to report (a 0 there would read as "last succeeded in 1970"). Names and labels are
/// ``MetricName``'s.
public struct RunMetrics: Sendable {
    /// The command the series are labelled with.
    public let command: MetricsCommand
    private let records: [RecordOutcomeLabel: Counter]
    private let requests: Counter
    private let throttled: Counter
    private let retries: Counter
    private let bytesSent: Counter
    private let bytesReceived: Counter
    private let duration: Gauge
    private let pace: Gauge
    private let factory: any MetricsFactory

    /// The series of `command`, made by `factory` (by default the one `MetricsSystem` was bootstrapped with).
    public init(command: MetricsCommand, factory: any MetricsFactory = MetricsSystem.factory) {
        self.command = command
        self.factory = factory
        let labels = [(MetricName.commandLabel, command.rawValue)]
        func counter(_ name: String, _ extra: [(String, String)] = []) -> Counter {
            Counter(label: name, dimensions: labels + extra, factory: factory)
        }
        func gauge(_ name: String) -> Gauge { Gauge(label: name, dimensions: labels, factory: factory) }
        var records: [RecordOutcomeLabel: Counter] = [:]
        for outcome in command.recordOutcomes {
            records[outcome] = counter(MetricName.records, [(MetricName.outcomeLabel, outcome.rawValue)])
        }
        self.records = records
        requests = counter(MetricName.requests)
        throttled = counter(MetricName.throttledRequests)
        retries = counter(MetricName.retries)
        bytesSent = counter(MetricName.bytes, [(MetricName.directionLabel, MetricName.Direction.sent.rawValue)])
        bytesReceived = counter(
            MetricName.bytes,
            [(MetricName.directionLabel, MetricName.Direction.received.rawValue)]
        )
        duration = gauge(MetricName.runDuration)
        pace = gauge(MetricName.operationsPerMinute)
    }

    /// Counts `count` records with `outcome`; an outcome the command does not count (see
    /// ``MetricsCommand/recordOutcomes``) is ignored.
    public func record(_ outcome: RecordOutcomeLabel, count: Int = 1) {
        guard count > 0 else { return }
        records[outcome]?.increment(by: count)
    }

    /// Counts the journalled outcomes of one answered batch (a transient failure is not an outcome).
    public func record(_ outcomes: [RecordOutcome]) {
        for outcome in outcomes {
            if let label = RecordOutcomeLabel(outcome.result) { record(label) }
        }
    }

    /// Counts requests, throttles and retries (negative numbers are ignored).
    public func add(requests: Int = 0, throttled: Int = 0, retries: Int = 0) {
        if requests > 0 { self.requests.increment(by: requests) }
        if throttled > 0 { self.throttled.increment(by: throttled) }
        if retries > 0 { self.retries.increment(by: retries) }
    }

    /// Sets the pace the command sends at now.
    public func set(operationsPerMinute: Double) {
        if operationsPerMinute.isFinite { pace.record(operationsPerMinute) }
    }

    /// Records what the end of a run contributes (see ``RunMetricsContribution``).
    public func record(_ contribution: RunMetricsContribution) {
        duration.record(contribution.durationSeconds)
        if let timestamp = contribution.lastSuccessTimestamp { recordSuccess(atUnixTime: timestamp) }
    }

    /// Records a success at `timestamp` (Unix time in seconds): the end of a run that exited 0.
    public func recordSuccess(atUnixTime timestamp: Double) {
        Self.recordSuccess(of: command, atUnixTime: timestamp, factory: factory)
    }

    /// Records a success of `command` at `timestamp` without making its other series (a `watch` job filed in
    /// done/: the jobs' requests and records are counted under `import`, and `watch` has no series of its own to
    /// show as 0).
    public static func recordSuccess(
        of command: MetricsCommand,
        atUnixTime timestamp: Double,
        factory: any MetricsFactory = MetricsSystem.factory
    ) {
        Gauge(
            label: MetricName.lastSuccessTimestamp,
            dimensions: [(MetricName.commandLabel, command.rawValue)],
            factory: factory
        ).record(timestamp)
    }
}

extension RunMetrics: TransferObserver {
    public func transferred(sent: Int, received: Int) {
        if sent > 0 { bytesSent.increment(by: sent) }
        if received > 0 { bytesReceived.increment(by: received) }
    }
}
