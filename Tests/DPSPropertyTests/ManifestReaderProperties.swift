import DPSManifest
import Foundation
import PropertyBased
import Testing

/// The CSV and JSON-lines readers on generated input: every input ends in records or a coded error, never a
/// trap, and no record is wider than the reader's bounds.
struct ManifestReaderProperties {
    static let csvTokens = [
        ",", "\"", "\"\"", "\n", "\r\n", "\r", "a", "registrationId", "symmetricKey", " ", "\u{FEFF}", "\u{0}",
        "\u{1B}", "é", "\u{FF}",
    ]

    @Test func csvReaderEndsInRecordsOrACodedError() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(Self.csvTokens, parts: 60)) { text in
            Self.readCSV(Array(text.utf8))
        }
    }

    @Test func csvReaderOnArbitraryBytes() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.bytes(upTo: 200)) { bytes in
            Self.readCSV(bytes)
        }
    }

    static func readCSV(_ bytes: [UInt8]) {
        let reader = CSVReader(bytes: bytes)
        var records = 0
        do {
            while let record = try reader.next() {
                records += 1
                #expect(record.fields.count <= CSVReader.defaultMaximumFieldCount)
                #expect(record.line >= 1)
            }
        } catch {
            #expect(!error.code.rawValue.isEmpty)
        }
        #expect(records <= bytes.count + 1)
    }

    static let jsonTokens = [
        "{", "}", "[", "]", "\"", ":", ",", "\n", "registrationId", "attestation", "type", "tpm", "symmetricKey",
        "x509", "1", "-", "e", "9999999999999999999999", "true", "null", "\\u0000", "\\ud800", "\\", " ",
    ]

    @Test func jsonLinesMapToRecordsOrFindingsNeverTraps() async {
        let mapper = JSONLineMapper(file: "fuzz.jsonl")
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(Self.jsonTokens, parts: 40)) { text in
            let reader = LineReader(bytes: Array(text.utf8))
            do {
                while let line = try reader.next() {
                    let record = mapper.record(text: line.text, line: line.line)
                    #expect(record.source.line == line.line)
                }
            } catch let error as ManifestInputError {
                #expect(!error.code.rawValue.isEmpty)
            }
        }
    }
}
