import DPSAge

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV reader that yields each record with the physical line it starts on.
///
/// It reads the input in 256 KiB chunks, so memory stays constant however large the file is; a `.gz` file is
/// decompressed as it is read (see ``init(path:)``).
///
/// - Fields are separated by `,`; records end at LF or CRLF. A carriage return outside quotes that is not followed by
///   a line feed is an error (`bare-carriage-return`): CR-only line endings are not supported, and silently keeping
///   the CR in a value would hide it.
/// - A quoted field may hold commas, doubled quotes (`""` → `"`) and line breaks; a CR, LF or CRLF inside quotes is
///   kept as is. The next record's line number counts those line breaks.
/// - A UTF-8 byte order mark at the very start is skipped. A trailing line break at the end of the file does not
///   make an empty record, and completely empty lines between records are skipped (but counted).
/// - `a,,b` has an empty middle field; a trailing comma gives an empty last field.
/// - A field is capped at ``defaultMaximumFieldBytes``, a record at ``defaultMaximumRecordBytes`` and
///   ``defaultMaximumFieldCount`` fields, so that a missing closing quote cannot pull the whole file into memory
///   and a row of a million empty fields (16 bytes of `String` each) cannot cost megabytes.
///
/// ```swift
/// let reader = try CSVReader(path: "devices.csv")
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
///
/// The reader is a cursor over one input: use it from one task at a time.
public final class CSVReader {
    /// The largest field, in bytes, before reading fails with `field-too-large` (256 KiB; the service takes at
    /// most 96 KB in one request).
    public static let defaultMaximumFieldBytes = 256 << 10
    /// The largest record, in bytes, before reading fails with `record-too-large` (1 MiB).
    public static let defaultMaximumRecordBytes = 1 << 20
    /// The most fields in a record before reading fails with `too-many-fields` (1,024).
    public static let defaultMaximumFieldCount = 1024
    /// The size of each read from a file (256 KiB).
    static let defaultChunkBytes = 256 << 10

    let input: ChunkedInput
    /// The decompressing source when the input is gzip, for its compression ratio.
    let gzipSource: GzipByteSource?
    let maximumFieldBytes: Int
    let maximumRecordBytes: Int
    let maximumFieldCount: Int
    /// Scratch bytes of the field being assembled on the slow path, reused across fields.
    var fieldBytes: [UInt8] = []
    /// How many fields the previous record had, to size the next one's array.
    var fieldCountHint = 8

    /// Opens the CSV file at `path` for streaming, decompressing it when its name ends in `.gz`.
    ///
    /// - Throws: `file-not-found` or `unreadable`; reading a `.gz` file can throw `gzip-corrupt` or
    ///   `gzip-truncated`.
    /// An age-encrypted file (recognised by its first line) is decrypted with `identities`.
    public convenience init(path: String, identities: [AgeIdentity] = []) throws(ManifestInputError) {
        let source = try openByteSource(path: path, identities: identities)
        self.init(source: source, capacity: Self.defaultChunkBytes, readSize: Self.defaultChunkBytes)
    }

    /// Reads CSV from bytes in memory.
    public convenience init(bytes: [UInt8]) {
        self.init(
            source: MemoryByteSource(bytes: bytes),
            capacity: Self.defaultChunkBytes,
            readSize: Self.defaultChunkBytes
        )
    }

    /// Reads CSV from bytes in memory with a small window and reads of at most `chunkSize` bytes (for tests).
    convenience init(
        bytes: [UInt8],
        chunkSize: Int,
        capacity: Int = 64,
        maximumFieldBytes: Int = CSVReader.defaultMaximumFieldBytes,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes,
        maximumFieldCount: Int = CSVReader.defaultMaximumFieldCount
    ) {
        self.init(
            source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize),
            capacity: capacity,
            readSize: chunkSize,
            maximumFieldBytes: maximumFieldBytes,
            maximumRecordBytes: maximumRecordBytes,
            maximumFieldCount: maximumFieldCount
        )
    }

    init(
        source: any ByteSource,
        capacity: Int,
        readSize: Int,
        maximumFieldBytes: Int = CSVReader.defaultMaximumFieldBytes,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes,
        maximumFieldCount: Int = CSVReader.defaultMaximumFieldCount
    ) {
        self.input = ChunkedInput(source: source, capacity: capacity, readSize: readSize)
        self.gzipSource = source as? GzipByteSource
        self.maximumFieldBytes = maximumFieldBytes
        self.maximumRecordBytes = maximumRecordBytes
        self.maximumFieldCount = maximumFieldCount
    }

    /// How many bytes of the input were consumed so far (for progress reporting); decompressed bytes for gzip.
    public var bytesConsumed: Int { input.consumed }

    /// The next record, or `nil` at the end of the input.
    ///
    /// - Throws: ``ManifestInputError`` with `not-utf8`, `unterminated-quote`, `quote-in-unquoted-field`,
    ///   `text-after-closing-quote`, `bare-carriage-return`, `field-too-large`, `record-too-large`,
    ///   `too-many-fields` or `unreadable`;
    ///   for gzip input also `gzip-corrupt` or `gzip-truncated`.
    ///   After an error the reader's position is unspecified; stop reading.
    public func next() throws(ManifestInputError) -> CSVRecord? {
        guard try startRecord() else { return nil }
        if let length = try unquotedLineLength() {
            let line = input.line
            var fields: [String] = []
            fields.reserveCapacity(fieldCountHint)
            try splitUnquotedLine(length: length) { fields.append(String(decoding: $0, as: UTF8.self)) }
            fieldCountHint = fields.count
            return CSVRecord(line: line, fields: fields)
        }
        return try slowRecord()
    }

    /// Appends the next record to `batch` as slices of its buffer; returns false at the end of the input.
    ///
    /// The same records, lines and errors as ``next()``, without a `String` per field.
    public func next(into batch: inout CSVBatch) throws(ManifestInputError) -> Bool {
        guard try startRecord() else { return false }
        if let length = try unquotedLineLength() {
            batch.startRecord(line: input.line)
            do throws(ManifestInputError) {
                try splitUnquotedLine(length: length) { batch.appendField($0) }
            } catch {
                // The batch keeps only the records before the error.
                batch.removeUnfinishedRecord()
                throw error
            }
            return true
        }
        let record = try slowRecord()
        batch.startRecord(line: record.line)
        for field in record.fields { batch.appendField(field) }
        return true
    }

    /// Reads the first bytes once and skips blank lines; returns false at the end of the input.
    @inline(__always)
    private func startRecord() throws(ManifestInputError) -> Bool {
        try input.startIfNeeded()
        return try skipBlankLines()
    }

    /// The length of the line at the read position (LF excluded) when the window holds all of it and it has no
    /// quote (the fast path); nil otherwise.
    @inline(__always)
    private func unquotedLineLength() throws(ManifestInputError) -> Int? {
        let input = self.input
        while true {
            let start = input.base + input.pos
            let available = input.end - input.pos
            if let newline = memchr(start, 0x0A, available) {
                let length = newline.assumingMemoryBound(to: UInt8.self) - start
                return memchr(start, 0x22, length) == nil ? length : nil
            }
            if input.atEOF || input.isFull { return nil }
            _ = try input.refill()
        }
    }

    /// Skips empty lines (LF or CRLF alone); returns false at the end of the input.
    @inline(__always)
    private func skipBlankLines() throws(ManifestInputError) -> Bool {
        let input = self.input
        while true {
            if input.pos == input.end {
                if try !input.refill() { return false }
            }
            switch input.base[input.pos] {
            case 0x0A:
                input.pos += 1
                input.startLine(at: input.pos)
            case 0x0D:
                try consumeCarriageReturn()
            default:
                return true
            }
        }
    }

    /// Consumes the CR at `pos` and the LF after it; a CR at the very end of the input also ends the line.
    ///
    /// - Throws: `bare-carriage-return` when something other than LF follows.
    func consumeCarriageReturn() throws(ManifestInputError) {
        let input = self.input
        if try input.ensure(2) {
            guard input.base[input.pos + 1] == 0x0A else {
                throw .bareCarriageReturn(line: input.line, column: input.column(at: input.pos))
            }
            input.pos += 2
            input.startLine(at: input.pos)
        } else {
            input.pos += 1
        }
    }

    /// Splits the complete line without quotes at the read position, `length` bytes (terminating LF excluded),
    /// calling `field` with each field's bytes, and moves past it.
    @inline(__always)
    private func splitUnquotedLine(
        length: Int,
        _ field: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ManifestInputError) {
        let input = self.input
        let start = input.base + input.pos
        let line = input.line
        var contentLength = length
        if contentLength > 0 && start[contentLength - 1] == 0x0D { contentLength -= 1 }
        if let cr = memchr(start, 0x0D, contentLength) {
            throw .bareCarriageReturn(line: line, column: cr.assumingMemoryBound(to: UInt8.self) - start + 1)
        }
        if contentLength > maximumRecordBytes {
            throw .recordTooLarge(line: line, limit: maximumRecordBytes)
        }
        // One check of the whole line settles UTF-8 for the usual ASCII line; otherwise each field is checked.
        let isASCII = UTF8Text.isASCII(UnsafeBufferPointer(start: start, count: contentLength))
        let lineEnd = start + contentLength
        var fieldStart = start
        var fieldCount = 0
        while true {
            let comma = memchr(fieldStart, 0x2C, lineEnd - fieldStart)
            let fieldEnd = comma?.assumingMemoryBound(to: UInt8.self) ?? lineEnd
            let bytes = UnsafeBufferPointer(start: fieldStart, count: fieldEnd - fieldStart)
            if bytes.count > maximumFieldBytes {
                throw .fieldTooLarge(
                    line: line,
                    column: fieldStart - start + 1,
                    limit: maximumFieldBytes,
                    quoted: false
                )
            }
            if !isASCII, let offset = UTF8Text.firstInvalidOffset(bytes) {
                throw .notUTF8(line: line, column: fieldStart - start + 1 + offset)
            }
            guard fieldCount < maximumFieldCount else {
                throw .tooManyFields(line: line, limit: maximumFieldCount)
            }
            field(bytes)
            fieldCount += 1
            guard comma != nil else { break }
            fieldStart = fieldEnd + 1
        }
        input.pos += length + 1
        input.startLine(at: input.pos)
    }
}

@available(*, unavailable, message: "a CSVReader is a cursor over one input; use it from one task")
extension CSVReader: Sendable {}
