import ArgumentParser
import DPSEngine
import DPSJournal
import DPSManifest
import DPSModel
import Foundation

/// `dpsbulk report`: writes the records of a run that did not succeed as a manifest in the manifest's own format,
/// with the reason in an `error` column (CSV) or member (JSON lines), ready to fix and import again.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the failed, conflicting and invalid records of an import as a manifest with an error column."
    )

    @OptionGroup var logging: LogOptions

    @Argument(help: "The journal file.")
    var journal: String

    @Option(help: "Where to write the report manifest.")
    var out: String

    @Flag(help: "Include records still pending (an interrupted run).")
    var includePending = false

    func run() throws {
        let reader = try JournalFile.openForReading(journal)
        defer { try? reader.close() }
        let run = try reader.run()
        var states = FailedRecordsReport.unsuccessful
        if includePending { states.formUnion([.pending, .inFlight]) }
        if run.manifestPath.hasPrefix("dps://") {
            try writeMigrationReport(reader, states: states)
            return
        }
        let written: Int
        do {
            written = try FailedRecordsReport.write(from: reader, states: states, to: out)
        } catch let failure as FailedRecordsReport.Failure {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: failure.message)
        }
        print("\(written) record\(written == 1 ? "" : "s") written to \(out)")
    }

    /// A migration has no manifest (its items live in the source instance): the report lists each record's ID,
    /// state and reason as JSON lines.
    private func writeMigrationReport(_ reader: Journal, states: Set<RecordState>) throws {
        let output: FileHandle
        do {
            output = try FailedRecordsReport.createPrivateFile(out)
        } catch let failure as FailedRecordsReport.Failure {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: failure.message)
        }
        defer { try? output.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var written = 0
        try reader.forEachRecord(in: states) { record in
            let object: JSONValue = .object([
                record.kind == .group ? "enrollmentGroupId" : "registrationId": .string(record.identifier),
                "state": .string(record.state.rawValue),
                "error": .string(record.reason ?? record.state.rawValue),
            ])
            try output.write(contentsOf: try encoder.encode(object) + Data("\n".utf8))
            written += 1
        }
        print("\(written) record\(written == 1 ? "" : "s") written to \(out)")
    }
}
