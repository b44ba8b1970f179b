import Foundation
import Testing

@testable import DPSManifest

/// A row's width is bounded: a million empty fields cost a clear error, not megabytes of `String`s.
struct CSVReaderWidthTests {
    @Test(arguments: [8, 1 << 20])
    func aRowWithTooManyFieldsFails(capacity: Int) throws {
        let wide = String(repeating: ",", count: 2000)
        let input = Array("h\n\(wide)\n".utf8)
        let reader = CSVReader(bytes: input, chunkSize: 4096, capacity: capacity)
        let error = try #require(firstInputError(reader))
        #expect(error.code == .tooManyFields)
        #expect(error.line == 2)
        #expect(error.message.contains("1024"))
    }

    @Test func aQuotedWideRowFailsToo() throws {
        let wide = String(repeating: "\"\",", count: 1500)
        let reader = CSVReader(bytes: Array("h\n\(wide)\n".utf8), chunkSize: 7, capacity: 16)
        #expect(firstInputError(reader)?.code == .tooManyFields)
    }

    @Test func aRowAtTheLimitIsRead() throws {
        let row = Array(repeating: "x", count: CSVReader.defaultMaximumFieldCount).joined(separator: ",")
        let records = try readAllRecords(CSVReader(bytes: Array("\(row)\n".utf8), chunkSize: 512))
        #expect(records.first?.fields.count == CSVReader.defaultMaximumFieldCount)
    }

    @Test func rawRecordsReportTheirSize() {
        #expect(RawRecord.csv(line: 1, fields: ["ab", ""]).approximateBytes == 16 + 18 + 16)
        #expect(RawRecord.jsonLine(line: 1, text: "{}").approximateBytes == 18)
    }
}
