import ArgumentParser

/// `--log-format human|json`, on every command.
struct LogOptions: ParsableArguments {
    @Option(
        name: .customLong("log-format"),
        help: "Standard error as human lines (default) or json: one object per line with time, level, message, fields."
    )
    var logFormat = LogFormat.human
}

/// A command that takes `--log-format`.
protocol LoggingCommand: SendableMetatype {
    var logging: LogOptions { get }
}
