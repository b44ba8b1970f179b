import DPSEngine
import DPSModel
import Foundation
import Logging

/// The log of `dpsbulk watch`: one line per event on standard error, with its UTC time, the job's name, and for a
/// filed job its summary or reason. Names come from outside: their control characters are shown escaped.
enum WatchEventPrinter {
    /// Prints `event`.
    @Sendable static func print(_ event: WatchEvent) {
        write(text(for: event), level: event.isProblem ? .warning : .info)
    }

    /// Prints a line of the watcher's own.
    static func note(_ text: String) { write(text, level: .info) }

    /// A timestamped `watch:` line; with `--log-format json`, a log record (time, level and fields are the
    /// record's own).
    private static func write(_ text: String, level: Logger.Level) {
        if DiagnosticLog.format == .json {
            DiagnosticLog.logger.log(level: level, "\(text)", metadata: ["command": "watch"])
            return
        }
        let line = "\(ProgressDisplay.timestamp(Date())) watch: " + TerminalText.escaped(text, keepingNewlines: false)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The text of `event`, without time.
    static func text(for event: WatchEvent) -> String {
        switch event {
        case .started(let inbox, let state, let unfinished):
            return "watching \(inbox) (state in \(state)); \(unfinished) claimed job\(unfinished == 1 ? "" : "s") to "
                + "resume"
        case .moved(let job, let state):
            switch state {
            case .queued: return "\(job): queued (claimed from the inbox)"
            case .validating: return "\(job): validating"
            case .importing: return "\(job): importing"
            case .done, .rejected: return "\(job): \(state.rawValue)"
            }
        case .filed(let job, let state, let filedAs, let reason, let summary):
            var text = "\(job): \(state.rawValue), filed as \(state.rawValue)/\(filedAs)"
            if let summary {
                let described = JournalledRunOutcome.describe(summary, journalPath: "")
                text += ": " + (described.components(separatedBy: " Journal: ").first ?? described)
            }
            if let reason { text += " Reason: \(reason)" }
            return text
        case .retrying(let job, let after, let reason):
            let when = after.map { String(format: "in %.0f s", $0) } ?? "at the next start"
            return "\(job): the service failed (\(reason)); the job stays claimed and is tried again \(when)"
        case .interrupted(let job):
            return "\(job): stopped for the shutdown; it resumes from its journal at the next start"
        case .draining(let running):
            return "shutting down: no new files; \(running) job\(running == 1 ? "" : "s") finishing the requests in "
                + "flight"
        case .problem(let message):
            return "problem: \(message)"
        }
    }
}

extension WatchEvent {
    /// Whether the event reports something wrong (the service failing, a problem of the watcher's own).
    fileprivate var isProblem: Bool {
        switch self {
        case .retrying, .problem: true
        default: false
        }
    }
}
