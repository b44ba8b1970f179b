import Testing

@testable import DPSManifest

struct CSVReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var expected: [CSVRecord]
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ expected: [(Int, [String])]) {
            self.init(name, Array(input.utf8), expected)
        }

        init(_ name: String, _ input: [UInt8], _ expected: [(Int, [String])]) {
            self.name = name
            self.input = input
            self.expected = expected.map { CSVRecord(line: $0.0, fields: $0.1) }
        }
    }

    static let cases: [Case] = [
        Case("LF records", "a,b,c\n1,2,3\n", [(1, ["a", "b", "c"]), (2, ["1", "2", "3"])]),
        Case("no trailing newline", "a,b\n1,2", [(1, ["a", "b"]), (2, ["1", "2"])]),
        Case("CRLF records", "a,b\r\n1,2\r\n", [(1, ["a", "b"]), (2, ["1", "2"])]),
        Case("CRLF without trailing newline", "a,b\r\n1,2", [(1, ["a", "b"]), (2, ["1", "2"])]),
        Case("CR at the very end", "a,b\r", [(1, ["a", "b"])]),
        Case("BOM skipped", [0xEF, 0xBB, 0xBF] + Array("id,x\n1,2\n".utf8), [(1, ["id", "x"]), (2, ["1", "2"])]),
        Case("BOM only", [0xEF, 0xBB, 0xBF], []),
        Case(
            "BOM not at start is data",
            Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8),
            [(1, ["a"]), (2, ["\u{FEFF}b"])]
        ),
        Case("empty input", "", []),
        Case("only line breaks", "\n\n\r\n\n", []),
        Case("blank lines skipped but counted", "a\n\n\nb\r\n\r\nc\n\n", [(1, ["a"]), (4, ["b"]), (6, ["c"])]),
        Case("empty fields", "a,,b\n,\nx,\n", [(1, ["a", "", "b"]), (2, ["", ""]), (3, ["x", ""])]),
        Case("whitespace is data", " \n a , b \n", [(1, [" "]), (2, [" a ", " b "])]),
        Case("quoted commas", "\"a,b\",c\n", [(1, ["a,b", "c"])]),
        Case("doubled quotes", "\"say \"\"hi\"\"\",x\n\"\"\"\"\n", [(1, ["say \"hi\"", "x"]), (2, ["\""])]),
        Case("empty quoted fields", "\"\",\"\"\n\"\"\n", [(1, ["", ""]), (2, [""])]),
        Case("quoted field then trailing comma", "\"a\",\n", [(1, ["a", ""])]),
        Case("quoted at EOF without newline", "a,\"b\"", [(1, ["a", "b"])]),
        Case("quoted at EOF after CR", "\"b\"\r", [(1, ["b"])]),
        Case(
            "embedded LF moves the next start line",
            "h\n\"l1\nl2\nl3\",x\nnext,y\n",
            [(1, ["h"]), (2, ["l1\nl2\nl3", "x"]), (5, ["next", "y"])]
        ),
        Case("embedded CRLF kept as is", "\"a\r\nb\",c\r\nd,e\r\n", [(1, ["a\r\nb", "c"]), (3, ["d", "e"])]),
        Case("lone CR inside quotes is data", "\"a\rb\"\nc\n", [(1, ["a\rb"]), (2, ["c"])]),
        Case("line break right after opening quote", "\"\nx\"\ny\n", [(1, ["\nx"]), (3, ["y"])]),
        Case("blank lines after a multi-line record", "\"x\ny\"\n\n\nz\n", [(1, ["x\ny"]), (5, ["z"])]),
        Case("quotes mixed with unquoted fields", "1,\"a\"\"b\",3\n", [(1, ["1", "a\"b", "3"])]),
        Case("UTF-8 text", "ü,日本,\"🙂,x\"\n", [(1, ["ü", "日本", "🙂,x"])]),
    ]

    @Test(arguments: cases, InputChunking.all)
    func reads(_ testCase: Case, _ chunking: InputChunking) throws {
        let records = try readAllRecords(chunking.csvReader(testCase.input))
        #expect(records == testCase.expected)
    }

    @Test func reportsBytesConsumed() throws {
        let reader = CSVReader(bytes: Array("a,b\n\"c\nd\",e\n".utf8))
        _ = try reader.next()
        #expect(reader.bytesConsumed == 4)
        _ = try reader.next()
        #expect(try reader.next() == nil)
        #expect(reader.bytesConsumed == 12)
    }

    @Test func keepsReturningNilAtEnd() throws {
        let reader = CSVReader(bytes: Array("a\n".utf8))
        #expect(try reader.next()?.fields == ["a"])
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }
}
