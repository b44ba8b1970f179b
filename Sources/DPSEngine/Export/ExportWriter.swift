import CompressNIO
import Crypto
import DPSAge
import DPSManifest
import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends to the partial file of an export and makes each page durable (fsync) before it is checkpointed.
///
/// When `compressed`, each ``append(_:)`` writes one complete gzip member (RFC 1952), so the file is a valid gzip
/// file after every append, and cutting it back to an earlier ``bytes`` leaves a valid file: `gunzip` and dpsbulk's
/// readers take the concatenated members as one stream.
///
/// With `recipients`, the file is an age v1 file to them: what ``append(_:)`` is given (gzip members when
/// compressed) is encrypted in memory and only ciphertext is written. Such a file cannot be resumed (its state
/// holds the file key, which never goes to disk), so it is always started from byte 0.
final class ExportWriter {
    private let handle: FileHandle
    private let path: String
    private let compressor: ZlibCompressor?
    private var encryptor: AgeEncryptor?
    /// The length of the file on disk (compressed bytes when `compressed`): the resume checkpoint.
    private(set) var bytes: Int

    /// Whether an export to `path` is written gzip-compressed: its name ends in `.gz` (in any case).
    static func isCompressed(path: String) -> Bool { ManifestFormat.isGzip(path: path) }

    /// Opens `path` (created readable by the owner only when `secret`, with any missing parent directories), cut back
    /// to `bytes`; with `compressed`, every append is written as its own gzip member. Throws ``ExportFileError``.
    init(
        path: String,
        resumeAt bytes: Int,
        secret: Bool,
        compressed: Bool = false,
        recipients: [AgeRecipient] = []
    ) throws {
        precondition(recipients.isEmpty || bytes == 0, "an encrypted export cannot resume")
        try Self.createParentDirectory(of: path)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, secret ? 0o600 : 0o644)
        guard descriptor >= 0 else {
            throw ExportFileError(code: .open, path: path, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try ExportFileError.wrapping(.write, path: path) {
            try handle.truncate(atOffset: UInt64(bytes))
            try handle.seekToEnd()
        }
        self.handle = handle
        self.path = path
        self.bytes = bytes
        self.compressor = compressed ? try ZlibCompressor(algorithm: .gzip) : nil
        if !recipients.isEmpty {
            let counter = ByteCounter()
            encryptor = try AgeEncryptor(recipients: recipients) { ciphertext in
                try handle.write(contentsOf: ciphertext)
                counter.bytes += ciphertext.count
            }
            encryptedBytes = counter
        }
    }

    /// Creates the directory that holds `path` and its missing parents (`backups/` of `backups/{date}.jsonl`).
    static func createParentDirectory(of path: String) throws(ExportFileError) {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue { return }
        try ExportFileError.wrapping(.createDirectory, path: parent) {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
    }

    /// Counts the ciphertext bytes written by the encryptor.
    private final class ByteCounter {
        var bytes = 0
    }

    private var encryptedBytes: ByteCounter?

    /// Appends `data` (as one gzip member when compressed) and flushes it to the disk.
    func append(_ data: Data) throws {
        guard !data.isEmpty else { return }
        let written = try compressor.map { try Self.gzipMember(of: data, with: $0) } ?? data
        if let encryptor, let encryptedBytes {
            try ExportFileError.wrapping(.write, path: path) { try encryptor.write(written) }
            bytes = encryptedBytes.bytes
            return
        }
        try ExportFileError.wrapping(.write, path: path) {
            try handle.write(contentsOf: written)
            try handle.synchronize()
        }
        bytes += written.count
    }

    func close() throws {
        try ExportFileError.wrapping(.write, path: path) {
            if let encryptor, let encryptedBytes {
                try encryptor.finish()
                bytes = encryptedBytes.bytes
                self.encryptor = nil
                try handle.synchronize()
            }
            try handle.close()
        }
    }

    /// Closes the file and moves it to `finalPath` (replacing what is there), with a SHA-256 sidecar
    /// (`finalPath.sha256`, `sha256sum` format); returns the digest.
    func finish(renamingTo finalPath: String) throws -> String {
        try close()
        let digest = try Self.sha256(of: path)
        try ExportFileError.wrapping(.rename, path: finalPath) {
            if FileManager.default.fileExists(atPath: finalPath) {
                try FileManager.default.removeItem(atPath: finalPath)
            }
            try FileManager.default.moveItem(atPath: path, toPath: finalPath)
        }
        let name = URL(fileURLWithPath: finalPath).lastPathComponent
        let sidecar = finalPath + ".sha256"
        try ExportFileError.wrapping(.write, path: sidecar) {
            try Data("\(digest)  \(name)\n".utf8).write(to: URL(fileURLWithPath: sidecar), options: .atomic)
        }
        return digest
    }

    /// `data` as one complete gzip member (header, deflate stream, CRC-32 and length).
    private static func gzipMember(of data: Data, with compressor: ZlibCompressor) throws -> Data {
        try compressor.reset()
        var input = ByteBuffer(bytes: data)
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        try compressor.deflate(from: &input, to: &output, flush: .finish)
        return output.withUnsafeReadableBytes { Data($0) }
    }

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
