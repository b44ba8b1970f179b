import DPSModel
import Foundation
import Logging

/// The default diagnostics: `dpsbulk: MESSAGE` on standard error (`dpsbulk: warning: MESSAGE` for a warning), the
/// message's control characters escaped so that input echoed in it cannot drive the terminal. Fields are for
/// machines (`--log-format json`) and not shown.
struct HumanLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    init(label: String) {}

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data((Self.line(level: event.level, message: "\(event.message)") + "\n").utf8))
    }

    /// The line for a record, without its newline.
    static func line(level: Logger.Level, message: String) -> String {
        let prefix = level == .warning ? "dpsbulk: warning: " : "dpsbulk: "
        return prefix + TerminalText.escaped(message, keepingNewlines: true)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
