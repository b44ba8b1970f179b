import CompressNIO
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

/// Appends to the partial file of an export; ``synchronize()`` makes what it holds durable (fsync) before a
/// checkpoint says so, and finishing makes the whole file durable before it is renamed into place.
///
/// The file's SHA-256 is computed from the bytes as they are written (``ExportFileSink``): finishing does not read
/// the file back. A resumed file's kept prefix is hashed once when it is opened.
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
    private let sink: ExportFileSink
    private let path: String
    private let compressor: ZlibCompressor?
    private var encryptor: AgeEncryptor?
    /// The length of the file on disk (compressed bytes when `compressed`): the resume checkpoint.
    var bytes: Int { sink.bytes }

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
        }
        let sink = try ExportFileSink(handle: handle, path: path, prefix: bytes)
        self.handle = handle
        self.sink = sink
        self.path = path
        self.compressor = compressed ? try ZlibCompressor(algorithm: .gzip) : nil
        if !recipients.isEmpty {
            encryptor = try AgeEncryptor(recipients: recipients) { ciphertext in try sink.write(ciphertext) }
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

    /// Appends `data` (as one gzip member when compressed); it is on disk once ``synchronize()`` returns.
    func append(_ data: some DataProtocol) throws {
        guard !data.isEmpty else { return }
        if let compressor {
            try write(Self.gzipMember(of: data, with: compressor))
        } else {
            try write(data)
        }
    }

    /// Writes `bytes` to the file, through the encryptor when there is one.
    private func write(_ bytes: some DataProtocol) throws {
        try ExportFileError.wrapping(.write, path: path) {
            if let encryptor { try encryptor.write(bytes) } else { try sink.write(bytes) }
        }
    }

    /// Flushes everything appended so far to the disk (fsync): ``bytes`` may then be checkpointed.
    func synchronize() throws {
        try ExportFileError.wrapping(.write, path: path) { try handle.synchronize() }
    }

    /// Finishes the encryption (if any), makes the whole file durable and closes it.
    func close() throws {
        try ExportFileError.wrapping(.write, path: path) {
            if let encryptor {
                try encryptor.finish()
                self.encryptor = nil
            }
            try handle.synchronize()
            try handle.close()
        }
    }

    /// Closes the file and moves it to `finalPath` (atomically replacing what is there), with a SHA-256 sidecar
    /// (`finalPath.sha256`, `sha256sum` format); returns the digest.
    func finish(renamingTo finalPath: String) throws -> String {
        try close()
        let digest = sink.digest
        guard rename(path, finalPath) == 0 else {
            throw ExportFileError(code: .rename, path: finalPath, reason: String(cString: strerror(errno)))
        }
        let name = URL(fileURLWithPath: finalPath).lastPathComponent
        let sidecar = finalPath + ".sha256"
        try ExportFileError.wrapping(.write, path: sidecar) {
            try Data("\(digest)  \(name)\n".utf8).write(to: URL(fileURLWithPath: sidecar), options: .atomic)
        }
        return digest
    }

    /// `data` as one complete gzip member (header, deflate stream, CRC-32 and length).
    private static func gzipMember(of data: some DataProtocol, with compressor: ZlibCompressor) throws -> Data {
        try compressor.reset()
        var input = ByteBuffer(bytes: data)
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        try compressor.deflate(from: &input, to: &output, flush: .finish)
        return output.withUnsafeReadableBytes { Data($0) }
    }
}
