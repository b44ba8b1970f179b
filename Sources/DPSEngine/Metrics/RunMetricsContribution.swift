import Foundation

/// What the end of one run adds to its command's metrics: its duration always, and the last success timestamp
/// only when it ended with exit status 0. When it did not, the timestamp an earlier run wrote is carried over,
/// so that a metrics file rewritten by a failed run still says when the command last succeeded (the question
/// "did last night's backup run" is asked of the failures).
public struct RunMetricsContribution: Sendable, Equatable {
    /// The run's wall time, seconds.
    public var durationSeconds: Double
    /// The Unix time to report as the command's last success, nil for none.
    public var lastSuccessTimestamp: Double?

    /// The contribution of a run that took `duration` seconds and ended at `end` with `exitStatus`;
    /// `previousSuccess` is the last success an earlier run reported (``previousSuccess(in:command:)``).
    public init(exitStatus: Int32, duration: Double, end: Date, previousSuccess: Double? = nil) {
        durationSeconds = duration.isFinite ? max(0, duration) : 0
        lastSuccessTimestamp = exitStatus == 0 ? end.timeIntervalSince1970 : previousSuccess
    }

    /// The last success timestamp of `command` in an earlier metrics file's text, nil when it has none.
    ///
    /// Reads only the sample line of ``MetricName/lastSuccessTimestamp`` whose only label is the command, as
    /// dpsbulk writes it; anything else (another command, a malformed or non-finite value) is not a timestamp.
    public static func previousSuccess(in text: String, command: MetricsCommand) -> Double? {
        let prefix = "\(MetricName.lastSuccessTimestamp){\(MetricName.commandLabel)=\"\(command.rawValue)\"} "
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            guard let value = Double(line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)),
                value.isFinite, value > 0
            else { return nil }
            return value
        }
        return nil
    }
}
