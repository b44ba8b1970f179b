import ArgumentParser

/// How dpsbulk writes its diagnostics (warnings, errors, progress) to standard error.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Lines for people: `dpsbulk: warning: ...`, a progress bar on a terminal.
    case human
    /// One JSON object per line (time, level, label, message, fields), for log shippers.
    case json
}
