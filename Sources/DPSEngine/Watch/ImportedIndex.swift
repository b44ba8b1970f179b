import Foundation
import Synchronization

/// The content (SHA-256) of every manifest filed in done/, kept in `STATE/imported.jsonl` (one JSON object a line,
/// appended), and of the jobs in progress: a manifest dropped again with the same content is a duplicate.
public final class ImportedIndex: Sendable {
    /// One line of the index.
    public struct Entry: Codable, Sendable, Equatable {
        public var sha256: String
        /// The name it was filed under in done/.
        public var filedAs: String
        public var at: Date
    }

    private struct State {
        var imported: [String: Entry] = [:]
        var inProgress: [String: String] = [:]
    }

    private let path: URL
    private let state: Mutex<State>

    /// Reads the index at `path` (an absent file is an empty index; a damaged line is skipped).
    public init(path: URL) throws {
        self.path = path
        var initial = State()
        if let data = try? Data(contentsOf: path) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            for line in data.split(separator: 0x0A) {
                if let entry = try? decoder.decode(Entry.self, from: Data(line)) {
                    initial.imported[entry.sha256] = entry
                }
            }
        }
        state = Mutex(initial)
    }

    /// Registers the job `name` with content `sha256` as in progress, or returns why it is a duplicate: the same
    /// content was imported already or is being imported by another job.
    public func claim(_ sha256: String, for name: String) -> String? {
        state.withLock { state in
            if let entry = state.imported[sha256] {
                return "the same content (SHA-256 \(sha256.prefix(12))…) was imported already, as done/\(entry.filedAs)"
            }
            if let other = state.inProgress[sha256], other != name {
                return "the same content (SHA-256 \(sha256.prefix(12))…) is being imported already, as \(other)"
            }
            state.inProgress[sha256] = name
            return nil
        }
    }

    /// Forgets the job in progress with `sha256` (it was rejected, or stays for later).
    public func release(_ sha256: String) {
        _ = state.withLock { $0.inProgress.removeValue(forKey: sha256) }
    }

    /// Records `sha256` as filed in done/ as `filedAs`, durably; recording it again does nothing.
    public func recordImported(_ sha256: String, filedAs: String, at date: Date = Date()) throws {
        let entry = Entry(sha256: sha256, filedAs: filedAs, at: date)
        let known = state.withLock { $0.imported[sha256] != nil }
        if !known {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys]
            // A failed create shows as the open's error just below.
            if !FileManager.default.fileExists(atPath: path.path) {
                _ = FileManager.default.createFile(
                    atPath: path.path,
                    contents: nil,
                    attributes: [.posixPermissions: 0o600]
                )
            }
            let handle = try FileHandle(forWritingTo: path)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: try encoder.encode(entry) + Data("\n".utf8))
            try handle.synchronize()
        }
        state.withLock { state in
            state.imported[sha256] = state.imported[sha256] ?? entry
            state.inProgress.removeValue(forKey: sha256)
        }
    }
}
