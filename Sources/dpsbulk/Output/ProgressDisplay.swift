import DPSEngine
import Foundation
import Logging
import Synchronization

/// Shows import, migrate and export progress on standard error: on a terminal a bar redrawn in place, otherwise (a
/// log, a CI job) one line every 5 s, each starting with the UTC time; with `--log-format json` one `progress` log
/// record every 5 s, its numbers in fields.
final class ProgressDisplay: RunProgressObserver {
    private struct State {
        /// When the last line was drawn, in seconds of the run.
        var lastDraw: Double
        /// Whether the terminal's line holds a bar not yet ended by a newline.
        var barOpen = false
    }

    private let isTerminal: Bool
    private let asLogRecords: Bool
    private let interval: Double
    private let state: Mutex<State>

    init(isTerminal terminal: Bool = isatty(STDERR_FILENO) == 1, logFormat: LogFormat = DiagnosticLog.format) {
        asLogRecords = logFormat == .json
        let isTerminal = terminal && !asLogRecords
        self.isTerminal = isTerminal
        interval = isTerminal ? 0.2 : 5
        // A log gets its first line after one interval, with something to say; a terminal at once.
        state = Mutex(State(lastDraw: isTerminal ? -.infinity : 0))
    }

    func update(_ progress: RunProgress) {
        let finished = progress.phase == .finished
        // Nothing is known yet: no line saying so.
        guard finished || progress.done > 0 || progress.total > 0 else { return }
        let due = state.withLock { state -> Bool in
            guard finished || progress.elapsed - state.lastDraw >= interval else { return false }
            state.lastDraw = progress.elapsed
            if isTerminal { state.barOpen = !finished }
            return true
        }
        guard due else { return }
        if asLogRecords {
            DiagnosticLog.logger.info("progress", metadata: Self.fields(progress))
            return
        }
        let line = Self.describe(progress)
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line + (finished ? "\n" : "")).utf8))
        } else {
            FileHandle.standardError.write(Data((Self.timestamp(Date()) + " " + line + "\n").utf8))
        }
    }

    /// Ends the bar's line, so that what is printed next (the summary) starts on a line of its own.
    func finish() {
        let open = state.withLock { state in
            defer { state.barOpen = false }
            return state.barOpen
        }
        if open { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func describe(_ progress: RunProgress) -> String {
        let rate = progress.elapsed > 0 ? Double(progress.requests) / progress.elapsed * 60 : 0
        guard progress.total > 0 || progress.phase == .validating else {
            // An export: how many items there are is not known before the last page.
            return "\(progress.done) written (\(progress.phase.rawValue)) \(Int(rate)) req/min · "
                + "\(progress.retries) retries · \(progress.throttled) throttled"
        }
        let total = max(progress.total, progress.done)
        let fraction = total > 0 ? Double(progress.done) / Double(total) : 0
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let eta = progress.estimatedSecondsLeft.map { " ETA \(Self.duration($0))" } ?? ""
        return "[\(bar)] \(progress.done)/\(total) \(progress.phase.rawValue) \(Int(rate)) req/min\(eta) · "
            + "\(progress.retries) retries · \(progress.throttled) throttled"
    }

    /// The numbers of a `progress` log record.
    static func fields(_ progress: RunProgress) -> Logger.Metadata {
        var fields: Logger.Metadata = [
            "phase": "\(progress.phase.rawValue)", "done": "\(progress.done)", "requests": "\(progress.requests)",
            "retries": "\(progress.retries)", "throttled": "\(progress.throttled)",
            "operations_per_minute": "\(Int(progress.operationsPerMinute))",
            "elapsed_seconds": "\(String(format: "%.1f", progress.elapsed))",
        ]
        if progress.total > 0 { fields["total"] = "\(max(progress.total, progress.done))" }
        if let left = progress.estimatedSecondsLeft, left.isFinite, left < 1e12 {
            fields["eta_seconds"] = "\(Int(left.rounded(.up)))"
        }
        return fields
    }

    /// `2026-12-04T20:31:16Z`.
    static func timestamp(_ date: Date) -> String {
        date.ISO8601Format()
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e12 else { return "a very long time" }
        let whole = Int(max(0, seconds).rounded(.up))
        if whole >= 3600 { return "\(whole / 3600) h \(whole % 3600 / 60) min" }
        if whole >= 60 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole) s"
    }
}
