import DPSEngine
import Foundation
import Synchronization

/// Shows import, migrate and export progress on standard error: a redrawn bar on a terminal, a plain line every few seconds otherwise.
final class ProgressDisplay: ImportProgressObserver {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastDraw = Mutex<Double>(-100)
    private let interval: Double

    init() {
        interval = isatty(STDERR_FILENO) == 1 ? 0.2 : 5
    }

    func update(_ progress: ImportProgress) {
        let due = lastDraw.withLock { last -> Bool in
            guard progress.phase == .finished || progress.elapsed - last >= interval else { return false }
            last = progress.elapsed
            return true
        }
        guard due else { return }
        let line = Self.describe(progress)
        if isTerminal {
            FileHandle.standardError.write(
                Data(("\r\u{1B}[2K" + line + (progress.phase == .finished ? "\n" : "")).utf8)
            )
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    static func describe(_ progress: ImportProgress) -> String {
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
        var eta = ""
        if progress.operationsPerMinute > 0, total > progress.done, progress.phase != .validating {
            let minutes = Double(total - progress.done) / 10 / progress.operationsPerMinute
            eta = " ETA \(Self.duration(minutes * 60))"
        }
        let phase = progress.phase == .validating ? "validating" : progress.phase.rawValue
        return "[\(bar)] \(progress.done)/\(total) \(phase) \(Int(rate)) req/min\(eta) · "
            + "\(progress.retries) retries · \(progress.throttled) throttled"
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e12 else { return "a very long time" }
        let whole = Int(max(0, seconds).rounded(.up))
        if whole >= 3600 { return "\(whole / 3600) h \(whole % 3600 / 60) min" }
        if whole >= 60 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole) s"
    }
}
