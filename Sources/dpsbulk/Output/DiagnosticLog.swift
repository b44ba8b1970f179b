import DPSEngine
import Logging
import Synchronization

/// Where the tool's diagnostics go: one `Logger` whose handler `--log-format` chose, bootstrapped once per process
/// before the command runs. Results go to standard output; everything on standard error goes through here.
enum DiagnosticLog {
    private static let current = Mutex(LogFormat.human)

    /// The format bootstrapped.
    static var format: LogFormat { current.withLock { $0 } }

    /// The tool's logger.
    static var logger: Logger { Logger(label: "dpsbulk") }

    /// Makes `format` the handler of every logger of the process.
    static func bootstrap(_ format: LogFormat) {
        current.withLock { $0 = format }
        LoggingSystem.bootstrap { label in
            switch format {
            case .human: HumanLogHandler(label: label)
            case .json: JSONLogHandler(label: label)
            }
        }
    }
}
