import ArgumentParser
import DPSJournal
import DPSModel
import Foundation
import UnixSignals

/// The exit codes of dpsbulk, documented in README.md.
enum ExitStatus {
    /// Everything succeeded.
    static let success: Int32 = 0
    /// Some records have errors (validate) or failed (import).
    static let recordErrors: Int32 = 1
    /// Bad usage or unreadable input: a missing file, not UTF-8, a CSV without a header.
    static let usageOrInput: Int32 = 2
    /// The run stopped for a reason that affects everything: credentials refused, service unreachable.
    static let stopped: Int32 = 3
    /// Interrupted (SIGINT, Ctrl-C) and stopped cleanly; the journal allows resuming. 128 + SIGINT, as shells do.
    static let interrupted: Int32 = 130
    /// Terminated (SIGTERM: systemd, Kubernetes, CI runners) and stopped cleanly; the journal allows resuming.
    static let terminated: Int32 = 143

    /// The status of a run that `signal` stopped: ``terminated`` for SIGTERM, ``interrupted`` otherwise.
    static func stopped(by signal: UnixSignal?) -> Int32 {
        signal == .sigterm ? terminated : interrupted
    }

    /// The status for a journal that cannot be opened or written: a full disk stops the run (3), anything else is
    /// the user's input (2: another run's journal, a file that is not a journal).
    static func forJournal(_ error: JournalError) -> Int32 {
        error.code == .diskFull ? stopped : usageOrInput
    }

    /// Prints the message for `error` and returns its exit status. Help and version requests print to stdout.
    static func forError(_ error: any Error) -> Int32 {
        if let exitCode = error as? ExitCode {
            return exitCode.rawValue
        }
        if let failure = error as? CommandFailure {
            // Messages quote paths and values from outside: their control characters are escaped.
            let message = TerminalText.escaped(failure.message, keepingNewlines: true)
            FileHandle.standardError.write(Data(("dpsbulk: " + message + "\n").utf8))
            return failure.status
        }
        if DiskFull.matches(error) {
            let shown = TerminalText.escaped(DPSBulk.fullMessage(for: error), keepingNewlines: true)
            FileHandle.standardError.write(
                Data(("dpsbulk: the disk is full (\(shown)); make room, then run the same command again\n").utf8)
            )
            return stopped
        }
        let code = DPSBulk.exitCode(for: error)
        let message = DPSBulk.fullMessage(for: error)
        if code == .success {
            print(message)
            return success
        }
        if !message.isEmpty {
            let shown = TerminalText.escaped(message, keepingNewlines: true)
            FileHandle.standardError.write(Data(("dpsbulk: " + shown + "\n").utf8))
        }
        return usageOrInput
    }
}
