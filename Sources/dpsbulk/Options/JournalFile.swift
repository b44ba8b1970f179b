import DPSJournal

/// Opening a journal for reading from a command, with the error mapped to exit status 2.
enum JournalFile {
    static func openForReading(_ path: String) throws -> Journal {
        do {
            return try Journal.openForReading(at: path)
        } catch let error as JournalError {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
        }
    }
}
