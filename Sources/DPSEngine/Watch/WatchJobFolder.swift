import Foundation

/// The folder of one claimed job, `STATE/jobs/NAME/`: the manifest under its own name, and beside it dotfiles (a
/// name the watcher never takes as a manifest, so no manifest can collide with them): `.job.json` (the
/// ``WatchJobRecord``), `.journal` (the import's journal), and before filing `.summary.json`, `.reason.txt` and
/// `.report.csv` or `.report.jsonl`.
struct WatchJobFolder: Sendable {
    let url: URL
    let name: String

    init(layout: InboxLayout, name: String) {
        url = layout.job(name)
        self.name = name
    }

    var manifest: URL { url.appendingPathComponent(name) }
    var recordFile: URL { url.appendingPathComponent(".job.json") }
    var journal: URL { url.appendingPathComponent(".journal") }
    var summary: URL { url.appendingPathComponent(".summary.json") }
    var reason: URL { url.appendingPathComponent(".reason.txt") }
    var report: URL { url.appendingPathComponent(FilingName.reportSuffix(forManifest: name)) }

    /// The files filed beside the manifest, each with the suffix it takes after the filed name.
    var companions: [(file: URL, suffix: String)] {
        [
            (summary, FilingName.summarySuffix), (reason, FilingName.reasonSuffix),
            (report, FilingName.reportSuffix(forManifest: name)),
        ]
    }

    /// The job's record; nil when there is none yet (the claim stopped before writing it).
    func loadRecord() throws(WatchError) -> WatchJobRecord? {
        guard let data = try? Data(contentsOf: recordFile) else { return nil }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(WatchJobRecord.self, from: data)
        } catch {
            throw WatchError(.unreadableJob, "the job record \(recordFile.path) cannot be read: \(error)")
        }
    }

    /// Writes the record atomically (a new file renamed over the old one), readable by the owner only.
    func save(_ record: WatchJobRecord) throws {
        let temporary = url.appendingPathComponent(".job.json.new")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard
            FileManager.default.createFile(
                atPath: temporary.path,
                contents: try encoder.encode(record),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        guard rename(temporary.path, recordFile.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: recordFile.path])
        }
    }

    /// Writes `text` to `file`, readable by the owner only.
    static func writePrivate(_ data: Data, to file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path]) }
    }
}
