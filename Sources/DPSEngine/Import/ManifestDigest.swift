import Crypto
import Foundation

/// The SHA-256 of a manifest, read in 1 MiB chunks (constant memory), as the journal records it.
public enum ManifestDigest {
    /// Lowercase hexadecimal SHA-256 of the file's bytes.
    public static func sha256(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
