import DPSEngine

// Which commands take `--log-format` (all of them) and `--metrics-file` (the one-shot commands that do work worth
// watching), and the `command` label each reports its metrics under.

extension ValidateCommand: LoggingCommand, MetricsReportingCommand {
    static let metricsCommand = MetricsCommand.validate
}

extension ImportCommand: LoggingCommand, MetricsReportingCommand {
    static let metricsCommand = MetricsCommand.import
}

extension ExportCommand: LoggingCommand, MetricsReportingCommand {
    static let metricsCommand = MetricsCommand.export
}

extension MigrateCommand: LoggingCommand, MetricsReportingCommand {
    static let metricsCommand = MetricsCommand.migrate
}

extension DiffCommand: LoggingCommand, MetricsReportingCommand {
    static let metricsCommand = MetricsCommand.diff
}

extension StatusCommand: LoggingCommand {}

extension ReportCommand: LoggingCommand {}

extension VerifyCommand: LoggingCommand {}

extension EmulatorCommand: LoggingCommand {}

extension WatchCommand: LoggingCommand {}
