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
        var states: Set<RecordState> = [.failed, .conflict, .skipped]
        if includePending { states.formUnion([.pending, .inFlight]) }
        if run.manifestPath.hasPrefix("dps://") {
            try writeMigrationReport(reader, states: states)
            return
        }
        if (try? ManifestDigest.sha256(ofFileAt: run.manifestPath)) != run.manifestSHA256 {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message:
                    "the manifest \(run.manifestPath) changed (or is gone) since the run; the report needs it as it was"
            )
        }
        var wanted: [Int: String] = [:]
        try reader.forEachRecord(in: states) { record in
            wanted[record.ordinal] = record.reason ?? record.state.rawValue
        }
        let manifest = try ManifestReader(
            path: run.manifestPath,
            options: ManifestReadOptions(allowUnknownColumns: true)
        )
        guard ReportCommand.createPrivateFile(out), let output = FileHandle(forWritingAtPath: out)
        else {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: "cannot write \(out)")
        }
        defer { try? output.close() }
        var errorColumn: Int?
        if let header = manifest.header {
            var names = header.names
            if let position = header.position(of: .error) {
                errorColumn = position
            } else {
                names.append("error")
            }
            try output.write(contentsOf: Data(CSVWriter.line(names).utf8))
        }
        var ordinal = 0
        var written = 0
        while let raw = try manifest.nextRaw() {
            defer { ordinal += 1 }
            guard let reason = wanted[ordinal] else { continue }
            switch raw {
            case .csv(_, var fields):
                if let errorColumn, errorColumn < fields.count {
                    fields[errorColumn] = reason
                } else {
                    fields.append(reason)
                }
                try output.write(contentsOf: Data(CSVWriter.line(fields).utf8))
            case .jsonLine(_, let text):
                var object = (try? JSONParser.parse(text))?.objectValue ?? ["unparsed": .string(text)]
                object["error"] = .string(reason)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                try output.write(contentsOf: try encoder.encode(JSONValue.object(object)) + Data("\n".utf8))
            }
            written += 1
        }
        print("\(written) record\(written == 1 ? "" : "s") written to \(out)")
    }

    /// A migration has no manifest (its items live in the source instance): the report lists each record's ID,
    /// state and reason as JSON lines.
    private func writeMigrationReport(_ reader: Journal, states: Set<RecordState>) throws {
        guard ReportCommand.createPrivateFile(out), let output = FileHandle(forWritingAtPath: out)
        else {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: "cannot write \(out)")
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

    /// Creates (or empties) `path` readable by the owner only: a report holds the records' keys, as an export does.
    static func createPrivateFile(_ path: String) -> Bool {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { return false }
        return (try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)) != nil
    }
}
