import DPSAge

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming reader of physical lines (for JSON-lines manifests), each with its 1-based line number.
///
/// Lines end at LF; a CR just before the LF (or at the very end of the input) is stripped, any other CR is kept.
/// A UTF-8 byte order mark at the start of line 1 is skipped. Empty lines are yielded too, so numbering is simply
/// the count of lines read; a final line break does not make an extra empty line. Reads in 256 KiB chunks and keeps
/// at most one line (capped at ``defaultMaximumLineBytes``) in memory. A `.gz` file is decompressed as it is read.
///
/// ```swift
/// let reader = try LineReader(path: "devices.jsonl")
/// while let entry = try reader.next() {
///     if entry.text.isEmpty { continue }
///     print(entry.line, entry.text)
/// }
/// ```
///
/// The reader is a cursor over one input: use it from one task at a time.
public final class LineReader {
    /// The longest line, in bytes without its terminator, before reading fails with `line-too-large` (1 MiB; the
    /// service takes at most 96 KB in one request).
    public static let defaultMaximumLineBytes = 1 << 20

    let input: ChunkedInput
    /// The decompressing source when the input is gzip, for its compression ratio.
    let gzipSource: GzipByteSource?
    let maximumLineBytes: Int

    /// Opens the file at `path` for streaming, decompressing it when its name ends in `.gz`.
    ///
    /// - Throws: `file-not-found` or `unreadable`; reading a `.gz` file can throw `gzip-corrupt` or
    ///   `gzip-truncated`.
    /// An age-encrypted file (recognised by its first line) is decrypted with `identities`.
    public convenience init(path: String, identities: [AgeIdentity] = []) throws(ManifestInputError) {
        let source = try openByteSource(path: path, identities: identities)
        self.init(source: source, capacity: CSVReader.defaultChunkBytes, readSize: CSVReader.defaultChunkBytes)
    }

    /// Reads lines from bytes in memory.
    public convenience init(bytes: [UInt8]) {
        self.init(
            source: MemoryByteSource(bytes: bytes),
            capacity: CSVReader.defaultChunkBytes,
            readSize: CSVReader.defaultChunkBytes
        )
    }

    /// Reads lines from bytes in memory with a small window and reads of at most `chunkSize` bytes (for tests).
    convenience init(
        bytes: [UInt8],
        chunkSize: Int,
        capacity: Int = 16,
        maximumLineBytes: Int = LineReader.defaultMaximumLineBytes
    ) {
        self.init(
            source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize),
            capacity: capacity,
            readSize: chunkSize,
            maximumLineBytes: maximumLineBytes
        )
    }

    init(
        source: any ByteSource,
        capacity: Int,
        readSize: Int,
        maximumLineBytes: Int = LineReader.defaultMaximumLineBytes
    ) {
        self.input = ChunkedInput(source: source, capacity: capacity, readSize: readSize)
        self.gzipSource = source as? GzipByteSource
        self.maximumLineBytes = maximumLineBytes
    }

    /// How many bytes of the input were consumed so far (for progress reporting); decompressed bytes for gzip.
    public var bytesConsumed: Int { input.consumed }

    /// The next physical line without its terminator, or `nil` at the end of the input.
    ///
    /// - Throws: ``ManifestInputError`` with `not-utf8`, `line-too-large` or `unreadable`; for gzip input also
    ///   `gzip-corrupt` or `gzip-truncated`.
    public func next() throws(ManifestInputError) -> (line: Int, text: String)? {
        let input = self.input
        try input.startIfNeeded()
        while true {
            let start = input.base + input.pos
            let available = input.end - input.pos
            if let newline = memchr(start, 0x0A, available) {
                let length = newline.assumingMemoryBound(to: UInt8.self) - start
                let text = try lineText(start, length: length)
                input.pos += length + 1
                input.startLine(at: input.pos)
                return text
            }
            if input.atEOF {
                if available == 0 { return nil }
                let text = try lineText(start, length: available)
                input.pos += available
                return text
            }
            if input.isFull {
                // The window holds part of one line: grow it, up to the limit plus a CRLF.
                if input.capacity >= maximumLineBytes + 2 {
                    throw .lineTooLarge(line: input.line, limit: maximumLineBytes)
                }
                input.grow(to: min(input.capacity * 2, maximumLineBytes + 2))
            }
            _ = try input.refill()
        }
    }

    /// The current line's text from `length` bytes at `start`, without a trailing CR.
    @inline(__always)
    private func lineText(
        _ start: UnsafeMutablePointer<UInt8>,
        length: Int
    ) throws(ManifestInputError)
        -> (line: Int, text: String)
    {
        let line = input.line
        var contentLength = length
        if contentLength > 0 && start[contentLength - 1] == 0x0D { contentLength -= 1 }
        if contentLength > maximumLineBytes {
            throw .lineTooLarge(line: line, limit: maximumLineBytes)
        }
        let bytes = UnsafeBufferPointer(start: start, count: contentLength)
        guard let text = UTF8Text.string(bytes) else {
            throw .notUTF8(line: line, column: (UTF8Text.firstInvalidOffset(bytes) ?? 0) + 1)
        }
        return (line, text)
    }
}

@available(*, unavailable, message: "a LineReader is a cursor over one input; use it from one task")
extension LineReader: Sendable {}
