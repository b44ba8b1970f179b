import ArgumentParser
import DPSEngine
import Foundation

/// `--metrics-file PATH`: the command's metrics in the node_exporter textfile format, written when it ends.
struct MetricsOptions: ParsableArguments {
    @Option(
        name: .customLong("metrics-file"),
        help: ArgumentHelp(
            "Write the run's metrics (Prometheus text format, for node_exporter's textfile collector) to this file "
                + "when the command ends, however it ends; replaced atomically.",
            valueName: "path"
        )
    )
    var metricsFile: String?

    func validate() throws {
        guard let metricsFile else { return }
        if let problem = MetricsFile.problem(writing: metricsFile) {
            throw ValidationError("--metrics-file '\(metricsFile)': \(problem)")
        }
    }
}

/// A command that can write its metrics with `--metrics-file`.
protocol MetricsReportingCommand: SendableMetatype {
    /// The `command` label of its metrics.
    static var metricsCommand: MetricsCommand { get }
    var metrics: MetricsOptions { get }
}
