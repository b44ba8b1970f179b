import PropertyBased
import Testing

@testable import DPSManifest

/// The CSV reader into a batch buffer (``CSVReader/next(into:)``) against the reader of strings
/// (``CSVReader/next()``) on generated input: the same records, lines and fields, and the same error.
struct CSVBatchProperties {
    @Test func batchReadingGivesTheRecordsAndErrorOfStringReading() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(ManifestReaderProperties.csvTokens, parts: 60)) {
            text in
            Self.compare(Array(text.utf8))
        }
    }

    @Test func batchReadingOnArbitraryBytes() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.bytes(upTo: 200)) { bytes in
            Self.compare(bytes)
        }
    }

    /// Compares the two readers with the default window and with a 64-byte window fed 7 bytes at a time.
    static func compare(_ bytes: [UInt8]) {
        compare(bytes, CSVReader(bytes: bytes), CSVReader(bytes: bytes))
        compare(bytes, CSVReader(bytes: bytes, chunkSize: 7), CSVReader(bytes: bytes, chunkSize: 7))
    }

    static func compare(_ bytes: [UInt8], _ strings: CSVReader, _ slices: CSVReader) {
        var expected: [CSVRecord] = []
        var expectedError: ManifestInputError?
        do {
            while let record = try strings.next() { expected.append(record) }
        } catch {
            expectedError = error
        }
        var batch = CSVBatch()
        var error: ManifestInputError?
        do {
            while try slices.next(into: &batch) {}
        } catch let thrown {
            error = thrown
        }
        let records = batch.mapRows { CSVRecord(line: $0.line, fields: $0.strings()) }
        #expect(records == expected)
        #expect(error == expectedError)
    }
}
