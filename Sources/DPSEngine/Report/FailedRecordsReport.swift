import DPSJournal
import DPSManifest
import DPSModel
import Foundation

/// The records of a journalled import that did not succeed, written as a manifest in the manifest's own format with
/// the reason in an `error` column (CSV) or member (JSON lines): ready to fix and import again. `dpsbulk report` and
/// `dpsbulk watch` (the report beside a rejected manifest) both write it with this.
public enum FailedRecordsReport {
    /// The states a report lists by default: refused by the service, conflicting, invalid.
    public static let unsuccessful: Set<RecordState> = [.failed, .conflict, .skipped]

    /// Why a report could not be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The extension of the report of `manifestPath`'s import: `csv` or `jsonl`, as the manifest is read (`.gz`
    /// looked through; the report itself is never compressed).
    public static func fileExtension(forManifestAt manifestPath: String) -> String {
        var name = manifestPath.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        return name.hasSuffix(".jsonl") || name.hasSuffix(".json") ? "jsonl" : "csv"
    }

    /// Writes the records of `journal` in `states` from the run's manifest (which must be unchanged) to `out`,
    /// readable by the owner only (the records hold keys), and returns how many it wrote.
    ///
    /// - Throws: ``Failure`` when the manifest changed or is gone, or `out` cannot be created; a read error.
    public static func write(from journal: Journal, states: Set<RecordState>, to out: String) throws -> Int {
        let run = try journal.run()
        if (try? ManifestDigest.sha256(ofFileAt: run.manifestPath)) != run.manifestSHA256 {
            throw Failure(
                message:
                    "the manifest \(run.manifestPath) changed (or is gone) since the run; the report needs it as it was"
            )
        }
        var wanted: [Int: String] = [:]
        try journal.forEachRecord(in: states) { record in
            wanted[record.ordinal] = record.reason ?? record.state.rawValue
        }
        let manifest = try ManifestReader(
            path: run.manifestPath,
            options: ManifestReadOptions(allowUnknownColumns: true)
        )
        let output = try createPrivateFile(out)
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
        return written
    }

    /// Creates (or empties) `path` readable by the owner only and opens it for writing.
    public static func createPrivateFile(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            (try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)) != nil,
            let handle = FileHandle(forWritingAtPath: path)
        else { throw Failure(message: "cannot write \(path)") }
        return handle
    }
}
