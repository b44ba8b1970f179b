import DPSAge
import Foundation

/// Options for reading a manifest.
public struct ManifestReadOptions: Sendable {
    /// The format; nil to choose it from the file extension (looking through `.gz`), or from the first character for
    /// other names.
    public var format: ManifestFormat?
    /// Accept CSV columns dpsbulk does not know (they are ignored) instead of refusing the manifest.
    public var allowUnknownColumns: Bool
    /// The identities that decrypt an age-encrypted manifest or backup (recognised by its first line).
    public var ageIdentities: [AgeIdentity]

    public init(format: ManifestFormat? = nil, allowUnknownColumns: Bool = false, ageIdentities: [AgeIdentity] = []) {
        self.format = format
        self.allowUnknownColumns = allowUnknownColumns
        self.ageIdentities = ageIdentities
    }
}

/// A manifest record as read, before it is turned into an enrollment: cheap to read on one thread, so that the
/// mapping and validation can run on others.
public enum RawRecord: Sendable {
    /// A CSV data row.
    case csv(line: Int, fields: [String])
    /// A non-blank JSON line.
    case jsonLine(line: Int, text: String)

    /// What the record holds in memory, roughly: its text plus 16 bytes of `String` per field.
    ///
    /// Batches of records are cut on this as well as on a count, so memory in flight is bounded in bytes whatever
    /// the records look like.
    public var approximateBytes: Int {
        switch self {
        case .csv(_, let fields): fields.reduce(16) { $0 + 16 + $1.utf8.count }
        case .jsonLine(_, let text): 16 + text.utf8.count
        }
    }

    /// The line where the record starts.
    public var line: Int {
        switch self {
        case .csv(let line, _), .jsonLine(let line, _): line
        }
    }
}

/// Consecutive raw records of one manifest, read on one thread to be checked on another.
public enum RawBatch: Sendable {
    /// CSV rows, as slices of one buffer.
    case csv(CSVBatch)
    /// JSON lines.
    case records([RawRecord])

    /// The number of records.
    public var count: Int {
        switch self {
        case .csv(let batch): batch.count
        case .records(let records): records.count
        }
    }

    /// What the records hold in memory, by the measure of ``RawRecord/approximateBytes``.
    public var approximateBytes: Int {
        switch self {
        case .csv(let batch): batch.approximateBytes
        case .records(let records): records.reduce(0) { $0 + $1.approximateBytes }
        }
    }
}

/// Turns raw records into manifest records; a value that can be sent to other threads.
public enum RecordMapper: Sendable {
    case csv(CSVRowMapper)
    case jsonLines(JSONLineMapper)

    /// The manifest record for a raw record.
    public func map(_ raw: RawRecord) -> ManifestRecord {
        switch (self, raw) {
        case (.csv(let mapper), .csv(let line, let fields)): mapper.record(fields: fields, line: line)
        case (.jsonLines(let mapper), .jsonLine(let line, let text)): mapper.record(text: text, line: line)
        default: preconditionFailure("a raw record of one format given to the mapper of the other")
        }
    }
}

/// Reads a CSV or JSON-lines manifest one record at a time, in constant memory whatever the file size; a file whose
/// name ends in `.gz` is decompressed as it is read (several concatenated gzip members are one manifest).
public final class ManifestReader {
    /// The manifest path as the user gave it.
    public let file: String
    /// The manifest's format.
    public let format: ManifestFormat
    /// The CSV header, for CSV manifests.
    public let header: CSVHeader?
    /// The mapper that turns this manifest's raw records into records.
    public let mapper: RecordMapper

    private let csv: CSVReader?
    private let lines: LineReader?

    /// Opens a manifest and, for CSV, reads its header.
    public init(path: String, options: ManifestReadOptions = ManifestReadOptions()) throws(ManifestError) {
        self.file = path
        let format: ManifestFormat
        if let chosen = options.format ?? ManifestFormat(pathExtensionOf: path) {
            format = chosen
        } else {
            format = try Self.sniffFormat(path, identities: options.ageIdentities)
        }
        self.format = format
        let baseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent()
        switch format {
        case .csv:
            let reader = try Self.input(path) { () throws(ManifestInputError) in
                try CSVReader(path: path, identities: options.ageIdentities)
            }
            guard let first = try Self.input(path, { () throws(ManifestInputError) in try reader.next() }) else {
                throw ManifestError(
                    code: "no-header",
                    file: path,
                    message: "the CSV file is empty: it needs a header row such as "
                        + "registrationId,attestation,endorsementKey"
                )
            }
            let header = try CSVHeader(
                fields: first.fields,
                file: path,
                allowUnknownColumns: options.allowUnknownColumns
            )
            self.csv = reader
            self.lines = nil
            self.header = header
            self.mapper = .csv(CSVRowMapper(header: header, file: path, baseDirectory: baseDirectory))
        case .jsonLines:
            self.csv = nil
            self.lines = try Self.input(path) { () throws(ManifestInputError) in
                try LineReader(path: path, identities: options.ageIdentities)
            }
            self.header = nil
            self.mapper = .jsonLines(JSONLineMapper(file: path))
        }
    }

    /// The size of the file in bytes, when known (compressed bytes for a gzip file).
    public var fileSize: Int? {
        (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
    }

    /// Bytes of the manifest's content read so far (for progress); decompressed bytes for a gzip file, so compare
    /// them with ``contentSize``, not ``fileSize``.
    public var bytesConsumed: Int { csv?.bytesConsumed ?? lines?.bytesConsumed ?? 0 }

    /// The size of the manifest's content in bytes, when known: the file size for a plain file; for a gzip file its
    /// decompressed size, estimated from the compression ratio of what was decompressed so far (exact once the whole
    /// file was read), or nil before anything was.
    public var contentSize: Int? {
        guard let size = fileSize else { return nil }
        guard let gzip = csv?.gzipSource ?? lines?.gzipSource else { return size }
        return gzip.estimatedDecompressedSize(compressedSize: size)
    }

    /// The next raw record, or nil at the end of the file.
    public func nextRaw() throws(ManifestError) -> RawRecord? {
        do {
            if let csv {
                guard let record = try csv.next() else { return nil }
                return .csv(line: record.line, fields: record.fields)
            }
            while let (line, text) = try lines!.next() {
                if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return .jsonLine(line: line, text: text)
            }
            return nil
        } catch {
            throw ManifestError(input: error, file: file)
        }
    }

    /// The next records, up to `maximumRecords` of them and until their ``RawRecord/approximateBytes`` reach
    /// `maximumBytes` (the record that crosses it included); fewer than both only at the end of the file.
    public func nextBatch(maximumRecords: Int, maximumBytes: Int) throws(ManifestError) -> RawBatch {
        guard let csv else {
            var records: [RawRecord] = []
            records.reserveCapacity(maximumRecords)
            var bytes = 0
            while records.count < maximumRecords, bytes < maximumBytes, let raw = try nextRaw() {
                bytes += raw.approximateBytes
                records.append(raw)
            }
            return .records(records)
        }
        var batch = CSVBatch()
        batch.reserveCapacity(
            records: maximumRecords,
            bytesPerRecord: min(maximumBytes / max(1, maximumRecords), 1024),
            fieldsPerRecord: header?.names.count ?? 8
        )
        do throws(ManifestInputError) {
            while batch.count < maximumRecords, batch.approximateBytes < maximumBytes, try csv.next(into: &batch) {}
        } catch {
            throw ManifestError(input: error, file: file)
        }
        return .csv(batch)
    }

    /// The next record, mapped, or nil at the end of the file.
    public func next() throws(ManifestError) -> ManifestRecord? {
        try nextRaw().map(mapper.map)
    }

    private static func input<T>(
        _ file: String,
        _ body: () throws(ManifestInputError) -> T
    ) throws(ManifestError) -> T {
        do {
            return try body()
        } catch {
            throw ManifestError(input: error, file: file)
        }
    }

    /// JSON lines when the first character (after a byte order mark and white space) is `{`, otherwise CSV; a gzip
    /// file is judged by its decompressed start.
    private static func sniffFormat(
        _ path: String,
        identities: [AgeIdentity]
    ) throws(ManifestError) -> ManifestFormat {
        var head = try plainHead(path)
        if ManifestFormat.isGzip(path: path) || AgeByteSource.isAge(head: head) {
            head = try decodedHead(path, identities: identities)
        }
        let first = head.drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }.first
        return first == UInt8(ascii: "{") ? .jsonLines : .csv
    }

    /// The first 4 KiB of a plain file.
    private static func plainHead(_ path: String) throws(ManifestError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ManifestError(
                code: FileManager.default.fileExists(atPath: path) ? "unreadable" : "file-not-found",
                file: path,
                message: FileManager.default.fileExists(atPath: path)
                    ? "the manifest cannot be opened for reading" : "no such file"
            )
        }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
    }

    /// The first (up to) 4 KiB of a gzip or age file's decrypted and decompressed content.
    private static func decodedHead(_ path: String, identities: [AgeIdentity]) throws(ManifestError) -> [UInt8] {
        try input(path) { () throws(ManifestInputError) in
            var source = try openByteSource(path: path, identities: identities)
            var head = [UInt8](repeating: 0, count: 4096)
            var count = 0
            while count < head.count {
                let n = try head.withUnsafeMutableBufferPointer { buffer throws(ManifestInputError) in
                    try source.read(into: buffer.baseAddress! + count, count: buffer.count - count)
                }
                if n == 0 { break }
                count += n
            }
            return Array(head[..<count])
        }
    }
}

extension ManifestError {
    /// The manifest error for a low-level input error.
    init(input: ManifestInputError, file: String) {
        var message = input.message
        if let line = input.line, message.hasPrefix("line \(line): ") {
            message.removeFirst("line \(line): ".count)
        }
        self.init(code: input.code.rawValue, file: file, line: input.line, message: message)
    }
}
