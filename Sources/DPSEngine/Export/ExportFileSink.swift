import Crypto
import Foundation

/// The bytes of an export file on their way to disk: each write goes to the file and into the file's SHA-256 as it
/// is made, so the sidecar's digest is known when the file is finished without reading the file back.
///
/// One sink per open file; the writer and its age encryptor (which writes ciphertext through a closure) share it.
final class ExportFileSink {
    private let handle: FileHandle
    private var hasher = SHA256()
    /// How many bytes the file holds.
    private(set) var bytes: Int

    /// A sink appending to `handle`, whose file already holds `prefix` (hashed here from the file, once).
    init(handle: FileHandle, path: String, prefix: Int) throws(ExportFileError) {
        self.handle = handle
        self.bytes = prefix
        guard prefix > 0 else { return }
        try ExportFileError.wrapping(.write, path: path) {
            try handle.seek(toOffset: 0)
            var left = prefix
            while left > 0, let chunk = try handle.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty {
                hasher.update(data: chunk)
                left -= chunk.count
            }
            try handle.seekToEnd()
        }
    }

    /// Appends `data` to the file (not yet flushed to the disk) and to the digest.
    func write(_ data: some DataProtocol) throws {
        try handle.write(contentsOf: data)
        hasher.update(data: data)
        bytes += data.count
    }

    /// The SHA-256 of everything the file holds, hexadecimal.
    var digest: String {
        hasher.finalize().lowercaseHex
    }
}
