import Testing

@testable import DPSManifest

/// How a test reader gets its bytes: the public reader (256 KiB window) or a tiny window fed a few bytes per read.
struct InputChunking: Sendable, CustomTestStringConvertible {
    var chunkSize: Int?
    var capacity: Int

    static let all: [InputChunking] = [
        InputChunking(chunkSize: nil, capacity: 0),
        InputChunking(chunkSize: 1, capacity: 8),
        InputChunking(chunkSize: 2, capacity: 8),
        InputChunking(chunkSize: 3, capacity: 16),
        InputChunking(chunkSize: 7, capacity: 64),
        InputChunking(chunkSize: 64, capacity: 64),
    ]

    var testDescription: String {
        chunkSize.map { "reads of \($0) into \(capacity)" } ?? "default window"
    }

    func csvReader(_ bytes: [UInt8]) -> CSVReader {
        guard let chunkSize else { return CSVReader(bytes: bytes) }
        return CSVReader(bytes: bytes, chunkSize: chunkSize, capacity: capacity)
    }

    func lineReader(_ bytes: [UInt8]) -> LineReader {
        guard let chunkSize else { return LineReader(bytes: bytes) }
        return LineReader(bytes: bytes, chunkSize: chunkSize, capacity: capacity)
    }
}

/// Reads every record.
func readAllRecords(_ reader: CSVReader) throws -> [CSVRecord] {
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

/// Reads every line.
func readAllLines(_ reader: LineReader) throws -> [NumberedLine] {
    var lines: [NumberedLine] = []
    while let entry = try reader.next() { lines.append(NumberedLine(line: entry.line, text: entry.text)) }
    return lines
}

/// A line and its text, Equatable for `#expect`.
struct NumberedLine: Equatable, CustomStringConvertible {
    var line: Int
    var text: String
    var description: String { "\(line): \(text.debugDescription)" }
}

/// Reads until the first error and returns it, or nil if the input reads cleanly.
func firstInputError(_ reader: CSVReader) -> ManifestInputError? {
    do {
        while try reader.next() != nil {}
        return nil
    } catch {
        return error
    }
}

/// Reads until the first error and returns it, or nil if the input reads cleanly.
func firstInputError(_ reader: LineReader) -> ManifestInputError? {
    do {
        while try reader.next() != nil {}
        return nil
    } catch {
        return error
    }
}
