import DPSJournal
import Foundation

/// How far an export got, saved once pages are safely on disk (as often as ``CheckpointSchedule`` says, and when the
/// run stops): the continuation token and the number of records and bytes written. A killed export resumes from here (the partial file is cut back to `bytes`, so a
/// page written but not yet checkpointed is written again, never twice).
struct ExportCheckpoint: Codable, Equatable {
    enum Phase: String, Codable {
        case groups, enrollments

        var cursorPhase: SourceCursor.Phase {
            switch self {
            case .groups: .groups
            case .enrollments: .enrollments
            }
        }
    }

    var phase: Phase
    var continuation: String?
    var bytes: Int
    var enrollments: Int
    var groups: Int
    var byAttestation: [String: Int]
    /// The source host and options, so a different export cannot resume this one.
    var source: String

    /// Reads a checkpoint, nil when there is none or it is unreadable.
    static func load(from path: String) -> ExportCheckpoint? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(ExportCheckpoint.self, from: data)
    }

    /// Writes the checkpoint atomically (a temporary file renamed over the old one).
    func save(to path: String) throws {
        let data = try JSONEncoder().encode(self)
        try ExportFileError.wrapping(.write, path: path) {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
