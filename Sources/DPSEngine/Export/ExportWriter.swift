import Crypto
import Foundation

/// Appends to the partial file of an export and makes each page durable (fsync) before it is checkpointed.
final class ExportWriter {
    private let handle: FileHandle
    private(set) var bytes: Int

    /// Opens `path` (created readable by the owner only when `secret`), cut back to `bytes`.
    init(path: String, resumeAt bytes: Int, secret: Bool) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(
                atPath: path, contents: nil, attributes: [.posixPermissions: secret ? 0o600 : 0o644])
            else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        try handle.truncate(atOffset: UInt64(bytes))
        try handle.seekToEnd()
        self.handle = handle
        self.bytes = bytes
    }

    /// Appends `data` and flushes it to the disk.
    func append(_ data: Data) throws {
        guard !data.isEmpty else { return }
        try handle.write(contentsOf: data)
        try handle.synchronize()
        bytes += data.count
    }

    func close() throws { try handle.close() }

    /// The SHA-256 of a whole file, hexadecimal.
    static func sha256(of path: String) throws -> String {
        guard let reader = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? reader.close() }
        var hasher = SHA256()
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
