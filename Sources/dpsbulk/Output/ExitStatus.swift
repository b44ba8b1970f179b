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

    /// Logs the message for `error` (``DiagnosticLog``) and returns its exit status. Help and version requests
    /// print to stdout.
    static func forError(_ error: any Error) -> Int32 {
        if let exitCode = error as? ExitCode {
            return exitCode.rawValue
        }
        if let failure = error as? CommandFailure {
            // Messages quote paths and values from outside: the log handler escapes their control characters.
            return logged(failure.message, status: failure.status)
        }
        if DiskFull.matches(error) {
            return logged(
                "the disk is full (\(DPSBulk.fullMessage(for: error))); make room, then run the same command again",
                status: stopped
            )
        }
        let code = DPSBulk.exitCode(for: error)
        let message = DPSBulk.fullMessage(for: error)
        if code == .success {
            print(message)
            return success
        }
        if !message.isEmpty {
            return logged(message, status: usageOrInput)
        }
        return usageOrInput
    }

    /// Logs `message` as the error the command ends with, and returns `status`.
    private static func logged(_ message: String, status: Int32) -> Int32 {
        DiagnosticLog.logger.error("\(message)", metadata: ["exit_status": "\(status)"])
        return status
    }
}
