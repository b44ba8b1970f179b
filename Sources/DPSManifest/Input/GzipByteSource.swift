import CZlib
import DPSAge

/// Hands out the decompressed bytes of a gzip file (RFC 1952), reading the compressed bytes in chunks.
///
/// Memory stays constant: one input chunk plus zlib's 32 KiB window, whatever the file size. A file of several gzip
/// members one after another (what `cat a.gz b.gz` makes, and what `dpsbulk export` writes, one member per page)
/// reads as the concatenation of their contents, as `gunzip` does. A file that is not gzip, whose data is damaged
/// (a CRC or length check fails) or that has bytes after its last member fails with `gzip-corrupt`; a file that ends
/// inside a member (or is empty) fails with `gzip-truncated`.
///
/// zlib is used directly (the system library, through the `CZlib` module map): CompressNIO's inflate API does not
/// report where a member ends, which is needed to start the next member on the leftover input.
final class GzipByteSource: ByteSource {
    /// The size of each read of compressed bytes (64 KiB).
    static let defaultInputChunkBytes = 64 << 10

    private var source: any ByteSource
    /// The file's path, for messages.
    private let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let inputBuffer: UnsafeMutablePointer<UInt8>
    private let inputChunkBytes: Int
    /// True once `source` reported the end of the compressed bytes.
    private var sourceAtEOF = false
    /// True between the end of one member and the first byte of the next (or the end of the file).
    private var betweenMembers = false
    /// True once the last member ended and the input is exhausted.
    private var finished = false

    /// How many gzip members were read to their end.
    private(set) var membersRead = 0
    /// How many compressed bytes zlib consumed so far.
    private(set) var compressedBytesConsumed = 0
    /// How many decompressed bytes were handed out so far.
    private(set) var bytesProduced = 0

    /// Opens the gzip file at `path`.
    ///
    /// - Throws: `file-not-found` or `unreadable`.
    convenience init(path: String) throws(ManifestInputError) {
        try self.init(source: FileByteSource(path: path), path: path)
    }

    /// Decompresses the bytes `source` hands out, reading at most `inputChunkBytes` of them at a time.
    init(
        source: any ByteSource,
        path: String = "the gzip data",
        inputChunkBytes: Int = GzipByteSource.defaultInputChunkBytes
    ) {
        precondition(inputChunkBytes > 0, "inputChunkBytes must be positive")
        self.source = source
        self.path = path
        self.inputChunkBytes = min(inputChunkBytes, Int(UInt32.max))
        self.inputBuffer = .allocate(capacity: self.inputChunkBytes)
        self.stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + 15: a gzip wrapper (not zlib or raw deflate) and the largest window, as gzip writes.
        let status = inflateInit2_(stream, 16 + 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "inflateInit2 failed (\(status)): out of memory")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        inputBuffer.deallocate()
    }

    /// True when the whole file was decompressed and checked.
    var isFinished: Bool { finished }

    /// The decompressed size of a file of `compressedSize` bytes: exact once the whole file was read, otherwise
    /// scaled by the compression ratio of the bytes consumed so far; nil before any compressed byte was consumed.
    func estimatedDecompressedSize(compressedSize: Int) -> Int? {
        if finished { return bytesProduced }
        guard compressedBytesConsumed > 0 else { return nil }
        let ratio = Double(bytesProduced) / Double(compressedBytesConsumed)
        // Saturating: a sparse file's size times a bomb's ratio can pass Int.max.
        let estimate = min(Double(compressedSize) * ratio, Double(Int.max / 2))
        return max(bytesProduced, estimate.isFinite ? Int(estimate) : Int.max / 2)
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(ManifestInputError) -> Int {
        guard count > 0 else { return 0 }
        let outputCount = min(count, Int(UInt32.max))
        while !finished {
            if stream.pointee.avail_in == 0 && !sourceAtEOF { try refillInput() }
            if stream.pointee.avail_in == 0 && sourceAtEOF {
                if betweenMembers {
                    finished = true
                    return 0
                }
                throw compressedBytesConsumed == 0 ? .gzipEmpty() : .gzipTruncated(offset: compressedBytesConsumed)
            }
            if betweenMembers {
                // More bytes after a member's end: they must be the next member.
                inflateReset(stream)
                betweenMembers = false
            }
            stream.pointee.next_out = destination
            stream.pointee.avail_out = UInt32(outputCount)
            let inputBefore = Int(stream.pointee.avail_in)
            let status = inflate(stream, Z_NO_FLUSH)
            compressedBytesConsumed += inputBefore - Int(stream.pointee.avail_in)
            let produced = outputCount - Int(stream.pointee.avail_out)
            bytesProduced += produced
            switch status {
            case Z_STREAM_END:
                membersRead += 1
                betweenMembers = true
            case Z_OK:
                break
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                break  // needs more input: the loop reads it
            case Z_MEM_ERROR:
                throw .unreadable(path: path, reason: "out of memory while decompressing")
            default:
                throw corruption(status: status)
            }
            if produced > 0 { return produced }
        }
        return 0
    }

    /// Reads the next chunk of compressed bytes into the input buffer (called only when zlib consumed all input).
    private func refillInput() throws(ManifestInputError) {
        let n = try source.read(into: inputBuffer, count: inputChunkBytes)
        if n == 0 {
            sourceAtEOF = true
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            return
        }
        stream.pointee.next_in = inputBuffer
        stream.pointee.avail_in = UInt32(n)
    }

    /// The error for a failed inflate: not gzip at all, bytes after the last member, or damaged data.
    private func corruption(status: Int32) -> ManifestInputError {
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        let atMemberStart = stream.pointee.total_out == 0 && stream.pointee.total_in <= 10
        if reason == "incorrect header check" && atMemberStart {
            return membersRead == 0
                ? .notGzip() : .gzipTrailingData(members: membersRead, offset: compressedBytesConsumed)
        }
        return .gzipCorrupt(reason: reason, offset: compressedBytesConsumed)
    }
}

/// The bytes of the file at `path`: decrypted by an ``AgeByteSource`` when the file starts with the age v1 header
/// (whatever its name), then decompressed by a ``GzipByteSource`` when its name, without `.age`, ends in `.gz`.
func openByteSource(path: String, identities: [AgeIdentity] = []) throws(ManifestInputError) -> any ByteSource {
    var source: any ByteSource = try FileByteSource(path: path)
    if try AgeByteSource.isAge(head: fileHead(path: path, count: 64)) {
        source = try AgeByteSource(source: source, identities: identities, path: path)
    }
    if ManifestFormat.isGzip(path: path) { return GzipByteSource(source: source, path: path) }
    return source
}

/// The first `count` bytes of the file at `path` (fewer when it is shorter).
func fileHead(path: String, count: Int) throws(ManifestInputError) -> [UInt8] {
    let source = try FileByteSource(path: path)
    var head = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
        let n = try head.withUnsafeMutableBufferPointer { buffer throws(ManifestInputError) in
            try source.read(into: buffer.baseAddress! + filled, count: count - filled)
        }
        if n == 0 { break }
        filled += n
    }
    return Array(head[..<filled])
}
