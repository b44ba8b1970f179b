/// The names and labels of every metric dpsbulk exposes: the one place the one-shot commands' `--metrics-file`
/// and the `watch` service's `/metrics` agree on (Prometheus naming: snake case, a unit suffix, `_total` on
/// counters).
///
/// No label carries a secret or a path: label values come from the fixed sets below (``MetricsCommand``,
/// ``RecordOutcomeLabel``, ``Direction``), never from input.
public enum MetricName {
    /// Counter `{command, outcome}`: records settled by this process, by outcome (``RecordOutcomeLabel``).
    public static let records = "dpsbulk_records_total"
    /// Counter `{command}`: requests sent to the service (billable operations, retries included).
    public static let requests = "dpsbulk_requests_total"
    /// Counter `{command}`: requests the service throttled (HTTP 429).
    public static let throttledRequests = "dpsbulk_throttled_requests_total"
    /// Counter `{command}`: requests sent again after a transient failure or a throttle.
    public static let retries = "dpsbulk_retries_total"
    /// Counter `{command, direction}`: request and response body bytes (``Direction``).
    public static let bytes = "dpsbulk_bytes_total"
    /// Gauge `{command}`: wall time of the command's last run, in seconds.
    public static let runDuration = "dpsbulk_run_duration_seconds"
    /// Gauge `{command}`: the pace the command last sent at, operations per minute (the adaptive rate's current
    /// value with `--operations-per-minute auto`).
    public static let operationsPerMinute = "dpsbulk_operations_per_minute"
    /// Gauge `{command}`: when the command last ended with exit status 0, Unix time in seconds.
    public static let lastSuccessTimestamp = "dpsbulk_last_success_timestamp_seconds"
    /// Gauge `{state}`: the `watch` service's jobs by state. Reserved here so that the service and the one-shot
    /// commands never give one name two meanings; the service sets it.
    public static let watchJobs = "dpsbulk_watch_jobs"

    /// The label naming the command.
    public static let commandLabel = "command"
    /// The label naming a record's outcome.
    public static let outcomeLabel = "outcome"
    /// The label naming a byte count's direction.
    public static let directionLabel = "direction"
    /// The label naming a `watch` job's state.
    public static let stateLabel = "state"

    /// Which way bytes went.
    public enum Direction: String, Sendable, CaseIterable {
        /// Request bodies sent to the service.
        case sent
        /// Response bodies received from it.
        case received
    }
}
