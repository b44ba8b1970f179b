import Foundation
import Testing

@testable import DPSManifest

struct LineReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var expected: [(Int, String)]
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ expected: [(Int, String)]) {
            self.init(name, Array(input.utf8), expected)
        }

        init(_ name: String, _ input: [UInt8], _ expected: [(Int, String)]) {
            self.name = name
            self.input = input
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case("empty input", "", []),
        Case("one line without newline", "{}", [(1, "{}")]),
        Case("trailing newline makes no extra line", "{}\n", [(1, "{}")]),
        Case("CRLF and empty lines", "a\r\nb\n\nc", [(1, "a"), (2, "b"), (3, ""), (4, "c")]),
        Case("only a CRLF", "\r\n", [(1, "")]),
        Case("CR at the end of the input stripped", "a\nb\r", [(1, "a"), (2, "b")]),
        Case("CR inside a line kept", "a\rb\n", [(1, "a\rb")]),
        Case(
            "BOM skipped on line 1",
            [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\n{}\n".utf8),
            [(1, "{\"a\":1}"), (2, "{}")]
        ),
        Case("BOM only", [0xEF, 0xBB, 0xBF], []),
        Case("blank lines kept", "\n\n{}\n\n", [(1, ""), (2, ""), (3, "{}"), (4, "")]),
        Case("UTF-8 text", "{\"n\":\"日本🙂\"}\n", [(1, "{\"n\":\"日本🙂\"}")]),
        Case(
            "long line",
            String(repeating: "x", count: 300) + "\ny",
            [(1, String(repeating: "x", count: 300)), (2, "y")]
        ),
    ]

    @Test(arguments: cases, InputChunking.all)
    func reads(_ testCase: Case, _ chunking: InputChunking) throws {
        let lines = try readAllLines(chunking.lineReader(testCase.input))
        #expect(lines == testCase.expected.map { NumberedLine(line: $0.0, text: $0.1) })
    }

    @Test(arguments: InputChunking.all)
    func invalidUTF8ReportsItsLine(_ chunking: InputChunking) throws {
        let input = Array("{}\n\n{\"a\":\"".utf8) + [0xC3, 0x28] + Array("\"}\n{}\n".utf8)
        let error = try #require(firstInputError(chunking.lineReader(input)))
        #expect(error.code == .notUTF8)
        #expect(error.line == 3)
        #expect(error.column == 7)
        #expect(error.message.hasPrefix("line 3, column 7:"))
    }

    @Test func lineAtTheLimitIsReadAndLongerFails() throws {
        let limit = 64
        let atLimit = String(repeating: "a", count: limit)
        let reader = LineReader(
            bytes: Array("\(atLimit)\r\n\(atLimit)".utf8),
            chunkSize: 3,
            capacity: 8,
            maximumLineBytes: limit
        )
        #expect(try readAllLines(reader).map(\.text) == [atLimit, atLimit])

        for capacity in [8, 1024] {
            let tooLong = LineReader(
                bytes: Array("ok\n\(atLimit)a\nok\n".utf8),
                chunkSize: 5,
                capacity: capacity,
                maximumLineBytes: limit
            )
            let error = try #require(firstInputError(tooLong))
            #expect(error.code == .lineTooLarge)
            #expect(error.line == 2)
        }
    }

    @Test func lineWithoutNewlineBeyondTheLimitFails() throws {
        let reader = LineReader(
            bytes: Array(repeating: UInt8(ascii: "x"), count: 500),
            chunkSize: 7,
            capacity: 8,
            maximumLineBytes: 100
        )
        #expect(firstInputError(reader)?.code == .lineTooLarge)
    }

    @Test func readsARealFile() throws {
        var text = ""
        for index in 0..<30_000 { text += index % 10 == 0 ? "\r\n" : "{\"registrationId\":\"device-\(index)\"}\r\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dpsbulk-lines-\(UUID()).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let lines = try readAllLines(LineReader(path: url.path))
        #expect(lines.count == 30_000)
        #expect(lines[0] == NumberedLine(line: 1, text: ""))
        #expect(lines[29_999] == NumberedLine(line: 30_000, text: "{\"registrationId\":\"device-29999\"}"))
    }

    @Test func missingFileIsFileNotFound() {
        let error = #expect(throws: ManifestInputError.self) { try LineReader(path: "/nonexistent/x.jsonl") }
        #expect(error?.code == .fileNotFound)
    }
}
