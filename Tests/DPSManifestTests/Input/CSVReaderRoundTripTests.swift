import Foundation
import Testing

@testable import DPSManifest

/// Writes generated records as CSV and checks that every chunking reads back the same fields and start lines.
struct CSVReaderRoundTripTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "\r", "é", "日", "🙂", "x", "-"]

    static func makeRecords(seed: UInt64, count: Int) -> [[String]] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            (0..<(1 + generator.below(5))).map { _ in
                (0..<generator.below(12)).map { _ in alphabet[generator.below(alphabet.count)] }.joined()
            }
        }
    }

    /// Encodes records as CSV, quoting what needs it; returns the bytes and each record's start line.
    static func encode(_ records: [[String]], lineEnding: String) -> (bytes: [UInt8], lines: [Int]) {
        var text = ""
        var lines: [Int] = []
        var line = 1
        for fields in records {
            lines.append(line)
            let encoded = fields.map { field -> String in
                let needsQuotes =
                    field.isEmpty || field.contains { ",\"\r\n".contains($0) }
                    || field.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
                return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
            text += encoded + lineEnding
            line += encoded.utf8.filter { $0 == 0x0A }.count + 1
        }
        return (Array(text.utf8), lines)
    }

    @Test(arguments: [1, 2, 3], InputChunking.all)
    func readsBackWhatWasWritten(seed: Int, chunking: InputChunking) throws {
        let records = Self.makeRecords(seed: UInt64(seed), count: 200)
        for lineEnding in ["\n", "\r\n"] {
            let (bytes, lines) = Self.encode(records, lineEnding: lineEnding)
            let read = try readAllRecords(chunking.csvReader(bytes))
            #expect(read.map(\.fields) == records)
            #expect(read.map(\.line) == lines)
        }
    }
}
