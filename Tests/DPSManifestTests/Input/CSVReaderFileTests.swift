import Foundation
import Testing

@testable import DPSManifest

struct CSVReaderFileTests {
    /// Writes `bytes` to a fresh temporary file, runs `body` with its path and removes the file.
    static func withTemporaryFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dpsbulk-input-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    @Test func readsAFileLargerThanOneChunk() throws {
        // ~1 MiB: several 256 KiB reads, with multi-line quoted fields landing on chunk boundaries.
        var text = "registrationId,note\n"
        var expected: [CSVRecord] = [CSVRecord(line: 1, fields: ["registrationId", "note"])]
        var line = 2
        for index in 0..<12_000 {
            let id = "device-\(index)"
            if index % 7 == 0 {
                text += "\(id),\"two\r\nlines, \"\"quoted\"\"\"\r\n"
                expected.append(CSVRecord(line: line, fields: [id, "two\r\nlines, \"quoted\""]))
                line += 2
            } else {
                let note = String(repeating: "n", count: index % 150)
                text += "\(id),\(note)\r\n"
                expected.append(CSVRecord(line: line, fields: [id, note]))
                line += 1
            }
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 3 * CSVReader.defaultChunkBytes)
        let records = try Self.withTemporaryFile(bytes) { path in try readAllRecords(CSVReader(path: path)) }
        #expect(records.count == expected.count)
        #expect(records == expected)
    }

    @Test func missingFileIsFileNotFound() {
        #expect(throws: ManifestInputError(code: .fileNotFound, message: "")) {
            try CSVReader(path: "/nonexistent/dir/devices.csv")
        }
    }

    @Test func directoryIsUnreadable() throws {
        let error = #expect(throws: ManifestInputError.self) {
            let reader = try CSVReader(path: FileManager.default.temporaryDirectory.path)
            _ = try reader.next()
        }
        #expect(error?.code == .unreadable)
        #expect(error?.message.contains("cannot read") == true)
    }

    @Test func fileErrorsCarryLines() throws {
        let error = try Self.withTemporaryFile(Array("a\n\n\"b\n".utf8)) { path in
            firstInputError(try CSVReader(path: path))
        }
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.line == 3)
    }
}
