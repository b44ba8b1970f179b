import DPSEngine
import Foundation
import Prometheus

/// The `--metrics-file` of one command run: the registry bootstrapped before the command runs, and the file
/// written after it ends with what the end contributes (``RunMetricsContribution``).
struct MetricsReport: Sendable {
    let path: String
    let command: MetricsCommand
    let registry: PrometheusCollectorRegistry
    let started = ContinuousClock.now

    /// Bootstraps the metrics of `command` when it asked for a metrics file; nil when it did not.
    static func start(for command: any MetricsReportingCommand) -> MetricsReport? {
        guard let path = command.metrics.metricsFile else { return nil }
        return MetricsReport(
            path: path,
            command: type(of: command).metricsCommand,
            registry: MetricsBootstrap.bootstrap()
        )
    }

    /// Records the run's end and writes the file; returns the exit status, which a file that cannot be written
    /// turns into an error when the run itself succeeded.
    func finish(status: Int32) -> Int32 {
        let previous = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
            RunMetricsContribution.previousSuccess(in: $0, command: command)
        }
        RunMetrics(command: command).record(
            RunMetricsContribution(
                exitStatus: status,
                duration: (ContinuousClock.now - started) / .seconds(1),
                end: Date(),
                previousSuccess: previous
            )
        )
        do {
            try MetricsFile.write(registry.emitToBuffer(), to: path)
            return status
        } catch {
            let failed = ExitStatus.forError(error)
            return status == ExitStatus.success ? failed : status
        }
    }
}
