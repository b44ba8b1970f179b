import DPSJournal
import Foundation

/// Waiting for a running command's journal to show progress, read in this process: a `dpsbulk status` child per poll
/// can take seconds to start on a loaded machine, long enough for the run it watches to finish first.
enum JournalProgress {
    /// Waits until the journal at `path` exists and has a succeeded record, for at most `seconds`; whether it did.
    static func waitForSuccess(inJournal path: String, seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            if let succeeded = try? succeededRecords(inJournal: path), succeeded > 0 { return true }
        }
        return false
    }

    /// The succeeded records of the journal at `path`.
    static func succeededRecords(inJournal path: String) throws -> Int {
        let journal = try Journal.openForReading(at: path)
        defer { try? journal.close() }
        return try journal.summary().counts[.succeeded] ?? 0
    }
}
