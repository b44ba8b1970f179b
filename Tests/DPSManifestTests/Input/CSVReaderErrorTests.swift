import Testing

@testable import DPSManifest

struct CSVReaderErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var code: ManifestInputError.Code
        var line: Int
        var column: Int
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ code: ManifestInputError.Code, line: Int, column: Int) {
            self.init(name, Array(input.utf8), code, line: line, column: column)
        }

        init(_ name: String, _ input: [UInt8], _ code: ManifestInputError.Code, line: Int, column: Int) {
            self.name = name
            self.input = input
            self.code = code
            self.line = line
            self.column = column
        }
    }

    static let cases: [Case] = [
        Case("unterminated quote", "a,b\n1,\"2\n3\n", .unterminatedQuote, line: 2, column: 3),
        Case(
            "unterminated quote after a multi-line field",
            "\"x\ny\"\n\n\"open",
            .unterminatedQuote,
            line: 4,
            column: 1
        ),
        Case("quote inside an unquoted field", "a,b\n1,x\"y\n", .quoteInUnquotedField, line: 2, column: 4),
        Case("quote after a space", "a, \"b\"\n", .quoteInUnquotedField, line: 1, column: 4),
        Case("quote in the last line without newline", "a\nb\"", .quoteInUnquotedField, line: 2, column: 2),
        Case("text after closing quote", "a\n\"x\"y,z\n", .textAfterClosingQuote, line: 2, column: 4),
        Case(
            "text after closing quote of a multi-line field",
            "\"a\nb\"c\n",
            .textAfterClosingQuote,
            line: 2,
            column: 3
        ),
        Case("space after closing quote", "\"a\" ,b\n", .textAfterClosingQuote, line: 1, column: 4),
        Case("bare CR in an unquoted field", "a\rb\n", .bareCarriageReturn, line: 1, column: 2),
        Case("bare CR on the last line", "x\na\rb", .bareCarriageReturn, line: 2, column: 2),
        Case("CR-only line endings", "a,b\rc,d\r", .bareCarriageReturn, line: 1, column: 4),
        Case("bare CR at a line start", "a\n\rx\n", .bareCarriageReturn, line: 2, column: 1),
        Case("bare CR after closing quote", "\"a\"\rb", .bareCarriageReturn, line: 1, column: 4),
        Case(
            "invalid UTF-8 in an unquoted field",
            Array("a,b\nx,".utf8) + [0xFF] + Array("y\n".utf8),
            .notUTF8,
            line: 2,
            column: 3
        ),
        Case("invalid UTF-8 on the last line", Array("a\nx,y".utf8) + [0xC3], .notUTF8, line: 2, column: 4),
        Case(
            "invalid UTF-8 inside a multi-line quoted field",
            Array("\"ok\nab".utf8) + [0xFF] + Array("\"\n".utf8),
            .notUTF8,
            line: 2,
            column: 3
        ),
        Case(
            "truncated UTF-8 sequence",
            Array("a,".utf8) + [0xE2, 0x82] + Array("\n".utf8),
            .notUTF8,
            line: 1,
            column: 3
        ),
        Case("UTF-16 byte order mark", [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], .notUTF8, line: 1, column: 1),
    ]

    @Test(arguments: cases, InputChunking.all)
    func fails(_ testCase: Case, _ chunking: InputChunking) throws {
        let error = try #require(firstInputError(chunking.csvReader(testCase.input)))
        #expect(error.code == testCase.code)
        #expect(error.line == testCase.line)
        #expect(error.column == testCase.column)
        #expect(error.message.hasPrefix("line \(testCase.line)"))
    }

    @Test func unterminatedQuoteMessageSaysWhatToFix() {
        let error = firstInputError(CSVReader(bytes: Array("id\n\n\"abc\n".utf8)))
        #expect(error?.message == "line 3: a quoted field opened here (column 1) is never closed (missing closing \")")
    }

    @Test(arguments: InputChunking.all.dropFirst())
    func missingQuoteHitsTheFieldLimit(_ chunking: InputChunking) throws {
        let input = Array("h\n\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100)
        let reader = CSVReader(
            bytes: input,
            chunkSize: chunking.chunkSize!,
            capacity: chunking.capacity,
            maximumFieldBytes: 32
        )
        let error = try #require(firstInputError(reader))
        #expect(error.code == .fieldTooLarge)
        #expect(error.line == 2)
        #expect(error.message.contains("closing quote"))
    }

    @Test(arguments: [
        "a,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", "a,\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",b\n",
    ])
    func longFieldHitsTheFieldLimit(_ text: String) throws {
        let input = Array(text.utf8)
        for capacity in [8, 256] {
            let reader = CSVReader(bytes: input, chunkSize: 3, capacity: capacity, maximumFieldBytes: 32)
            let error = try #require(firstInputError(reader))
            #expect(error.code == .fieldTooLarge)
            #expect(error.line == 1)
            #expect(error.column == 3)
        }
    }

    @Test func fieldExactlyAtTheLimitIsRead() throws {
        let field = String(repeating: "x", count: 32)
        for capacity in [8, 256] {
            let reader = CSVReader(
                bytes: Array("\"\(field)\",\(field)\n".utf8),
                chunkSize: 5,
                capacity: capacity,
                maximumFieldBytes: 32
            )
            #expect(try readAllRecords(reader) == [CSVRecord(line: 1, fields: [field, field])])
        }
    }

    @Test func manySmallFieldsHitTheRecordLimit() throws {
        let input = Array("h\n".utf8) + Array(repeating: Array("ab,".utf8), count: 50).flatMap { $0 } + [0x0A]
        for capacity in [8, 1024] {
            let reader = CSVReader(bytes: input, chunkSize: 4, capacity: capacity, maximumRecordBytes: 64)
            let error = try #require(firstInputError(reader))
            #expect(error.code == .recordTooLarge)
            #expect(error.line == 2)
        }
    }

    @Test func errorsCompareByCode() {
        let a = ManifestInputError(code: .notUTF8, line: 1, message: "one")
        let b = ManifestInputError(code: .notUTF8, line: 9, message: "two")
        #expect(a == b)
        #expect(a != ManifestInputError(code: .unreadable, message: "one"))
        #expect(ManifestInputError.Code.unterminatedQuote.rawValue == "unterminated-quote")
    }

    @Test func stableCodeStrings() {
        let codes: [ManifestInputError.Code] = [
            .fileNotFound, .unreadable, .notUTF8, .unterminatedQuote, .quoteInUnquotedField,
            .textAfterClosingQuote, .fieldTooLarge, .recordTooLarge, .lineTooLarge, .bareCarriageReturn,
        ]
        #expect(
            codes.map(\.rawValue) == [
                "file-not-found", "unreadable", "not-utf8", "unterminated-quote", "quote-in-unquoted-field",
                "text-after-closing-quote", "field-too-large", "record-too-large", "line-too-large",
                "bare-carriage-return",
            ]
        )
    }
}
