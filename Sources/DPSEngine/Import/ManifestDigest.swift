import Crypto
import Foundation

/// The SHA-256 of a file (a manifest, as the journal records it; an export, as its sidecar records it), read in
/// 1 MiB chunks (constant memory).
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
        return hasher.finalize().lowercaseHex
    }
}

extension SHA256.Digest {
    /// The digest in lowercase hexadecimal, as `sha256sum` prints it.
    var lowercaseHex: String { map { String(format: "%02x", $0) }.joined() }
}
